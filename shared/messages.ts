// Message contracts between the extension's content script, popup, options page and background
// service worker. Every message is `{ type, body }`; the background answers `MessageResult`.
// The background parses each body with its request schema and checks the sender; content scripts
// import only the types from here (never the schemas), so zod stays out of their bundle.
import * as z from "zod"
import {
  ActivateIntegrationRequestSchema,
  CampaignListSchema,
  CampaignSchema,
  ClockworkMetadataSchema,
  CreateCampaignRequestSchema,
  DecisionPreviewRequestSchema,
  DecisionPreviewResponseSchema,
  IntegrationStatusSchema,
  IssueSchema,
  MeSchema,
  SettingsHistorySchema,
  SettingsResponseSchema,
  SyncJobSchema,
  SyncStatusSchema,
  UpdateCampaignRequestSchema,
  UserTokenSchema,
} from "./api"
import { CampaignIdSchema, PersonOverrideSchema } from "./campaign"
import { ProfileCaptureSchema } from "./capture"
import { EventIdSchema } from "./events"
import { PersonKeySchema } from "./person-key"
import { TeamSettingsPatchSchema, TeamSettingsSchema } from "./settings"

// ---- Envelope -------------------------------------------------------------------------------

export const MESSAGE_ERROR_KINDS = [
  "bad_message", // the body did not match its schema (field names the offending input)
  "forbidden_sender", // a sender that may not send this message
  "not_signed_in", // no server URL + token stored yet
  "permission_needed", // the server's origin is not granted as a host permission
  "unreachable", // the Cogsync server did not answer
  "unauthorized", // 401: the token was not accepted
  "forbidden", // 403: e.g. a recruiter calling an admin route
  "invalid", // 400/422: the server rejected the input (field names it)
  "not_found", // 404
  "conflict", // 409
  "not_connected", // Clockwork is not connected (409 on the Clockwork routes)
  "server", // 5xx, or an answer the extension could not understand
] as const
export const MessageErrorKindSchema = z.enum(MESSAGE_ERROR_KINDS)
export type MessageErrorKind = z.infer<typeof MessageErrorKindSchema>

export const MessageErrorSchema = z.object({
  kind: MessageErrorKindSchema,
  /** A sentence a recruiter can act on. */
  message: z.string(),
  /** Dotted path of the offending input, when there is one (from `ApiErrorSchema.field`). */
  field: z.string().optional(),
  issues: z.array(IssueSchema).optional(),
  status: z.number().int().optional(),
})
export type MessageError = z.infer<typeof MessageErrorSchema>

export const MessageEnvelopeSchema = z.object({ type: z.string().max(64), body: z.unknown() })

// ---- Session --------------------------------------------------------------------------------

export const DEFAULT_SERVER_URL = "http://127.0.0.1:8787"

export const SessionSchema = z.object({
  signedIn: z.boolean(),
  serverUrl: z.string(),
  /** Who the stored token belongs to, as `GET /me` last answered. Never the token itself. */
  me: MeSchema.nullable(),
})
export type Session = z.infer<typeof SessionSchema>

export const SessionStatusSchema = SessionSchema.extend({
  /** null when not checked (no `verify`), else whether `GET /me` answered. */
  reachable: z.boolean().nullable(),
  /** Set when `verify` was asked and the check failed. */
  error: MessageErrorSchema.nullable(),
})
export type SessionStatus = z.infer<typeof SessionStatusSchema>

/** Server URL as typed at sign-in: http(s), no credentials, no query; trailing slashes dropped. */
export const ServerUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the server URL")
  .max(2048)
  .refine((v) => {
    try {
      const u = new URL(v)
      return (u.protocol === "http:" || u.protocol === "https:") && !u.username && !u.password && !u.search && !u.hash
    } catch {
      return false
    }
  }, "must be an http(s) address such as http://127.0.0.1:8787")
  .transform((v) => v.replace(/\/+$/, ""))

export const SignInRequestSchema = z.object({ serverUrl: ServerUrlSchema, token: z.string().trim().pipe(UserTokenSchema) })

// ---- Outbox (the persisted queue) -------------------------------------------------------------

const outboxBase = {
  /** A uuid; it is the event id and request id, so redelivery is a no-op on the server. */
  id: EventIdSchema,
  personKey: PersonKeySchema,
  /** The person's name, for the popup. */
  label: z.string().max(300),
  createdAt: z.string(),
  attempts: z.number().int().min(0),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
}

export const OutboxItemSchema = z.discriminatedUnion("kind", [
  z.object({ ...outboxBase, kind: z.literal("push"), capture: ProfileCaptureSchema, campaignId: CampaignIdSchema.optional() }),
  z.object({ ...outboxBase, kind: z.literal("override"), override: PersonOverrideSchema }),
  z.object({
    ...outboxBase,
    kind: z.literal("campaign-member"),
    capture: ProfileCaptureSchema,
    campaignId: CampaignIdSchema,
    /** Set once `POST /campaigns/:id/members` succeeded; the `added_to_campaign` event follows. */
    memberAdded: z.boolean(),
  }),
])
export type OutboxItem = z.infer<typeof OutboxItemSchema>
export type OutboxKind = OutboxItem["kind"]

export const FailedOutboxItemSchema = z.object({
  item: OutboxItemSchema,
  failedAt: z.string(),
  error: z.object({ status: z.number().int().optional(), message: z.string(), field: z.string().optional() }),
})
export type FailedOutboxItem = z.infer<typeof FailedOutboxItemSchema>

export const OutboxViewSchema = z.object({ pending: z.array(OutboxItemSchema), failed: z.array(FailedOutboxItemSchema) })
export type OutboxView = z.infer<typeof OutboxViewSchema>

/** What a queued action became: sent now, or kept in the outbox to retry. */
export const ActionResultSchema = z.object({
  status: z.enum(["sent", "queued"]),
  itemId: z.string(),
  /** Why it is queued (e.g. "Can't reach the Cogsync server"). */
  reason: z.string().nullable(),
})
export type ActionResult = z.infer<typeof ActionResultSchema>

// ---- Picker / popup: the person on the page --------------------------------------------------

export const PersonContextSchema = z.object({
  session: SessionSchema,
  /** Whether the server answered this load. */
  reachable: z.boolean(),
  /** True when settings and campaigns come from the last successful load (server unreachable). */
  stale: z.boolean(),
  settings: TeamSettingsSchema.nullable(),
  campaigns: z.array(CampaignSchema),
  override: PersonOverrideSchema.nullable(),
  lastSync: SyncJobSchema.nullable(),
  /** Clockwork's tag names (empty when Clockwork is not connected). */
  tags: z.array(z.string()),
  /** Label of every field id the picker may show, custom fields included. */
  fieldLabels: z.record(z.string(), z.string()),
  /** Outbox items for this person still waiting to be sent. */
  pending: z.number().int().min(0),
})
export type PersonContext = z.infer<typeof PersonContextSchema>

export const StatusViewSchema = z.object({
  session: SessionSchema,
  reachable: z.boolean(),
  error: MessageErrorSchema.nullable(),
  integration: IntegrationStatusSchema.nullable(),
  /** `GET /sync/status` without the integration (given above, also when the sync log is unavailable). */
  sync: SyncStatusSchema.omit({ integration: true }).nullable(),
  outbox: OutboxViewSchema,
})
export type StatusView = z.infer<typeof StatusViewSchema>

// ---- Every message: request and response ------------------------------------------------------

const Empty = z.object({}).default({})

export const MESSAGE_SCHEMAS = {
  // Anyone in the extension
  "get-session": { request: z.object({ verify: z.boolean().default(false) }).default({ verify: false }), response: SessionStatusSchema },
  "open-options": { request: Empty, response: z.object({}) },
  // Content script
  "report-capture": { request: z.object({ capture: ProfileCaptureSchema.nullable() }), response: z.object({}) },
  "load-person": {
    request: z.object({ capture: ProfileCaptureSchema, campaignId: CampaignIdSchema.optional() }),
    response: PersonContextSchema,
  },
  "preview-decision": {
    request: DecisionPreviewRequestSchema,
    response: DecisionPreviewResponseSchema,
  },
  "save-override": { request: z.object({ override: PersonOverrideSchema, name: z.string().max(300) }), response: ActionResultSchema },
  "push-now": { request: z.object({ capture: ProfileCaptureSchema, campaignId: CampaignIdSchema.optional() }), response: ActionResultSchema },
  "add-to-campaign": { request: z.object({ capture: ProfileCaptureSchema, campaignId: CampaignIdSchema }), response: ActionResultSchema },
  // Popup
  "get-tab-person": { request: z.object({ tabId: z.number().int().min(0) }), response: z.object({ capture: ProfileCaptureSchema.nullable() }) },
  "get-status": { request: Empty, response: StatusViewSchema },
  "retry-sync-job": { request: z.object({ jobId: z.string().min(1).max(100) }), response: z.object({}) },
  "retry-outbox-item": { request: z.object({ id: z.string().min(1).max(128) }), response: OutboxViewSchema },
  "discard-outbox-item": { request: z.object({ id: z.string().min(1).max(128) }), response: OutboxViewSchema },
  // Options
  "sign-in": { request: SignInRequestSchema, response: SessionStatusSchema },
  "sign-out": { request: Empty, response: SessionStatusSchema },
  "get-integration": { request: Empty, response: IntegrationStatusSchema },
  "activate-integration": { request: ActivateIntegrationRequestSchema, response: IntegrationStatusSchema },
  "disconnect-integration": { request: Empty, response: IntegrationStatusSchema },
  "get-settings": { request: Empty, response: SettingsResponseSchema },
  "update-settings": { request: z.object({ patch: TeamSettingsPatchSchema }), response: SettingsResponseSchema },
  "get-settings-history": { request: Empty, response: SettingsHistorySchema },
  "get-metadata": { request: z.object({ refresh: z.boolean().default(false) }).default({ refresh: false }), response: ClockworkMetadataSchema },
  "list-campaigns": { request: Empty, response: CampaignListSchema },
  "create-campaign": { request: CreateCampaignRequestSchema, response: CampaignSchema },
  "update-campaign": { request: z.object({ id: CampaignIdSchema, patch: UpdateCampaignRequestSchema }), response: CampaignSchema },
} as const

export type MessageType = keyof typeof MESSAGE_SCHEMAS

/** What the sender passes (defaults not yet applied). */
export type MessageRequest<T extends MessageType> = z.input<(typeof MESSAGE_SCHEMAS)[T]["request"]>
/** What the handler receives after parsing. */
export type ParsedRequest<T extends MessageType> = z.output<(typeof MESSAGE_SCHEMAS)[T]["request"]>
export type MessageResponse<T extends MessageType> = z.infer<(typeof MESSAGE_SCHEMAS)[T]["response"]>
export type MessageResult<T extends MessageType> = { ok: true; data: MessageResponse<T> } | { ok: false; error: MessageError }

/** Messages a content script may send; everything else is for the extension's own pages only. */
export const CONTENT_SCRIPT_MESSAGES: readonly MessageType[] = [
  "get-session",
  "open-options",
  "report-capture",
  "load-person",
  "preview-decision",
  "save-override",
  "push-now",
  "add-to-campaign",
]
