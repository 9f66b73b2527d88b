// Runs a request against the Cogsync server for a handler: needs a signed-in connection, and
// flushes the outbox whenever the server answers while something is waiting in it.
import type { ServerConnection } from "~lib/api"
import { ServerRequestError } from "~lib/api"
import { flushOutbox, outbox } from "./outbox"
import { requireConnection } from "./session"

export async function withServer<T>(run: (conn: ServerConnection) => Promise<T>): Promise<T> {
  const conn = await requireConnection()
  try {
    const result = await run(conn)
    await flushIfWaiting()
    return result
  } catch (e) {
    if (e instanceof ServerRequestError && e.kind !== "unreachable") await flushIfWaiting()
    throw e
  }
}

async function flushIfWaiting(): Promise<void> {
  const { pending } = await outbox.view()
  // Not awaited: the caller's answer must not wait for the outbox; the alarm covers a stopped worker.
  if (pending.length > 0) void flushOutbox()
}
