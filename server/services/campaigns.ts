// Campaigns, their sync options and their members.
import { and, asc, desc, eq, getTableColumns, sql } from "drizzle-orm"
import type * as z from "zod"
import {
  CampaignSyncOptionsSchema,
  type AddCampaignMemberRequestSchema,
  type Campaign,
  type CampaignMember,
  type CreateCampaignRequestSchema,
  type UpdateCampaignRequestSchema,
} from "@shared/index"
import { writeTransaction, type Db, type DbLike } from "../db/client"
import { preparedPerDb } from "../db/prepared"
import { campaignMembers, campaigns, memberRequests, people } from "../db/schema"
import { conflict, notFound } from "../http/errors"
import { newId, type Clock } from "./clock"
import { campaignLockIssues, refuseIssues } from "./locks"
import { savePersonCapture } from "./people"
import { getTeamSettings } from "./settings"

const memberCount = sql<number>`(select count(*) from ${campaignMembers} where ${campaignMembers.campaignId} = ${campaigns.id})`

type CampaignRow = typeof campaigns.$inferSelect & { memberCount: number }

function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    name: row.name,
    options: CampaignSyncOptionsSchema.parse(row.options),
    archived: row.archived,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    memberCount: Number(row.memberCount),
  }
}

function selectCampaigns(db: DbLike) {
  return db.select({ ...getTableColumns(campaigns), memberCount }).from(campaigns)
}

export function listCampaigns(db: DbLike, teamId: string, includeArchived: boolean): Campaign[] {
  const where = includeArchived ? eq(campaigns.teamId, teamId) : and(eq(campaigns.teamId, teamId), eq(campaigns.archived, false))
  return selectCampaigns(db).where(where).orderBy(desc(campaigns.createdAt), asc(campaigns.id)).all().map(toCampaign)
}

/** A campaign of the team; undefined for unknown ids and other teams' campaigns. */
export function getCampaign(db: DbLike, teamId: string, id: string): Campaign | undefined {
  const row = campaignQuery(db).get({ id, teamId })
  return row ? toCampaign(row) : undefined
}

const campaignQuery = preparedPerDb((db) =>
  selectCampaigns(db)
    .where(and(eq(campaigns.id, sql.placeholder("id")), eq(campaigns.teamId, sql.placeholder("teamId"))))
    .prepare(),
)

/** Like getCampaign, but a missing campaign is a 404 naming `field`. */
export function requireCampaign(db: DbLike, teamId: string, id: string, field = "id"): Campaign {
  const campaign = getCampaign(db, teamId, id)
  if (!campaign) throw notFound(field, `${field}: no such campaign in your team`)
  return campaign
}

export function createCampaign(db: Db, clock: Clock, teamId: string, userId: string, input: z.output<typeof CreateCampaignRequestSchema>): Campaign {
  const id = writeTransaction(db, (tx) => {
    refuseIssues("locked_setting", campaignLockIssues(getTeamSettings(tx, teamId), input.options))
    const now = clock.now().toISOString()
    const id = newId("cmp")
    tx.insert(campaigns).values({ id, teamId, name: input.name, options: input.options, createdAt: now, createdBy: userId, updatedAt: now }).run()
    return id
  })
  return requireCampaign(db, teamId, id)
}

export type CampaignPatch = z.output<typeof UpdateCampaignRequestSchema>

/** Renames, re-options, archives or restores a campaign. An empty patch changes nothing. */
export function updateCampaign(db: Db, clock: Clock, teamId: string, id: string, patch: CampaignPatch): Campaign {
  writeTransaction(db, (tx) => {
    requireCampaign(tx, teamId, id)
    if (patch.options) refuseIssues("locked_setting", campaignLockIssues(getTeamSettings(tx, teamId), patch.options))
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.options !== undefined ? { options: patch.options } : {}),
      ...(patch.archived !== undefined ? { archived: patch.archived } : {}),
    }
    if (Object.keys(set).length === 0) return
    tx.update(campaigns)
      .set({ ...set, updatedAt: clock.now().toISOString() })
      .where(and(eq(campaigns.id, id), eq(campaigns.teamId, teamId)))
      .run()
  })
  return requireCampaign(db, teamId, id)
}

/** Campaign members with the name Cogsync knows them by. */
function selectMembers(db: DbLike) {
  return db
    .select({ campaignId: campaignMembers.campaignId, personKey: campaignMembers.personKey, name: people.name, addedAt: campaignMembers.addedAt })
    .from(campaignMembers)
    .innerJoin(people, and(eq(people.teamId, campaignMembers.teamId), eq(people.personKey, campaignMembers.personKey)))
}

function getMember(db: DbLike, campaignId: string, personKey: string): CampaignMember | undefined {
  return selectMembers(db)
    .where(and(eq(campaignMembers.campaignId, campaignId), eq(campaignMembers.personKey, personKey)))
    .get()
}

/** A campaign's members in the order they were added. */
export function membersOf(db: DbLike, campaignId: string): CampaignMember[] {
  return selectMembers(db).where(eq(campaignMembers.campaignId, campaignId)).orderBy(asc(campaignMembers.addedAt), asc(campaignMembers.personKey)).all()
}

/**
 * Adds a person to a campaign and stores their capture as the latest one. Idempotent: an existing
 * membership keeps its addedAt (the capture is still refreshed), and a replayed requestId changes
 * nothing at all. `created` says whether the membership is new.
 */
export function addCampaignMember(
  db: Db,
  clock: Clock,
  teamId: string,
  userId: string,
  campaignId: string,
  input: z.output<typeof AddCampaignMemberRequestSchema>,
): { member: CampaignMember; created: boolean } {
  return writeTransaction(db, (tx) => {
    const campaign = requireCampaign(tx, teamId, campaignId)
    if (input.requestId) {
      const seen = tx
        .select()
        .from(memberRequests)
        .where(and(eq(memberRequests.teamId, teamId), eq(memberRequests.requestId, input.requestId)))
        .get()
      if (seen) {
        const member = getMember(tx, seen.campaignId, seen.personKey)
        if (seen.campaignId !== campaignId || seen.personKey !== input.capture.personKey || !member) {
          throw conflict("request_id_reused", "This requestId was already used for another request", "requestId")
        }
        return { member, created: false }
      }
    }
    if (campaign.archived) throw conflict("campaign_archived", `Campaign “${campaign.name}” is archived; restore it to add people`, "id")
    const now = clock.now().toISOString()
    savePersonCapture(tx, teamId, input.capture, now)
    const inserted = tx
      .insert(campaignMembers)
      .values({ campaignId, personKey: input.capture.personKey, teamId, addedAt: now, addedBy: userId })
      .onConflictDoNothing()
      .run()
    if (input.requestId) {
      tx.insert(memberRequests).values({ teamId, requestId: input.requestId, campaignId, personKey: input.capture.personKey, createdAt: now }).run()
    }
    const member = getMember(tx, campaignId, input.capture.personKey)
    if (!member) throw new Error("campaign member vanished inside its transaction")
    return { member, created: inserted.changes > 0 }
  })
}

export function listCampaignMembers(db: DbLike, teamId: string, campaignId: string): CampaignMember[] {
  requireCampaign(db, teamId, campaignId)
  return membersOf(db, campaignId)
}
