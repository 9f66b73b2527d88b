// One sync worker per database. A process that finds another live worker (same host, its pid still
// running, or a fresh heartbeat from another host) stands by instead of running the same jobs: two
// workers would each reclaim the other's running jobs and write them twice. A worker that died
// (SIGKILL: its pid is gone) is taken over at once.
import { randomUUID } from "node:crypto"
import { hostname } from "node:os"
import { eq } from "drizzle-orm"
import { writeTransaction, type Db } from "../db/client"
import { syncWorker } from "../db/schema"

const ROW_ID = 1

/** Whether a process with this pid runs on this host. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"
  }
}

export class WorkerLock {
  readonly owner = randomUUID()
  readonly #db: Db
  readonly #staleMs: number
  readonly #host = hostname()

  /** `staleMs`: a heartbeat older than this (real time) frees the lock of a worker on another host. */
  constructor(db: Db, staleMs: number) {
    this.#db = db
    this.#staleMs = staleMs
  }

  /** Takes (or keeps) the lock; returns the holder when it is someone else. */
  acquire(): { held: true } | { held: false; pid: number; host: string } {
    return writeTransaction(this.#db, (tx) => {
      const row = tx.select().from(syncWorker).where(eq(syncWorker.id, ROW_ID)).get()
      const now = new Date().toISOString()
      const mine = { owner: this.owner, pid: process.pid, host: this.#host, heartbeatAt: now }
      if (row && row.owner !== this.owner) {
        const sameHost = row.host === this.#host
        // Another engine of this very process counts as live: it releases the lock when it stops.
        const live = sameHost ? row.pid === process.pid || alive(row.pid) : Date.now() - Date.parse(row.heartbeatAt) < this.#staleMs
        if (live) return { held: false as const, pid: row.pid, host: row.host }
      }
      tx.insert(syncWorker)
        .values({ id: ROW_ID, ...mine })
        .onConflictDoUpdate({ target: syncWorker.id, set: mine })
        .run()
      return { held: true as const }
    })
  }

  /** Gives the lock up (only when this process holds it). */
  release(): void {
    writeTransaction(this.#db, (tx) => {
      const row = tx.select({ owner: syncWorker.owner }).from(syncWorker).where(eq(syncWorker.id, ROW_ID)).get()
      if (row?.owner === this.owner) tx.delete(syncWorker).where(eq(syncWorker.id, ROW_ID)).run()
    })
  }
}
