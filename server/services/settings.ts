// Team settings: one current row per team plus a versioned history of every change.
import { desc, eq, sql } from "drizzle-orm"
import { alias } from "drizzle-orm/sqlite-core"
import { TeamSettingsSchema, diffSettings, type SettingsHistory, type SettingsResponse, type TeamSettings } from "@shared/index"
import { writeTransaction, type Db, type DbLike } from "../db/client"
import { preparedPerDb } from "../db/prepared"
import { settingsHistory, teamSettings, users } from "../db/schema"
import { conflict, validationFailure } from "../http/errors"
import type { Clock } from "./clock"

/** The team's current settings. Every team has a row from its creation on. */
export function getSettings(db: DbLike, teamId: string): SettingsResponse {
  const row = settingsQuery(db).get({ teamId })
  if (!row) throw new Error(`Team ${teamId} has no settings row`)
  return { settings: TeamSettingsSchema.parse(row.settings), version: row.version, updatedAt: row.updatedAt, updatedBy: row.updatedBy }
}

const settingsQuery = preparedPerDb((db) =>
  db
    .select({ settings: teamSettings.settings, version: teamSettings.version, updatedAt: teamSettings.updatedAt, updatedBy: users.name })
    .from(teamSettings)
    .leftJoin(users, eq(users.id, teamSettings.updatedBy))
    .where(eq(teamSettings.teamId, sql.placeholder("teamId")))
    .prepare(),
)

export function getTeamSettings(db: DbLike, teamId: string): TeamSettings {
  return getSettings(db, teamId).settings
}

export interface ChangeSettingsOptions {
  teamId: string
  userId: string
  /** Optimistic concurrency: 409 (field `baseVersion`) when the stored version differs. */
  baseVersion?: number | undefined
  /** Computes the new settings from the current ones (in the same transaction). */
  change: (current: TeamSettings) => TeamSettings
}

/**
 * Applies a change in one transaction: reads the current settings, computes and validates the next
 * ones, and — when anything differs — stores them as a new version with a history entry naming
 * the changed paths. An unchanged result keeps the version.
 */
export function changeSettings(db: Db, clock: Clock, opts: ChangeSettingsOptions): SettingsResponse {
  writeTransaction(db, (tx) => {
    const current = getSettings(tx, opts.teamId)
    if (opts.baseVersion !== undefined && opts.baseVersion !== current.version) {
      throw conflict(
        "settings_changed",
        `The settings changed since you loaded them (you edited version ${opts.baseVersion}, the team is at version ${current.version}); reload and try again`,
        "baseVersion",
      )
    }
    const parsed = TeamSettingsSchema.safeParse(opts.change(current.settings))
    if (!parsed.success) throw validationFailure(parsed.error, "json")
    const next = parsed.data
    const changes = diffSettings(current.settings, next)
    if (changes.length === 0) return
    const version = current.version + 1
    const now = clock.now().toISOString()
    tx.update(teamSettings)
      .set({ settings: next, version, updatedAt: now, updatedBy: opts.userId })
      .where(eq(teamSettings.teamId, opts.teamId))
      .run()
    tx.insert(settingsHistory).values({ teamId: opts.teamId, version, changedAt: now, changedBy: opts.userId, changes, settings: next }).run()
  })
  return getSettings(db, opts.teamId)
}

/** Every change, newest first. */
export function getSettingsHistory(db: DbLike, teamId: string): SettingsHistory {
  const changer = alias(users, "changer")
  const rows = db
    .select({
      version: settingsHistory.version,
      changedAt: settingsHistory.changedAt,
      changedById: settingsHistory.changedBy,
      changedByName: changer.name,
      changes: settingsHistory.changes,
      settings: settingsHistory.settings,
    })
    .from(settingsHistory)
    .leftJoin(changer, eq(changer.id, settingsHistory.changedBy))
    .where(eq(settingsHistory.teamId, teamId))
    .orderBy(desc(settingsHistory.version))
    .all()
  return {
    history: rows.map((r) => ({
      version: r.version,
      changedAt: r.changedAt,
      changedBy: { id: r.changedById ?? "", name: r.changedByName ?? "(deleted user)" },
      changes: r.changes,
      settings: TeamSettingsSchema.parse(r.settings),
    })),
  }
}
