// Real records for the routes to act on, and request fixtures derived from the route table.
// `buildWorld` gives team A campaigns (active and archived), a member, an override, a sync job, a
// webhook token and spare users, so a fuzzed or matrix request can name things that exist. Path
// parameters are resolved by the resource they follow (`/campaigns/:id` → a campaign of team A);
// a parameter nobody knows how to fill gets generated values only.
import fc from "fast-check"
import type { Campaign, ProfileCaptureInput } from "@shared/index"
import { DEMO_SEED } from "../../../../server/clockwork/index"
import type { RouteEntry } from "../../../../server/routes/table"
import { createUser } from "../../../../server/services/teams"
import { issueWebhookToken } from "../../../../server/sync/webhooks"
import type { Harness } from "./harness"
import { arbitraryOf, type KnownValues, type Mode } from "./zod-arbitrary"

export interface RouteWorld {
  /** Team A's campaigns: [active, archived]. */
  campaignIds: string[]
  campaignNames: string[]
  /** Team A users whose tokens may be reissued freely (never the admin or recruiter the tests sign in as). */
  spareUserIds: string[]
  personKeys: string[]
  jobIds: string[]
  webhookToken: string
  /** Values offered to string fields by key name. */
  known: KnownValues
}

const demoPeople = DEMO_SEED.people ?? []
const DEMO_EMAILS = demoPeople.flatMap((p) => (p.emails ?? []).map((e) => (typeof e === "string" ? e : e.address)))
const DEMO_LINKEDIN = demoPeople.flatMap((p) => p.linkedinUrls ?? [])

export const MEMBER_CAPTURE: ProfileCaptureInput = {
  personKey: "li:robert-fox-demo",
  source: "linkedin",
  name: "Robert Fox",
  title: "VP Engineering",
  linkedinUrl: "https://www.linkedin.com/in/robert-fox-demo",
  emails: ["robert.fox@example.com"],
}

/**
 * Creates team A's records through the API (so they are what the routes themselves write).
 * `sync: false` leaves out the event and the bulk sync, so the sync worker has nothing to do.
 */
export async function buildWorld(h: Harness, opts: { sync?: boolean } = {}): Promise<RouteWorld> {
  const expectOk = (what: string, res: { status: number; text: string }) => {
    if (res.status >= 300) throw new Error(`${what} answered ${res.status}: ${res.text}`)
  }
  const active = await h.request<Campaign>("POST", "/campaigns", { json: { name: "Northwind Confidential Search", options: { clockworkProjectId: "proj-demo-vpe", tags: ["Outreach"] } } })
  expectOk("creating a campaign", active)
  const archived = await h.request<Campaign>("POST", "/campaigns", { json: { name: "Northwind Archived Search" } })
  expectOk("creating a campaign", archived)
  expectOk("archiving a campaign", await h.request("PATCH", `/campaigns/${archived.body.id}`, { json: { archived: true } }))
  expectOk("adding a member", await h.request("POST", `/campaigns/${active.body.id}/members`, { json: { capture: MEMBER_CAPTURE } }))
  expectOk("saving an override", await h.request("PUT", "/overrides", { json: { personKey: MEMBER_CAPTURE.personKey, fields: { title: "Northwind Override Marker" } } }))
  const jobIds: string[] = []
  if (opts.sync !== false) {
    const event = { id: "evt-reliability-1", type: "added_to_campaign", personKey: MEMBER_CAPTURE.personKey, campaignId: active.body.id, occurredAt: "2026-12-04T12:00:00Z", contact: MEMBER_CAPTURE }
    expectOk("sending an event", await h.request("POST", "/events", { json: event }))
    const log = await h.request<{ jobs: { id: string | number }[] }>("GET", `/sync/log?personKey=${encodeURIComponent(MEMBER_CAPTURE.personKey)}`)
    expectOk("reading the sync log", log)
    jobIds.push(...log.body.jobs.map((j) => String(j.id)))
    expectOk("starting a bulk sync", await h.request("POST", `/campaigns/${active.body.id}/sync`))
  }
  const { clock } = h.server.context
  const spare = [1, 2].map((n) => createUser(h.server.db, clock, h.team.id, { name: `Spare ${n}`, email: `spare${n}@northwind.example`, role: "recruiter" }).user.id)
  const { token: webhookToken } = issueWebhookToken(h.server.db, clock, h.team.id)

  const campaignIds = [active.body.id, archived.body.id]
  const personKeys = [MEMBER_CAPTURE.personKey, "email:eleanor.pena@example.com", "li:wade-warren-demo"]
  const creds = h.canaries.team
  return {
    campaignIds,
    campaignNames: [active.body.name, archived.body.name],
    spareUserIds: spare,
    personKeys,
    jobIds,
    webhookToken,
    known: {
      campaignId: campaignIds,
      // One key only, so a capture and an override generated apart still name the same person.
      personKey: [MEMBER_CAPTURE.personKey],
      linkedinUrl: DEMO_LINKEDIN,
      email: DEMO_EMAILS,
      emails: DEMO_EMAILS,
      clockworkProjectId: ["proj-demo-vpe"],
      subdomain: [creds.firm],
      apiKey: [creds.apiKey],
      apiSecret: [creds.apiSecret],
      serviceKey: [creds.serviceKey],
      teamId: [h.team.id],
      token: [webhookToken],
      syncAs: ["person"],
    },
  }
}

/** Real values for a path parameter, by the segment it follows; [] when unknown. */
export function realParamValues(route: RouteEntry, param: string, world: RouteWorld, teamId: string): string[] {
  const segments = route.path.split("/")
  const at = segments.indexOf(`:${param}`)
  const owner = at > 0 ? segments[at - 1] : undefined
  if (param === "teamId") return [teamId]
  if (owner === "campaigns") return world.campaignIds
  if (owner === "users") return world.spareUserIds
  if (owner === "jobs") return world.jobIds
  return []
}

/** The `:name` parameters of a table path. */
export const paramNames = (path: string): string[] => [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!)

/** Substitutes parameters (already encoded) into a table path. */
export const fillPath = (path: string, values: Record<string, string>): string => path.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? "")

/** A query object as a query string (arrays repeat the key, objects become JSON). */
export function toQueryString(query: unknown): string {
  if (!query || typeof query !== "object" || Array.isArray(query)) return ""
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, typeof item === "object" && item !== null ? JSON.stringify(item) : String(item))
  }
  const s = params.toString()
  return s ? `?${s}` : ""
}

export interface RouteRequest {
  path: string
  query: unknown
  body: unknown
}

/**
 * A schema-valid request for the route (path parameters from the world, query and body sampled
 * from the schemas with known values), deterministic for a seed. Throws when no valid sample is
 * found, so a fixture can never silently be a bad request.
 */
export function validRequest(route: RouteEntry, world: RouteWorld, teamId: string, seed = 1, mode: Mode = "valid"): RouteRequest {
  const values: Record<string, string> = {}
  for (const name of paramNames(route.path)) {
    const real = realParamValues(route, name, world, teamId)
    values[name] = encodeURIComponent(real[0] ?? fc.sample(arbitraryOf(route.params!, { mode: "valid" }), { numRuns: 1, seed })[0]![name as never])
  }
  const sample = (schema: RouteEntry["body"]) => {
    if (!schema) return undefined
    const arb = arbitraryOf(schema, { mode, known: world.known })
    for (const candidate of fc.sample(arb, { numRuns: 300, seed })) if (schema.safeParse(candidate).success) return candidate
    throw new Error(`no schema-valid sample for ${route.key}`)
  }
  return { path: fillPath(route.path, values), query: sample(route.query), body: sample(route.body) }
}
