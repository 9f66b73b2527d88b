import type { HttpBindings } from "@hono/node-server"
import type { FaultKind } from "./faults"
import type { FirmState } from "./state"

/** Hono environment of the sandbox: Node bindings when served over HTTP (absent in-process). */
export interface SandboxEnv {
  Bindings: Partial<HttpBindings>
  Variables: { firmState: FirmState; fault: FaultKind | null }
}
