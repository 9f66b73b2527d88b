// The Cogsync server's database (SQLite via drizzle). One file, snake_case in SQL.
// Timestamps are ISO-8601 UTC strings. JSON columns hold values already validated by the shared schemas.
// The sync engine adds its own tables (events, jobs, ledger) in a later migration.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core"
import type { CampaignSyncOptions, PersonOverride, ProfileCapture, TeamSettings } from "@shared/index"

export const teams = sqliteTable("teams", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: text("created_at").notNull(),
})

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Lower-cased; unique within a team when present. */
    email: text("email"),
    role: text("role", { enum: ["admin", "recruiter"] }).notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("users_team_idx").on(t.teamId), uniqueIndex("users_team_email_unique").on(t.teamId, t.email)],
)

/** Personal tokens: only the SHA-256 hash is stored. A token is valid while revoked_at is null. */
export const tokens = sqliteTable(
  "tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: text("created_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("tokens_hash_unique").on(t.tokenHash), index("tokens_user_idx").on(t.userId)],
)

/** One row per team with a Clockwork integration; no row means "not connected". */
export const integrations = sqliteTable("integrations", {
  teamId: text("team_id")
    .primaryKey()
    .references(() => teams.id, { onDelete: "cascade" }),
  state: text("state", { enum: ["connected", "needs_attention"] }).notNull(),
  firm: text("firm").notNull(),
  /** AES-256-GCM ciphertexts bound to team and field (server/secrets.ts). */
  apiKeyEnc: text("api_key_enc").notNull(),
  apiSecretEnc: text("api_secret_enc").notNull(),
  serviceKeyEnc: text("service_key_enc").notNull(),
  apiKeyLast4: text("api_key_last4").notNull(),
  connectedAt: text("connected_at").notNull(),
  connectedBy: text("connected_by").references(() => users.id, { onDelete: "set null" }),
  lastSuccessAt: text("last_success_at"),
  lastError: text("last_error"),
  paused: integer("paused", { mode: "boolean" }).notNull().default(false),
  updatedAt: text("updated_at").notNull(),
})

export const teamSettings = sqliteTable("team_settings", {
  teamId: text("team_id")
    .primaryKey()
    .references(() => teams.id, { onDelete: "cascade" }),
  settings: text("settings", { mode: "json" }).$type<TeamSettings>().notNull(),
  /** 0 for the defaults a team starts with; +1 per change. */
  version: integer("version").notNull(),
  updatedAt: text("updated_at"),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
})

export const settingsHistory = sqliteTable(
  "settings_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    changedAt: text("changed_at").notNull(),
    changedBy: text("changed_by").references(() => users.id, { onDelete: "set null" }),
    /** Dotted paths that changed (diffSettings). */
    changes: text("changes", { mode: "json" }).$type<string[]>().notNull(),
    /** The settings as they were after this change. */
    settings: text("settings", { mode: "json" }).$type<TeamSettings>().notNull(),
  },
  (t) => [uniqueIndex("settings_history_team_version_unique").on(t.teamId, t.version)],
)

export const campaigns = sqliteTable(
  "campaigns",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    options: text("options", { mode: "json" }).$type<CampaignSyncOptions>().notNull(),
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("campaigns_team_idx").on(t.teamId)],
)

/** The server's copy of the latest capture of each person, per team. */
export const people = sqliteTable(
  "people",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    personKey: text("person_key").notNull(),
    name: text("name").notNull(),
    capture: text("capture", { mode: "json" }).$type<ProfileCapture>().notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.personKey] })],
)

export const campaignMembers = sqliteTable(
  "campaign_members",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    personKey: text("person_key").notNull(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    addedAt: text("added_at").notNull(),
    addedBy: text("added_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.personKey] }), index("campaign_members_team_person_idx").on(t.teamId, t.personKey)],
)

/** Idempotency keys of "add to campaign" requests: a replayed request id does nothing. */
export const memberRequests = sqliteTable(
  "member_requests",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    requestId: text("request_id").notNull(),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    personKey: text("person_key").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.requestId] })],
)

/** Individual overrides. campaign_id is "" for the person-wide override so the unique index applies. */
export const overrides = sqliteTable(
  "overrides",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    personKey: text("person_key").notNull(),
    campaignId: text("campaign_id").notNull().default(""),
    override: text("override", { mode: "json" }).$type<PersonOverride>().notNull(),
    updatedAt: text("updated_at").notNull(),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("overrides_team_person_campaign_unique").on(t.teamId, t.personKey, t.campaignId)],
)

/** The "no campaign" value of overrides.campaign_id. */
export const NO_CAMPAIGN = ""

export const schema = {
  teams,
  users,
  tokens,
  integrations,
  teamSettings,
  settingsHistory,
  campaigns,
  people,
  campaignMembers,
  memberRequests,
  overrides,
}
