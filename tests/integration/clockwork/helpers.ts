// Shared set-up of the Clockwork contract tests: a sandbox on a loopback port seeded with the demo
// firm, clients with short timeouts and backoffs, a fake clock both sides can share, and tiny
// stand-in HTTP servers for answers the sandbox never gives (redirects, malformed bodies).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import {
  DEMO_FIRM,
  createClockworkClient,
  createSandbox,
  type ClockworkClient,
  type ClockworkClientOptions,
  type Sandbox,
  type SandboxOptions,
} from "../../../server/clockwork/index"

export interface Harness {
  sandbox: Sandbox
  url: string
  creds: typeof DEMO_FIRM
  /** A client of the demo firm with fast retries (overridable). */
  client(over?: Partial<ClockworkClientOptions>): ClockworkClient
  /** Every HTTP attempt the clients of this harness made, in order. */
  attempts: { method: string; path: string }[]
  close(): Promise<void>
}

/** Real time shifted to start at 2026-12-04 12:00 UTC, so date rules (Globex is Do Not Contact until 2027-06-30) do not age. */
export function shiftedClock(): () => Date {
  const offset = Date.parse("2026-12-04T12:00:00.000Z") - Date.now()
  return () => new Date(Date.now() + offset)
}

/** Starts a sandbox on port 0 with the demo firm. */
export async function startHarness(opts: SandboxOptions = {}): Promise<Harness> {
  const sandbox = createSandbox({ seed: 42, now: shiftedClock(), ...opts })
  const creds = { ...DEMO_FIRM }
  sandbox.seedDemoFirm()
  const listener = await sandbox.listen(0)
  const attempts: { method: string; path: string }[] = []
  return {
    sandbox,
    url: listener.url,
    creds,
    attempts,
    client: (over = {}) =>
      createClockworkClient({
        baseUrl: listener.url,
        credentials: creds,
        timeoutMs: 2_000,
        retries: 3,
        backoffBaseMs: 2,
        backoffMaxMs: 10,
        beforeRequest: (info) => {
          attempts.push(info)
        },
        ...over,
      }),
    close: () => sandbox.close(),
  }
}

/** A manual clock shared by a sandbox (`now`) and a client (`now`, `sleep`): waits cost no real time. */
export class FakeClock {
  ms = Date.parse("2026-12-04T12:00:00.000Z")
  /** Total ms slept through `sleep`. */
  slept: number[] = []
  readonly date = () => new Date(this.ms)
  readonly now = () => this.ms
  readonly sleep = async (ms: number) => {
    this.slept.push(ms)
    this.ms += ms
  }
}

/** A loopback HTTP server answering with `handler`; records the paths it saw. */
export async function startStub(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = []
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    handler(req, res)
  })
  server.listen(0, "127.0.0.1")
  await new Promise((resolve) => server.once("listening", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Headers of a raw request authenticated as the demo firm. */
export function demoHeaders(scheme = "Token", creds: { apiKey: string; apiSecret: string; serviceKey: string } = DEMO_FIRM): Record<string, string> {
  return {
    Authorization: `${scheme} ${Buffer.from(`${creds.apiKey}:${creds.apiSecret}`).toString("base64")}`,
    "X-API-Key": creds.serviceKey,
    "Content-Type": "application/json",
    Accept: "application/json",
  }
}
