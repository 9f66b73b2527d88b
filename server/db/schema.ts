// The Cogsync server's database (SQLite via drizzle). One file, snake_case in SQL.
// Timestamps are ISO-8601 UTC strings. JSON columns hold values already validated by the shared schemas.
// The sync engine's tables (events, jobs, ledger, sync runs, Clockwork status cache, webhook
// tokens) come from the `sync_engine` migration.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core"
import type { CampaignSyncOptions, OutreachEvent, PersonOverride, ProfileCapture, SyncDecision, TeamSettings } from "@shared/index"

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

// ---- Sync engine ------------------------------------------------------------------------------

/** Outreach events as received; a replayed (team, event id) is accepted and does nothing. */
export const events = sqliteTable(
  "events",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    eventId: text("event_id").notNull(),
    personKey: text("person_key").notNull(),
    campaignId: text("campaign_id"),
    type: text("type").notNull(),
    /** The parsed OutreachEvent. */
    payload: text("payload", { mode: "json" }).$type<OutreachEvent>().notNull(),
    occurredAt: text("occurred_at").notNull(),
    receivedAt: text("received_at").notNull(),
    receivedBy: text("received_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.eventId] }), index("events_team_person_idx").on(t.teamId, t.personKey)],
)

/** A bulk sync of a campaign ("sync everyone now"); its jobs carry its id. */
export const syncRuns = sqliteTable(
  "sync_runs",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    total: integer("total").notNull(),
    createdAt: text("created_at").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("sync_runs_campaign_idx").on(t.teamId, t.campaignId, t.createdAt)],
)

export const JOB_STATES = ["pending", "running", "done", "failed", "dead", "paused"] as const
export type JobStateValue = (typeof JOB_STATES)[number]

/** One Clockwork write of a job: what kind of record and its Clockwork id. */
export interface JobWrite {
  kind: string
  id: string | null
}

/**
 * The durable outbox: one job per event (and per send-check refusal, logged as a finished job).
 * The integer id is the FIFO order; a person's jobs run one at a time in that order.
 */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    personKey: text("person_key").notNull(),
    runId: text("run_id").references(() => syncRuns.id, { onDelete: "set null" }),
    state: text("state", { enum: JOB_STATES }).notNull(),
    /** How many times a worker took the job (a run after a crash counts). */
    attempts: integer("attempts").notNull().default(0),
    /** Failures that count toward the retry limit (rate limits and outages do not). */
    failures: integer("failures").notNull().default(0),
    nextAttemptAt: text("next_attempt_at"),
    leaseUntil: text("lease_until"),
    action: text("action"),
    decision: text("decision", { mode: "json" }).$type<SyncDecision>(),
    /** Whether the person's Add Person trigger fired on this job's event. */
    triggerFired: integer("trigger_fired", { mode: "boolean" }).notNull().default(false),
    reason: text("reason"),
    /** Never a secret: Clockwork error messages name the method and path only. */
    lastError: text("last_error"),
    clockworkPersonId: text("clockwork_person_id"),
    writes: text("writes", { mode: "json" }).$type<JobWrite[]>().notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    finishedAt: text("finished_at"),
  },
  (t) => [
    uniqueIndex("jobs_team_event_unique").on(t.teamId, t.eventId),
    index("jobs_state_idx").on(t.state, t.nextAttemptAt),
    index("jobs_team_person_idx").on(t.teamId, t.personKey, t.id),
    index("jobs_team_state_idx").on(t.teamId, t.state),
    index("jobs_run_idx").on(t.runId, t.state),
  ],
)

/**
 * Person key → Clockwork person id, per team and firm. `create_started_at` is written before every
 * POST /people and cleared when its answer is stored: a row with it set and no id means a create
 * whose outcome is unknown, so the engine looks the person up instead of creating again.
 */
export const syncLedger = sqliteTable(
  "sync_ledger",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    firm: text("firm").notNull(),
    personKey: text("person_key").notNull(),
    clockworkPersonId: text("clockwork_person_id"),
    /** `created`, `linkedin_url`, `email` or `recovered` (a create whose answer was lost, found again). */
    matchedBy: text("matched_by"),
    createStartedAt: text("create_started_at"),
    createdAt: text("created_at"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.firm, t.personKey] }), index("sync_ledger_person_idx").on(t.teamId, t.firm, t.clockworkPersonId)],
)

/** Candidacies as last seen (our own writes and Clockwork's candidacy_updated webhooks). */
export const clockworkStatus = sqliteTable(
  "clockwork_status",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    candidacyId: text("candidacy_id").notNull(),
    personId: text("person_id").notNull(),
    projectId: text("project_id").notNull(),
    statusId: text("status_id"),
    /** Clockwork's updated_at of the candidacy, when known; older webhook deliveries are ignored. */
    clockworkUpdatedAt: text("clockwork_updated_at"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.candidacyId] }), index("clockwork_status_person_idx").on(t.teamId, t.personId, t.projectId)],
)

/**
 * Which process runs the sync worker on this database (one row, id 1). A second server on the same
 * file stands by while the owner lives, so two workers never run the same jobs.
 */
export const syncWorker = sqliteTable("sync_worker", {
  id: integer("id").primaryKey(),
  owner: text("owner").notNull(),
  pid: integer("pid").notNull(),
  host: text("host").notNull(),
  heartbeatAt: text("heartbeat_at").notNull(),
})

/** The secret in each team's webhook URL (only its SHA-256 is stored) and the registered hook. */
export const webhookTokens = sqliteTable("webhook_tokens", {
  teamId: text("team_id")
    .primaryKey()
    .references(() => teams.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull(),
  clockworkWebhookId: text("clockwork_webhook_id"),
  createdAt: text("created_at").notNull(),
})

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
  events,
  syncRuns,
  jobs,
  syncLedger,
  clockworkStatus,
  webhookTokens,
  syncWorker,
}
