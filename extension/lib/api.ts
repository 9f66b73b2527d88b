// The extension's client of the Cogsync server (never of Clockwork): one documented function per
// endpoint the extension uses, every JSON answer parsed with its `shared/api.ts` schema. Used by the
// background service worker only. Failures throw `ServerRequestError`.
import ky, { HTTPError, TimeoutError, type KyInstance, type Options } from "ky"
import * as z from "zod"
import {
  ApiErrorSchema,
  CampaignListSchema,
  CampaignSchema,
  ClockworkMetadataSchema,
  DecisionPreviewResponseSchema,
  EventsAcceptedSchema,
  HealthSchema,
  IntegrationStatusSchema,
  MeSchema,
  OverrideResponseSchema,
  SettingsHistorySchema,
  SettingsResponseSchema,
  SyncLogSchema,
  SyncStatusSchema,
  type ActivateIntegrationRequest,
  type AddCampaignMemberRequest,
  type CreateCampaignRequest,
  type DecisionPreviewRequest,
  type Issue,
  type UpdateCampaignRequest,
} from "@shared/api"
import type { PersonOverride } from "@shared/campaign"
import type { OutreachEventInput } from "@shared/events"
import type { TeamSettingsPatch } from "@shared/settings"

export interface ServerConnection {
  /** e.g. `http://127.0.0.1:8787`, no trailing slash. */
  serverUrl: string
  /** The user's token; null for the public routes. */
  token: string | null
  /** For tests; defaults to the global fetch. */
  fetch?: typeof fetch
}

export type ServerErrorKind = "unreachable" | "http" | "bad_response"

/** Why a call failed: no answer, an error status (with the server's `ApiError` body), or an answer of the wrong shape. */
export class ServerRequestError extends Error {
  constructor(
    readonly kind: ServerErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
    readonly field?: string,
    readonly issues?: Issue[],
  ) {
    super(message)
    this.name = "ServerRequestError"
  }
}

const TIMEOUT_MS = 15_000

function client(conn: ServerConnection): KyInstance {
  const options: Options = {
    prefixUrl: conn.serverUrl,
    timeout: TIMEOUT_MS,
    // NOTE: no ky retries; the outbox retries what must be delivered, the UI retries the rest.
    retry: 0,
    headers: conn.token ? { Authorization: `Bearer ${conn.token}` } : {},
  }
  if (conn.fetch) options.fetch = conn.fetch
  return ky.create(options)
}

async function errorFrom(e: unknown): Promise<ServerRequestError> {
  if (e instanceof ServerRequestError) return e
  if (e instanceof HTTPError) {
    const status = e.response.status
    let body: unknown
    try {
      body = await e.response.json()
    } catch {
      body = undefined
    }
    const parsed = ApiErrorSchema.safeParse(body)
    if (parsed.success) {
      const { message, code, field, issues } = parsed.data.error
      return new ServerRequestError("http", message, status, code, field, issues)
    }
    return new ServerRequestError("http", `The server answered ${status}`, status)
  }
  if (e instanceof TimeoutError) return new ServerRequestError("unreachable", "The server did not answer in time")
  return new ServerRequestError("unreachable", e instanceof Error ? e.message : "The server did not answer")
}

async function call<S extends z.ZodType>(conn: ServerConnection, schema: S, send: (k: KyInstance) => Promise<Response>): Promise<z.output<S>> {
  let response: Response
  try {
    response = await send(client(conn))
  } catch (e) {
    throw await errorFrom(e)
  }
  let json: unknown = undefined
  if (response.status !== 204) {
    try {
      json = await response.json()
    } catch {
      throw new ServerRequestError("bad_response", "The server's answer was not JSON", response.status)
    }
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : ""
    throw new ServerRequestError("bad_response", `The server's answer had an unexpected shape${where}`, response.status)
  }
  return parsed.data
}

/** Bodies the contract leaves open (acknowledgements): any JSON or none. */
const AnyBodySchema = z.unknown()

/** `GET /health` (public): the server is up and its database answers. */
export const getHealth = (conn: ServerConnection) => call(conn, HealthSchema, (k) => k.get("health"))

/** `GET /me`: the token's user and team; 401 when the token is not accepted. */
export const getMe = (conn: ServerConnection) => call(conn, MeSchema, (k) => k.get("me"))

/** `GET /integration`: Clockwork connection status (never a secret). */
export const getIntegration = (conn: ServerConnection) => call(conn, IntegrationStatusSchema, (k) => k.get("integration"))

/** `POST /integration/activate` (admin): 422 when Clockwork rejects the credentials, 502 when unreachable. */
export const activateIntegration = (conn: ServerConnection, body: ActivateIntegrationRequest) =>
  call(conn, IntegrationStatusSchema, (k) => k.post("integration/activate", { json: body }))

/** `DELETE /integration` (admin): forgets the Clockwork credentials. The answer's body is not used. */
export const deleteIntegration = (conn: ServerConnection) => call(conn, AnyBodySchema, (k) => k.delete("integration"))

/** `GET /settings`: the team's settings and their version. */
export const getSettings = (conn: ServerConnection) => call(conn, SettingsResponseSchema, (k) => k.get("settings"))

/** `PATCH /settings` (admin): merges one or more sections; 422 names the offending field. */
export const patchSettings = (conn: ServerConnection, patch: TeamSettingsPatch) =>
  call(conn, SettingsResponseSchema, (k) => k.patch("settings", { json: patch }))

/** `GET /settings/history` (admin): every saved version, newest first. */
export const getSettingsHistory = (conn: ServerConnection) => call(conn, SettingsHistorySchema, (k) => k.get("settings/history"))

/** `GET /clockwork/metadata`: Clockwork's live fields, note types, statuses, tags and projects; 409 when not connected. */
export const getMetadata = (conn: ServerConnection) => call(conn, ClockworkMetadataSchema, (k) => k.get("clockwork/metadata"))

/** `POST /clockwork/metadata/refresh`: re-reads the metadata from Clockwork. */
export const refreshMetadata = (conn: ServerConnection) => call(conn, ClockworkMetadataSchema, (k) => k.post("clockwork/metadata/refresh"))

/** `GET /campaigns`: the team's campaigns. */
export const listCampaigns = (conn: ServerConnection) => call(conn, CampaignListSchema, (k) => k.get("campaigns"))

/** `POST /campaigns`: creates a campaign with its sync options. */
export const createCampaign = (conn: ServerConnection, body: CreateCampaignRequest) =>
  call(conn, CampaignSchema, (k) => k.post("campaigns", { json: body }))

/** `PATCH /campaigns/:id`: renames, archives or changes the sync options. */
export const updateCampaign = (conn: ServerConnection, id: string, patch: UpdateCampaignRequest) =>
  call(conn, CampaignSchema, (k) => k.patch(`campaigns/${encodeURIComponent(id)}`, { json: patch }))

/** `POST /campaigns/:id/members`: adds a person; `requestId` makes a replay a no-op. The answer's body is not used. */
export const addCampaignMember = (conn: ServerConnection, id: string, body: AddCampaignMemberRequest) =>
  call(conn, AnyBodySchema, (k) => k.post(`campaigns/${encodeURIComponent(id)}/members`, { json: body }))

/** `GET /overrides`: the person's override (for one campaign when `campaignId` is given), or null. */
export const getOverride = (conn: ServerConnection, personKey: string, campaignId?: string) =>
  call(conn, OverrideResponseSchema, (k) => k.get("overrides", { searchParams: definedParams({ personKey, campaignId }) }))

/** `PUT /overrides`: stores the person's override; 422 names a non-displayed field or a locked setting. */
export const putOverride = (conn: ServerConnection, override: PersonOverride) =>
  call(conn, AnyBodySchema, (k) => k.put("overrides", { json: override }))

/** `POST /decisions/preview`: what a push would do now, field by field, and the matching Clockwork person. */
export const previewDecision = (conn: ServerConnection, body: DecisionPreviewRequest) =>
  call(conn, DecisionPreviewResponseSchema, (k) => k.post("decisions/preview", { json: body }))

/** `POST /events`: one outreach event or a batch; 202. Replayed ids are accepted and do nothing. */
export const postEvents = (conn: ServerConnection, events: OutreachEventInput | OutreachEventInput[]) =>
  call(conn, EventsAcceptedSchema, (k) => k.post("events", { json: events }))

/** `GET /sync/log`: the person's sync jobs, newest first. */
export const getSyncLog = (conn: ServerConnection, personKey: string) =>
  call(conn, SyncLogSchema, (k) => k.get("sync/log", { searchParams: { personKey } }))

/** `GET /sync/status`: job counts, recent jobs, dead letters and the integration status. */
export const getSyncStatus = (conn: ServerConnection) => call(conn, SyncStatusSchema, (k) => k.get("sync/status"))

/** `POST /sync/jobs/:id/retry`: puts a failed or dead job back in the queue. The answer's body is not used. */
export const retrySyncJob = (conn: ServerConnection, jobId: string) =>
  call(conn, AnyBodySchema, (k) => k.post(`sync/jobs/${encodeURIComponent(jobId)}/retry`))

function definedParams(query: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""))
}
