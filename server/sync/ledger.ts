// The identity ledger: person key → Clockwork person id, per team and firm. Every write here is its
// own small transaction, committed before the Clockwork call it guards (the create intent) or right
// after the answer (the id), so a process killed at any point leaves the truth on disk.
import { and, eq, inArray, ne } from "drizzle-orm"
import type { DbLike } from "../db/client"
import { syncLedger } from "../db/schema"
import type { Clock } from "../services/clock"

export type LedgerRow = typeof syncLedger.$inferSelect

/** How the ledger learned a person's id. */
export type LedgerMatch = "created" | "linkedin_url" | "email" | "recovered"

export interface LedgerKey {
  teamId: string
  firm: string
  personKey: string
}

const where = (k: LedgerKey) => and(eq(syncLedger.teamId, k.teamId), eq(syncLedger.firm, k.firm), eq(syncLedger.personKey, k.personKey))

export function getLedger(db: DbLike, k: LedgerKey): LedgerRow | undefined {
  return db.select().from(syncLedger).where(where(k)).get()
}

/** Writes the create intent: from now on, an unanswered create is looked up, never repeated blindly. */
export function markCreateStarted(db: DbLike, clock: Clock, k: LedgerKey): void {
  const now = clock.now().toISOString()
  db.insert(syncLedger)
    .values({ ...k, createStartedAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [syncLedger.teamId, syncLedger.firm, syncLedger.personKey], set: { createStartedAt: now, updatedAt: now } })
    .run()
}

/** Clears a create intent whose request provably never reached Clockwork. */
export function clearCreateStarted(db: DbLike, clock: Clock, k: LedgerKey): void {
  db.update(syncLedger).set({ createStartedAt: null, updatedAt: clock.now().toISOString() }).where(where(k)).run()
}

/** Records the person's Clockwork id (and clears any create intent). */
export function recordPerson(db: DbLike, clock: Clock, k: LedgerKey, clockworkPersonId: string, matchedBy: LedgerMatch): void {
  const now = clock.now().toISOString()
  const values = { clockworkPersonId, matchedBy, createStartedAt: null, createdAt: now, updatedAt: now }
  db.insert(syncLedger)
    .values({ ...k, ...values })
    .onConflictDoUpdate({ target: [syncLedger.teamId, syncLedger.firm, syncLedger.personKey], set: values })
    .run()
}

/** Forgets a mapping whose Clockwork person no longer exists. */
export function forgetPerson(db: DbLike, k: LedgerKey): void {
  db.delete(syncLedger).where(where(k)).run()
}

/** Which of these Clockwork ids the ledger already gives to another person key of the team and firm. */
export function claimedByOthers(db: DbLike, k: LedgerKey, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set()
  const rows = db
    .select({ id: syncLedger.clockworkPersonId })
    .from(syncLedger)
    .where(
      and(
        eq(syncLedger.teamId, k.teamId),
        eq(syncLedger.firm, k.firm),
        ne(syncLedger.personKey, k.personKey),
        inArray(syncLedger.clockworkPersonId, [...ids]),
      ),
    )
    .all()
  return new Set(rows.map((r) => r.id).filter((x): x is string => !!x))
}
