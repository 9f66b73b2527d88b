// Request and response contracts of the Cogsync server's HTTP API (one schema per contract).
// The server validates every request with these; the extension parses every response with them.
import * as z from "zod"
import { CampaignIdSchema, CampaignSyncOptionsSchema, PersonOverrideSchema } from "./campaign"
import { ProfileCaptureSchema } from "./capture"
import { EventIdSchema } from "./events"
import { MatchReasonSchema } from "./clockwork"
import { SyncDecisionSchema } from "./decision"
import { FieldIdSchema } from "./fields"
import { PersonKeySchema } from "./person-key"
import { TeamSettingsSchema } from "./settings"

/** Every 4xx/5xx body. `field` names the offending input (dotted path) when there is one. */
/** One offending input: its dotted path and what is wrong with it. */
export const IssueSchema = z.object({ path: z.string(), message: z.string() })
export type Issue = z.infer<typeof IssueSchema>

export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    issues: z.array(IssueSchema).optional(),
  }),
})
export type ApiError = z.infer<typeof ApiErrorSchema>

export const HealthSchema = z.object({ ok: z.literal(true), version: z.string(), db: z.literal("ok") })
export type Health = z.infer<typeof HealthSchema>

// ---- Teams, users, tokens -------------------------------------------------------------------

export const RoleSchema = z.enum(["admin", "recruiter"])
export type Role = z.infer<typeof RoleSchema>

export const UserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: RoleSchema,
  createdAt: z.string(),
})
export type User = z.infer<typeof UserSchema>

export const TeamSchema = z.object({ id: z.string(), name: z.string() })
export type Team = z.infer<typeof TeamSchema>

export const MeSchema = z.object({ user: UserSchema, team: TeamSchema })
export type Me = z.infer<typeof MeSchema>

export const CreateUserRequestSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(200),
  email: z.email().max(320).optional(),
  role: RoleSchema,
})
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>

/** The token is shown once; only its hash is stored. */
export const UserWithTokenSchema = z.object({ user: UserSchema, token: z.string() })
export type UserWithToken = z.infer<typeof UserWithTokenSchema>

export const UserListSchema = z.object({ users: z.array(UserSchema) })

/** A user token as the extension stores it: `cgs_` + 43 url-safe base64 characters. */
export const UserTokenSchema = z.string().regex(/^cgs_[A-Za-z0-9_-]{43}$/, "must be a Cogsync token (cgs_…)")

// ---- Clockwork integration ------------------------------------------------------------------

/**
 * The firm subdomain; validated so no input can reach another host or path. ASCII is checked
 * before lower-casing, so a look-alike that lower-cases into ASCII (K, the Kelvin sign) is refused.
 */
export const SubdomainSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]*$/, "must be your Clockwork subdomain (letters, digits and hyphens)")
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be your Clockwork subdomain (letters, digits and hyphens)")

export const ActivateIntegrationRequestSchema = z.object({
  apiKey: z.string().trim().min(8, "API Key looks too short").max(200),
  apiSecret: z.string().trim().min(8, "API Secret looks too short").max(400),
  subdomain: SubdomainSchema,
  serviceKey: z.string().trim().min(8, "Service Key looks too short").max(400),
})
export type ActivateIntegrationRequest = z.infer<typeof ActivateIntegrationRequestSchema>

export const IntegrationStateSchema = z.enum(["not_connected", "connected", "needs_attention"])

/** Integration status as anyone on the team may see it: never a secret, only the key's last 4. */
export const IntegrationStatusSchema = z.object({
  state: IntegrationStateSchema,
  firm: z.string().nullable(),
  apiKeyLast4: z.string().nullable(),
  connectedAt: z.string().nullable(),
  connectedBy: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  paused: z.boolean(),
})
export type IntegrationStatus = z.infer<typeof IntegrationStatusSchema>

// ---- Settings -------------------------------------------------------------------------------

export const SettingsResponseSchema = z.object({
  settings: TeamSettingsSchema,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
})
export type SettingsResponse = z.infer<typeof SettingsResponseSchema>

export const ReplaceSettingsRequestSchema = z.object({
  settings: TeamSettingsSchema,
  /** Optimistic concurrency: the version the admin edited; a newer stored version answers 409. */
  baseVersion: z.number().int().min(0).optional(),
})

export const SettingsHistoryEntrySchema = z.object({
  version: z.number().int(),
  changedAt: z.string(),
  changedBy: z.object({ id: z.string(), name: z.string() }),
  changes: z.array(z.string()),
  settings: TeamSettingsSchema,
})
export const SettingsHistorySchema = z.object({ history: z.array(SettingsHistoryEntrySchema) })
export type SettingsHistory = z.infer<typeof SettingsHistorySchema>

// ---- Clockwork metadata (proxied, cached) ---------------------------------------------------

export const PersonFieldOptionSchema = z.object({ id: FieldIdSchema, label: z.string(), custom: z.boolean() })
export const NamedOptionSchema = z.object({ id: z.string(), name: z.string() })
export const StatusOptionSchema = NamedOptionSchema.extend({ group: z.string().nullable() })

export const ClockworkMetadataSchema = z.object({
  fields: z.array(PersonFieldOptionSchema),
  noteTypes: z.array(NamedOptionSchema),
  statuses: z.array(StatusOptionSchema),
  tags: z.array(NamedOptionSchema),
  projects: z.array(NamedOptionSchema),
  fetchedAt: z.string(),
})
export type ClockworkMetadata = z.infer<typeof ClockworkMetadataSchema>

// ---- Lookup ("already in Clockwork") ---------------------------------------------------------

export const LookupQuerySchema = z
  .object({
    linkedinUrl: z.string().trim().max(2048).optional(),
    email: z.string().trim().max(320).optional(),
    personKey: PersonKeySchema.optional(),
  })
  .refine((q) => q.linkedinUrl || q.email || q.personKey, { message: "give linkedinUrl, email or personKey", path: ["linkedinUrl"] })

export const ClockworkPersonSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  company: z.string().nullable(),
  doNotContact: z.boolean(),
  doNotContactReason: z.string().nullable(),
  matchedBy: MatchReasonSchema,
  url: z.string().nullable(),
})
export type ClockworkPersonSummary = z.infer<typeof ClockworkPersonSummarySchema>

export const LookupResponseSchema = z.object({ match: ClockworkPersonSummarySchema.nullable() })
export type LookupResponse = z.infer<typeof LookupResponseSchema>

// ---- Campaigns ------------------------------------------------------------------------------

export const CampaignSchema = z.object({
  id: CampaignIdSchema,
  name: z.string(),
  options: CampaignSyncOptionsSchema,
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  memberCount: z.number().int(),
})
export type Campaign = z.infer<typeof CampaignSchema>

export const CampaignListSchema = z.object({ campaigns: z.array(CampaignSchema) })

export const CreateCampaignRequestSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(200),
  options: CampaignSyncOptionsSchema.default({ tags: [] }),
})
export const UpdateCampaignRequestSchema = z
  .object({
    name: z.string().trim().min(1, "name is required").max(200),
    options: CampaignSyncOptionsSchema,
    archived: z.boolean(),
  })
  .partial()
/** What a client sends (defaults not yet applied). */
export type CreateCampaignRequest = z.input<typeof CreateCampaignRequestSchema>
export type UpdateCampaignRequest = z.input<typeof UpdateCampaignRequestSchema>

export const AddCampaignMemberRequestSchema = z.object({
  capture: ProfileCaptureSchema,
  /** Idempotency key chosen by the caller; a replay does nothing. */
  requestId: EventIdSchema.optional(),
})
export type AddCampaignMemberRequest = z.input<typeof AddCampaignMemberRequestSchema>
export const CampaignMemberSchema = z.object({
  campaignId: CampaignIdSchema,
  personKey: PersonKeySchema,
  name: z.string(),
  addedAt: z.string(),
})
export type CampaignMember = z.infer<typeof CampaignMemberSchema>
export const CampaignMemberListSchema = z.object({ members: z.array(CampaignMemberSchema) })

// ---- Overrides ------------------------------------------------------------------------------

export const OverrideQuerySchema = z.object({ personKey: PersonKeySchema, campaignId: CampaignIdSchema.optional() })
export const OverrideResponseSchema = z.object({ override: PersonOverrideSchema.nullable() })
export type OverrideResponse = z.infer<typeof OverrideResponseSchema>

// ---- Decision preview and send check --------------------------------------------------------

export const DecisionPreviewRequestSchema = z.object({
  capture: ProfileCaptureSchema,
  campaignId: CampaignIdSchema.optional(),
  /** Unsaved edits from the picker; when absent the stored override is used. */
  override: PersonOverrideSchema.optional(),
})
export type DecisionPreviewRequest = z.input<typeof DecisionPreviewRequestSchema>

export const DecisionPreviewResponseSchema = z.object({
  decision: SyncDecisionSchema,
  existing: ClockworkPersonSummarySchema.nullable(),
  /** The campaign the preview used, if any. */
  campaign: z.object({ id: CampaignIdSchema, name: z.string() }).nullable(),
  /** Whether Clockwork could be asked: false means the preview assumed a new person. */
  clockworkReachable: z.boolean(),
})
export type DecisionPreviewResponse = z.infer<typeof DecisionPreviewResponseSchema>

export const SendCheckQuerySchema = z.object({ personKey: PersonKeySchema })
export const SendCheckResponseSchema = z.object({
  personKey: PersonKeySchema,
  allowed: z.boolean(),
  reason: z.string(),
  doNotContact: z.boolean(),
})
export type SendCheckResponse = z.infer<typeof SendCheckResponseSchema>

// ---- Events and sync ------------------------------------------------------------------------

export const EventsAcceptedSchema = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  ids: z.array(z.string()),
})
export type EventsAccepted = z.infer<typeof EventsAcceptedSchema>

export const JobStateSchema = z.enum(["pending", "running", "done", "failed", "dead", "paused"])
export type JobState = z.infer<typeof JobStateSchema>

export const SyncJobSchema = z.object({
  id: z.string(),
  personKey: PersonKeySchema,
  eventId: z.string(),
  eventType: z.string(),
  state: JobStateSchema,
  action: z.string().nullable(),
  attempts: z.number().int(),
  reason: z.string().nullable(),
  lastError: z.string().nullable(),
  clockworkPersonId: z.string().nullable(),
  writes: z.array(z.object({ kind: z.string(), id: z.string().nullable() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  nextAttemptAt: z.string().nullable(),
})
export type SyncJob = z.infer<typeof SyncJobSchema>

export const SyncLogQuerySchema = z.object({ personKey: PersonKeySchema })
export const SyncLogSchema = z.object({ personKey: PersonKeySchema, jobs: z.array(SyncJobSchema) })
export type SyncLog = z.infer<typeof SyncLogSchema>

export const SyncStatusSchema = z.object({
  counts: z.record(JobStateSchema, z.number().int()),
  deadLetters: z.array(SyncJobSchema),
  recent: z.array(SyncJobSchema),
  integration: IntegrationStatusSchema,
})
export type SyncStatus = z.infer<typeof SyncStatusSchema>

export const BulkSyncProgressSchema = z.object({
  campaignId: CampaignIdSchema,
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  etaSeconds: z.number().nullable(),
})
export type BulkSyncProgress = z.infer<typeof BulkSyncProgressSchema>

