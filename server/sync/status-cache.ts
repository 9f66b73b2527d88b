// The cache of candidacies (person on a Clockwork project, with its status), filled by the engine's
// own writes and by Clockwork's candidacy_updated webhooks. The stage step reads it to avoid paging
// through a project's candidates.
import { and, desc, eq } from "drizzle-orm"
import type { Db } from "../db/client"
import { clockworkStatus } from "../db/schema"
import type { Clock } from "../services/clock"

export type CachedCandidacy = typeof clockworkStatus.$inferSelect

export function cachedCandidacy(db: Db, teamId: string, personId: string, projectId: string): CachedCandidacy | undefined {
  return db
    .select()
    .from(clockworkStatus)
    .where(and(eq(clockworkStatus.teamId, teamId), eq(clockworkStatus.personId, personId), eq(clockworkStatus.projectId, projectId)))
    .orderBy(desc(clockworkStatus.updatedAt))
    .limit(1)
    .get()
}

export interface CandidacyFact {
  candidacyId: string
  personId: string
  projectId: string
  statusId: string | null
  /** Clockwork's updated_at of the candidacy, when known. */
  clockworkUpdatedAt?: string | null
}

/**
 * Stores what Clockwork said of a candidacy. A fact older than the cached one (by Clockwork's
 * updated_at) is ignored, so webhooks delivered out of order never roll a status back. Returns
 * whether the cache changed.
 */
export function rememberCandidacy(db: Db, clock: Clock, teamId: string, fact: CandidacyFact): boolean {
  const current = db
    .select()
    .from(clockworkStatus)
    .where(and(eq(clockworkStatus.teamId, teamId), eq(clockworkStatus.candidacyId, fact.candidacyId)))
    .get()
  if (current?.clockworkUpdatedAt && fact.clockworkUpdatedAt && Date.parse(fact.clockworkUpdatedAt) < Date.parse(current.clockworkUpdatedAt)) return false
  const values = {
    personId: fact.personId,
    projectId: fact.projectId,
    statusId: fact.statusId,
    clockworkUpdatedAt: fact.clockworkUpdatedAt ?? current?.clockworkUpdatedAt ?? null,
    updatedAt: clock.now().toISOString(),
  }
  db.insert(clockworkStatus)
    .values({ teamId, candidacyId: fact.candidacyId, ...values })
    .onConflictDoUpdate({ target: [clockworkStatus.teamId, clockworkStatus.candidacyId], set: values })
    .run()
  return true
}

export function forgetCandidacy(db: Db, teamId: string, candidacyId: string): void {
  db.delete(clockworkStatus)
    .where(and(eq(clockworkStatus.teamId, teamId), eq(clockworkStatus.candidacyId, candidacyId)))
    .run()
}
