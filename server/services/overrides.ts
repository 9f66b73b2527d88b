// Individual overrides: one per person and team, optionally per campaign ("" = person-wide).
import { and, eq, sql } from "drizzle-orm"
import { PersonOverrideSchema, type PersonOverride } from "@shared/index"
import { writeTransaction, type Db, type DbLike } from "../db/client"
import { preparedPerDb } from "../db/prepared"
import { NO_CAMPAIGN, overrides } from "../db/schema"
import type { Clock } from "./clock"
import { requireCampaign } from "./campaigns"
import { overrideIssues, refuseIssues } from "./locks"
import { getTeamSettings } from "./settings"

const where = (teamId: string, personKey: string, campaignId: string | undefined) =>
  and(eq(overrides.teamId, teamId), eq(overrides.personKey, personKey), eq(overrides.campaignId, campaignId ?? NO_CAMPAIGN))

/** The stored override for exactly this person (and campaign, when given). */
export function getOverride(db: DbLike, teamId: string, personKey: string, campaignId?: string): PersonOverride | undefined {
  const row = overrideQuery(db).get({ teamId, personKey, campaignId: campaignId ?? NO_CAMPAIGN })
  return row ? PersonOverrideSchema.parse(row.override) : undefined
}

const overrideQuery = preparedPerDb((db) =>
  db
    .select({ override: overrides.override })
    .from(overrides)
    .where(and(eq(overrides.teamId, sql.placeholder("teamId")), eq(overrides.personKey, sql.placeholder("personKey")), eq(overrides.campaignId, sql.placeholder("campaignId"))))
    .prepare(),
)

/** The override a sync for this person in this campaign uses: the campaign's, else the person-wide one. */
export function effectiveOverride(db: DbLike, teamId: string, personKey: string, campaignId?: string): PersonOverride | undefined {
  return (campaignId ? getOverride(db, teamId, personKey, campaignId) : undefined) ?? getOverride(db, teamId, personKey)
}

/**
 * Saves an override after checking it against the team's settings (422 for fields that are not
 * displayed and for locked settings) and that its campaign is the team's (404 naming `campaignId`).
 */
export function saveOverride(db: Db, clock: Clock, teamId: string, userId: string, override: PersonOverride): PersonOverride {
  writeTransaction(db, (tx) => {
    if (override.campaignId) requireCampaign(tx, teamId, override.campaignId, "campaignId")
    refuseIssues("not_allowed", overrideIssues(getTeamSettings(tx, teamId), override))
    const now = clock.now().toISOString()
    tx.insert(overrides)
      .values({ teamId, personKey: override.personKey, campaignId: override.campaignId ?? NO_CAMPAIGN, override, updatedAt: now, updatedBy: userId })
      .onConflictDoUpdate({ target: [overrides.teamId, overrides.personKey, overrides.campaignId], set: { override, updatedAt: now, updatedBy: userId } })
      .run()
  })
  const saved = getOverride(db, teamId, override.personKey, override.campaignId)
  if (!saved) throw new Error("override vanished after saving")
  return saved
}

/** Removes an override; removing one that does not exist is not an error. */
export function deleteOverride(db: Db, teamId: string, personKey: string, campaignId?: string): void {
  if (campaignId) requireCampaign(db, teamId, campaignId, "campaignId")
  db.delete(overrides).where(where(teamId, personKey, campaignId)).run()
}
