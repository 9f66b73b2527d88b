// The persisted outbox: pushes, overrides and campaign adds made in the picker or popup.
//
// Contract:
// - An item is written to chrome.storage before anything is sent, so a service worker stopped
//   mid-push loses nothing; its id is the event id / request id, so sending it again is a no-op
//   on the server. Together: delivered exactly once.
// - An item leaves the outbox only when the server acknowledged it (2xx) or said the item itself is
//   bad (a 4xx): then it moves to the visible "failed" list.
// - Items go out oldest first. When the server cannot be reached the flush stops; when one item
//   must be retried (409, 429, 5xx) later items for the same person wait behind it, so a push
//   never overtakes that person's earlier override.
import type { FailedOutboxItem, OutboxItem, OutboxView } from "@shared/messages"
import type { StorageItem } from "./storage"

export type DeliveryOutcome =
  | { outcome: "delivered" }
  /** The server says the item itself is bad; it will never succeed as it is. */
  | { outcome: "rejected"; message: string; status?: number; field?: string }
  /** Try this item again later; other people's items may go on. */
  | { outcome: "retry"; message: string }
  /** Nothing can be delivered now (server unreachable, not signed in, token refused). */
  | { outcome: "stop"; message: string }

/** Sends one item. `checkpoint` persists progress of a multi-step item before its next step. */
export type Deliver = (item: OutboxItem, checkpoint: (next: OutboxItem) => Promise<void>) => Promise<DeliveryOutcome>

export interface FlushReport {
  delivered: string[]
  rejected: string[]
  /** Set when the flush stopped early (e.g. "Can't reach the Cogsync server"). */
  stoppedBy: string | null
}

export type ItemState = "pending" | "failed" | "gone"

export interface OutboxDeps {
  pending: StorageItem<OutboxItem[]>
  failed: StorageItem<FailedOutboxItem[]>
  now?: () => Date
  /** Called after every change with the new counts (the toolbar badge). */
  onChange?: (counts: { pending: number; failed: number }) => void | Promise<void>
}

export interface Outbox {
  enqueue(item: OutboxItem): Promise<void>
  view(): Promise<OutboxView>
  state(id: string): Promise<ItemState>
  /** Delivers what can be delivered. Concurrent calls share one pass; a call made during a pass gets the next one. */
  flush(deliver: Deliver): Promise<FlushReport>
  /** Moves a failed item back to the outbox (attempts reset). */
  retryFailed(id: string): Promise<boolean>
  /** Removes a failed item for good and returns it. */
  takeFailed(id: string): Promise<FailedOutboxItem | undefined>
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const now = deps.now ?? (() => new Date())

  // NOTE: the service worker is the only writer, so an in-memory mutex is enough to serialise
  // read-modify-write cycles; if the worker stops, the mutex goes with it and storage is intact.
  let chain: Promise<unknown> = Promise.resolve()
  function locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn)
    chain = run.catch(() => undefined)
    return run
  }

  async function changed() {
    if (!deps.onChange) return
    const [p, f] = await Promise.all([deps.pending.get(), deps.failed.get()])
    await deps.onChange({ pending: p.length, failed: f.length })
  }

  const replace = async (next: OutboxItem): Promise<void> => {
    await locked(() => deps.pending.update((items) => items.map((i) => (i.id === next.id ? next : i))))
  }

  async function pass(deliver: Deliver): Promise<FlushReport> {
    const report: FlushReport = { delivered: [], rejected: [], stoppedBy: null }
    const waiting = new Set<string>()
    const snapshot = await deps.pending.get()
    for (const queued of snapshot) {
      if (waiting.has(queued.personKey)) continue
      // Count the attempt before sending: the record survives a worker stopped mid-request.
      const item = await locked(async () => {
        const items = await deps.pending.get()
        const current = items.find((i) => i.id === queued.id)
        if (!current) return undefined
        const attempted = { ...current, attempts: current.attempts + 1, lastAttemptAt: now().toISOString() }
        await deps.pending.set(items.map((i) => (i.id === attempted.id ? attempted : i)))
        return attempted
      })
      if (!item) continue
      let result: DeliveryOutcome
      try {
        result = await deliver(item, replace)
      } catch (e) {
        result = { outcome: "retry", message: e instanceof Error ? e.message : String(e) }
      }
      if (result.outcome === "delivered") {
        await locked(() => deps.pending.update((items) => items.filter((i) => i.id !== item.id)))
        report.delivered.push(item.id)
      } else if (result.outcome === "rejected") {
        await locked(async () => {
          const items = await deps.pending.get()
          const current = items.find((i) => i.id === item.id) ?? item
          await deps.failed.update((failed) => [
            ...failed.filter((f) => f.item.id !== item.id),
            { item: { ...current, lastError: result.message }, failedAt: now().toISOString(), error: errorOf(result) },
          ])
          await deps.pending.set(items.filter((i) => i.id !== item.id))
        })
        report.rejected.push(item.id)
      } else {
        await locked(() => deps.pending.update((items) => items.map((i) => (i.id === item.id ? { ...i, lastError: result.message } : i))))
        if (result.outcome === "stop") {
          report.stoppedBy = result.message
          break
        }
        waiting.add(item.personKey)
      }
    }
    await changed()
    return report
  }

  let running: Promise<FlushReport> | null = null
  let next: Promise<FlushReport> | null = null

  const outbox: Outbox = {
    async enqueue(item) {
      await locked(() => deps.pending.update((items) => (items.some((i) => i.id === item.id) ? items : [...items, item])))
      await changed()
    },
    async view() {
      const [pending, failed] = await Promise.all([deps.pending.get(), deps.failed.get()])
      return { pending, failed }
    },
    async state(id) {
      const { pending, failed } = await outbox.view()
      if (pending.some((i) => i.id === id)) return "pending"
      if (failed.some((f) => f.item.id === id)) return "failed"
      return "gone"
    },
    flush(deliver) {
      if (!running) {
        running = pass(deliver).finally(() => {
          running = null
        })
        return running
      }
      if (!next) {
        next = running.then(
          () => undefined,
          () => undefined,
        ).then(() => {
          next = null
          return outbox.flush(deliver)
        })
      }
      return next
    },
    async retryFailed(id) {
      const moved = await locked(async () => {
        const failed = await deps.failed.get()
        const entry = failed.find((f) => f.item.id === id)
        if (!entry) return false
        await deps.pending.update((items) => [...items, { ...entry.item, attempts: 0, lastError: null, lastAttemptAt: null }])
        await deps.failed.set(failed.filter((f) => f.item.id !== id))
        return true
      })
      await changed()
      return moved
    },
    async takeFailed(id) {
      const taken = await locked(async () => {
        const failed = await deps.failed.get()
        const entry = failed.find((f) => f.item.id === id)
        if (entry) await deps.failed.set(failed.filter((f) => f.item.id !== id))
        return entry
      })
      await changed()
      return taken
    },
  }
  return outbox
}

function errorOf(result: { message: string; status?: number; field?: string }): FailedOutboxItem["error"] {
  const error: FailedOutboxItem["error"] = { message: result.message }
  if (result.status !== undefined) error.status = result.status
  if (result.field !== undefined) error.field = result.field
  return error
}
