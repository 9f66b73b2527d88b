// The route table: every HTTP route of the server with its access rule, request and response
// schemas. The auth middleware, the request validators, /openapi.json and /docs all read it, so a
// route cannot be documented one way and enforced another. A request that matches no entry is
// refused (401 without a token, 404 with one), so a route mounted without a rule is unreachable.
import * as z from "zod"
import {
  ActivateIntegrationRequestSchema,
  AddCampaignMemberRequestSchema,
  CampaignIdSchema,
  CampaignListSchema,
  CampaignMemberListSchema,
  CampaignMemberSchema,
  CampaignSchema,
  ClockworkMetadataSchema,
  CreateCampaignRequestSchema,
  CreateUserRequestSchema,
  BulkSyncProgressSchema,
  DecisionPreviewRequestSchema,
  DecisionPreviewResponseSchema,
  EventsAcceptedSchema,
  HealthSchema,
  IntegrationStatusSchema,
  LookupQuerySchema,
  LookupResponseSchema,
  MeSchema,
  OutreachEventBatchSchema,
  OverrideQuerySchema,
  OverrideResponseSchema,
  PersonOverrideSchema,
  ReplaceSettingsRequestSchema,
  SendCheckQuerySchema,
  SendCheckResponseSchema,
  SettingsHistorySchema,
  SettingsResponseSchema,
  SyncJobSchema,
  SyncLogQuerySchema,
  SyncLogSchema,
  SyncStatusSchema,
  TeamSettingsPatchSchema,
  UpdateCampaignRequestSchema,
  UserListSchema,
  UserWithTokenSchema,
} from "@shared/index"
import { CandidacyWebhookSchema, WebhookParamsSchema, WebhookQuerySchema, WebhookReceiptSchema } from "../sync/webhooks"

export type Access = "public" | "user" | "admin"
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

export interface RouteSpec {
  /** `public`: no token; `user`: any signed-in team member; `admin`: team admins only (recruiters get 403). */
  access: Access
  /** Resource group on the API page. */
  tag: string
  summary: string
  /** Extra rules worth documenting (who may, what it changes). */
  notes?: string
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
  /** Success status and body schema (null: no body). */
  status: 200 | 201 | 202 | 204
  response: z.ZodType | null
  /** Success content type (default application/json). */
  contentType?: "application/json" | "text/html" | "text/event-stream"
  /** Error statuses the route may answer besides 400/401/403/413/415/500. */
  errors?: readonly number[]
}

/** Path parameter of a user. */
export const UserIdParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a user id") })
/** Path parameter of a campaign. */
export const CampaignIdParamsSchema = z.object({ id: CampaignIdSchema })
/** Path parameter of a sync job. */
export const JobIdParamsSchema = z.object({ id: z.string().regex(/^[1-9][0-9]{0,15}$/, "must be a sync job id") })
/** Path parameter of a demo page. */
export const DemoSlugParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,64}$/, "must be a demo page name") })
/** `?once=true` sends one progress event and ends the stream. */
export const ProgressQuerySchema = z.object({
  once: z
    .enum(["true", "false"], "must be true or false")
    .optional()
    .transform((v) => v === "true"),
})
/** `GET /campaigns?archived=true` includes archived campaigns. */
export const CampaignListQuerySchema = z.object({
  archived: z
    .enum(["true", "false"], "must be true or false")
    .optional()
    .transform((v) => v === "true"),
})

export const ROUTES = {
  "GET /health": {
    access: "public",
    tag: "Service",
    summary: "Liveness and database check",
    status: 200,
    response: HealthSchema,
  },
  "GET /openapi.json": {
    access: "public",
    tag: "Service",
    summary: "OpenAPI 3.1 document generated from the shared schemas",
    status: 200,
    response: z.record(z.string(), z.unknown()),
  },
  "GET /docs": {
    access: "public",
    tag: "Service",
    summary: "This API page (HTML)",
    status: 200,
    response: z.string(),
    contentType: "text/html",
  },
  "GET /demo": {
    access: "public",
    tag: "Demo",
    summary: "Index of the demo profile pages (static HTML, for trying the extension on loopback)",
    status: 200,
    response: z.string(),
    contentType: "text/html",
    errors: [404],
  },
  "GET /demo/feed": {
    access: "public",
    tag: "Demo",
    summary: "A non-profile demo page (the picker stays hidden there)",
    status: 200,
    response: z.string(),
    contentType: "text/html",
    errors: [404],
  },
  "GET /demo/in/:slug": {
    access: "public",
    tag: "Demo",
    summary: "A LinkedIn-like demo profile page",
    params: DemoSlugParamsSchema,
    status: 200,
    response: z.string(),
    contentType: "text/html",
    errors: [404],
  },
  "GET /demo/people/:slug": {
    access: "public",
    tag: "Demo",
    summary: "A personal page with a schema.org Person (JSON-LD)",
    params: DemoSlugParamsSchema,
    status: 200,
    response: z.string(),
    contentType: "text/html",
    errors: [404],
  },
  "GET /me": {
    access: "user",
    tag: "Users",
    summary: "The signed-in user and their team",
    status: 200,
    response: MeSchema,
  },
  "GET /users": {
    access: "admin",
    tag: "Users",
    summary: "The team's users",
    status: 200,
    response: UserListSchema,
  },
  "POST /users": {
    access: "admin",
    tag: "Users",
    summary: "Create a user and their first token (shown once)",
    body: CreateUserRequestSchema,
    status: 201,
    response: UserWithTokenSchema,
    errors: [409],
  },
  "POST /users/:id/tokens": {
    access: "user",
    tag: "Users",
    summary: "Issue a new token for a user, revoking their old ones (shown once)",
    notes: "Admins may do this for any user of their team; everyone else only for themself (403 otherwise).",
    params: UserIdParamsSchema,
    status: 201,
    response: UserWithTokenSchema,
    errors: [404],
  },
  "GET /integration": {
    access: "user",
    tag: "Integration",
    summary: "Clockwork integration status (never a secret; the API key's last 4 characters only)",
    status: 200,
    response: IntegrationStatusSchema,
  },
  "POST /integration/activate": {
    access: "admin",
    tag: "Integration",
    summary: "Verify Clockwork credentials and store them encrypted",
    notes:
      "The credentials are checked against Clockwork first. 422 when Clockwork rejects them, 502 when Clockwork cannot be reached; nothing is stored in either case.",
    body: ActivateIntegrationRequestSchema,
    status: 200,
    response: IntegrationStatusSchema,
    errors: [422, 502],
  },
  "DELETE /integration": {
    access: "admin",
    tag: "Integration",
    summary: "Deactivate: forget the stored credentials",
    status: 200,
    response: IntegrationStatusSchema,
  },
  "GET /settings": {
    access: "user",
    tag: "Settings",
    summary: "The team's settings with their locks",
    status: 200,
    response: SettingsResponseSchema,
  },
  "PUT /settings": {
    access: "admin",
    tag: "Settings",
    summary: "Replace the team's settings",
    notes: "With `baseVersion`, a newer stored version answers 409. Every change gets a new version and a history entry.",
    body: ReplaceSettingsRequestSchema,
    status: 200,
    response: SettingsResponseSchema,
    errors: [409],
  },
  "PATCH /settings": {
    access: "admin",
    tag: "Settings",
    summary: "Change some settings (sections merge one level deep; maps and lists are replaced)",
    body: TeamSettingsPatchSchema,
    status: 200,
    response: SettingsResponseSchema,
  },
  "GET /settings/history": {
    access: "admin",
    tag: "Settings",
    summary: "Every settings change: version, who, when, what changed",
    status: 200,
    response: SettingsHistorySchema,
  },
  "GET /clockwork/metadata": {
    access: "user",
    tag: "Clockwork",
    summary: "Person fields, note types, candidate statuses, tags and projects of the firm (cached 60 s)",
    status: 200,
    response: ClockworkMetadataSchema,
    errors: [409, 429, 502],
  },
  "POST /clockwork/metadata/refresh": {
    access: "user",
    tag: "Clockwork",
    summary: "Drop the cached metadata and fetch it again",
    status: 200,
    response: ClockworkMetadataSchema,
    errors: [409, 429, 502],
  },
  "GET /lookup": {
    access: "user",
    tag: "Clockwork",
    summary: "Is this person already in Clockwork? (by LinkedIn URL, email or person key; says why it matched)",
    query: LookupQuerySchema,
    status: 200,
    response: LookupResponseSchema,
    errors: [409, 429, 502],
  },
  "GET /campaigns": {
    access: "user",
    tag: "Campaigns",
    summary: "The team's campaigns (`?archived=true` includes archived ones)",
    query: CampaignListQuerySchema,
    status: 200,
    response: CampaignListSchema,
  },
  "POST /campaigns": {
    access: "user",
    tag: "Campaigns",
    summary: "Create a campaign with its sync options",
    notes: "Options that change a locked team setting (Sync as, Add Person when, tags) answer 422 naming the option.",
    body: CreateCampaignRequestSchema,
    status: 201,
    response: CampaignSchema,
    errors: [422],
  },
  "GET /campaigns/:id": {
    access: "user",
    tag: "Campaigns",
    summary: "One campaign",
    params: CampaignIdParamsSchema,
    status: 200,
    response: CampaignSchema,
    errors: [404],
  },
  "PATCH /campaigns/:id": {
    access: "user",
    tag: "Campaigns",
    summary: "Rename, change options, archive (`{archived: true}`) or restore a campaign",
    params: CampaignIdParamsSchema,
    body: UpdateCampaignRequestSchema,
    status: 200,
    response: CampaignSchema,
    errors: [404, 422],
  },
  "POST /campaigns/:id/members": {
    access: "user",
    tag: "Campaigns",
    summary: "Add a person to a campaign, storing their latest capture",
    notes: "Idempotent: adding a member again answers 200 with the existing membership; a replayed `requestId` changes nothing.",
    params: CampaignIdParamsSchema,
    body: AddCampaignMemberRequestSchema,
    status: 201,
    response: CampaignMemberSchema,
    errors: [404, 409],
  },
  "GET /campaigns/:id/members": {
    access: "user",
    tag: "Campaigns",
    summary: "The people of a campaign",
    params: CampaignIdParamsSchema,
    status: 200,
    response: CampaignMemberListSchema,
    errors: [404],
  },
  "GET /overrides": {
    access: "user",
    tag: "Overrides",
    summary: "A person's individual override (person-wide, or for one campaign)",
    query: OverrideQuerySchema,
    status: 200,
    response: OverrideResponseSchema,
    errors: [404],
  },
  "PUT /overrides": {
    access: "user",
    tag: "Overrides",
    summary: "Save a person's individual override",
    notes:
      "Only displayed fields may be overridden (422 naming `fields.<id>`); Sync as and tags cannot change while the admin locks them (422 naming the field).",
    body: PersonOverrideSchema,
    status: 200,
    response: OverrideResponseSchema,
    errors: [404, 422],
  },
  "DELETE /overrides": {
    access: "user",
    tag: "Overrides",
    summary: "Remove a person's individual override",
    query: OverrideQuerySchema,
    status: 204,
    response: null,
    errors: [404],
  },
  "POST /decisions/preview": {
    access: "user",
    tag: "Decisions",
    summary: "Dry run: the effective sync decision for a person against the live Clockwork record",
    notes:
      "Nothing is written. When Clockwork is not connected or unreachable the answer is still 200, with `clockworkReachable: false` and the decision for a new person.",
    body: DecisionPreviewRequestSchema,
    status: 200,
    response: DecisionPreviewResponseSchema,
    errors: [404],
  },
  "POST /events": {
    access: "user",
    tag: "Sync",
    summary: "Outreach events in (one or a batch of up to 500); 202 once they are stored",
    notes:
      "Each event becomes a job in the durable outbox, stored in the same transaction. A replayed event id is counted in `duplicates` and does nothing; `ids` lists every id of the request. The first event of a person must carry `contact` (422 otherwise); an unknown `campaignId` answers 404; `added_to_campaign` on an archived campaign answers 409. Field names in errors start with the index for a batch (`3.campaignId`).",
    body: OutreachEventBatchSchema,
    status: 202,
    response: EventsAcceptedSchema,
    errors: [404, 409, 422],
  },
  "GET /sync/log": {
    access: "user",
    tag: "Sync",
    summary: "A person's sync log: each job (newest first), its outcome, the reason and the Clockwork ids written",
    query: SyncLogQuerySchema,
    status: 200,
    response: SyncLogSchema,
  },
  "GET /sync/status": {
    access: "user",
    tag: "Sync",
    summary: "The team's jobs by state, dead letters, recent jobs and the integration's health (paused or not)",
    status: 200,
    response: SyncStatusSchema,
  },
  "POST /sync/jobs/:id/retry": {
    access: "user",
    tag: "Sync",
    summary: "Queue a failed or dead job again",
    notes: "409 when the job is not failed or dead.",
    params: JobIdParamsSchema,
    status: 200,
    response: SyncJobSchema,
    errors: [404, 409],
  },
  "POST /campaigns/:id/sync": {
    access: "user",
    tag: "Sync",
    summary: "Bulk sync: push every member of the campaign to Clockwork now (one job each)",
    notes: "While an earlier bulk sync of the campaign is unfinished, its progress is returned and nothing new is queued.",
    params: CampaignIdParamsSchema,
    status: 202,
    response: BulkSyncProgressSchema,
    errors: [404, 409],
  },
  "GET /campaigns/:id/sync/progress": {
    access: "user",
    tag: "Sync",
    summary: "Progress of the campaign's latest bulk sync as server-sent events (`progress` …, then `done`)",
    notes:
      "Each `progress` event's data is a BulkSyncProgress (done / failed / pending / etaSeconds). The stream ends with `done` when nothing is pending, or `paused` when only jobs waiting for an admin remain. `?once=true` sends one event and ends.",
    params: CampaignIdParamsSchema,
    query: ProgressQuerySchema,
    status: 200,
    response: z.string(),
    contentType: "text/event-stream",
    errors: [404],
  },
  "POST /webhooks/clockwork/:teamId": {
    access: "public",
    tag: "Sync",
    summary: "Clockwork → Cogsync: candidacy_updated webhooks update the cached candidate status",
    notes:
      "Authenticated by the team's webhook token in `?token=` (Clockwork signs nothing); a wrong or missing token answers 401. Other event names are accepted and ignored.",
    params: WebhookParamsSchema,
    query: WebhookQuerySchema,
    body: CandidacyWebhookSchema,
    status: 200,
    response: WebhookReceiptSchema,
  },
  "GET /send-check": {
    access: "user",
    tag: "Decisions",
    summary: "May this person be emailed now? (Clockwork Do Not Contact and the team's blocking setting)",
    query: SendCheckQuerySchema,
    status: 200,
    response: SendCheckResponseSchema,
  },
} satisfies Record<`${Method} /${string}`, RouteSpec>

export type RouteKey = keyof typeof ROUTES

export interface RouteEntry extends RouteSpec {
  key: RouteKey
  method: Method
  path: string
}

/** The table as a list, in declaration order. */
export const ROUTE_LIST: readonly RouteEntry[] = Object.entries(ROUTES).map(([key, spec]) => {
  const [method, path] = key.split(" ") as [Method, string]
  return { ...(spec as RouteSpec), key: key as RouteKey, method, path }
})

const MATCHERS = ROUTE_LIST.map((route) => ({
  route,
  regex: new RegExp(`^${route.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:[A-Za-z]+/g, "[^/]+")}$`),
}))

/** The table entry for a request (HEAD is answered like GET), or undefined when none matches. */
export function findRoute(method: string, path: string): RouteEntry | undefined {
  const m = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase()
  return MATCHERS.find((x) => x.route.method === m && x.regex.test(path))?.route
}
