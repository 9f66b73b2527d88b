// Runs a request against the Cogsync server for a handler: needs a signed-in connection, records
// whether the server answered, and flushes the outbox as soon as the server is seen again.
import type { ServerConnection } from "~lib/api"
import { ServerRequestError } from "~lib/api"
import { reachableItem } from "~lib/storage"
import { flushOutbox, outbox } from "./outbox"
import { requireConnection } from "./session"

export async function withServer<T>(run: (conn: ServerConnection) => Promise<T>): Promise<T> {
  const conn = await requireConnection()
  try {
    const result = await run(conn)
    await noteReachable(true)
    return result
  } catch (e) {
    if (e instanceof ServerRequestError) await noteReachable(e.kind !== "unreachable")
    throw e
  }
}

async function noteReachable(reachable: boolean): Promise<void> {
  const was = await reachableItem.get()
  if (was !== reachable) await reachableItem.set(reachable)
  if (!reachable) return
  const { pending } = await outbox.view()
  // Not awaited: the caller's answer must not wait for the outbox; the alarm covers a stopped worker.
  if (pending.length > 0) void flushOutbox()
}
