// A scripted stand-in for the Cogsync server on loopback (port 0), speaking the shared contract:
// every request is recorded, bodies are validated with the shared schemas, events and campaign
// members are de-duplicated by id like the real server. Tests can take it down (connections are
// dropped), script one-off replies, or make it record a request and then drop the connection
// (the answer is lost on the way back: what a worker stopped mid-request sees).
import http from "node:http"
import type { AddressInfo } from "node:net"
import { AddCampaignMemberRequestSchema, type Campaign, type ClockworkMetadata, type Me, type SettingsResponse } from "@shared/api"
import { PersonOverrideSchema, type PersonOverride } from "@shared/campaign"
import { OutreachEventBatchSchema, type OutreachEvent } from "@shared/events"
import { DEFAULT_TEAM_SETTINGS } from "@shared/settings"

export const ADMIN_TOKEN = `cgs_${"a".repeat(43)}`
export const RECRUITER_TOKEN = `cgs_${"r".repeat(43)}`

export interface Recorded {
  method: string
  path: string
  query: URLSearchParams
  authorization: string | undefined
  body: unknown
}

export type Reply = { status: number; body?: unknown } | "drop" | "ack-then-drop"

export const ME_ADMIN: Me = {
  user: { id: "u-admin", name: "Ada Admin", email: "ada@example.com", role: "admin", createdAt: "2026-01-01T00:00:00.000Z" },
  team: { id: "t-1", name: "Northwind Search" },
}

export const METADATA: ClockworkMetadata = {
  fields: [
    { id: "title", label: "Title", custom: false },
    { id: "email", label: "Email", custom: false },
    { id: "custom:cf-source", label: "Source", custom: true },
  ],
  noteTypes: [{ id: "nt-email", name: "Email" }],
  statuses: [{ id: "st-research", name: "Research", group: "Progressing" }],
  tags: [{ id: "tag-outreach", name: "Outreach" }],
  projects: [{ id: "proj-demo-vpe", name: "VP Engineering — Northwind (demo)" }],
  fetchedAt: "2026-12-01T00:00:00.000Z",
}

const error = (status: number, code: string, message: string, field?: string) => ({ status, body: { error: { code, message, ...(field ? { field } : {}) } } })

export async function startFakeServer() {
  const requests: Recorded[] = []
  const scripted = new Map<string, Reply[]>()
  const acceptedEvents = new Map<string, OutreachEvent>()
  const members = new Map<string, unknown>()
  const overrides = new Map<string, PersonOverride>()
  let settings: SettingsResponse = { settings: DEFAULT_TEAM_SETTINGS, version: 1, updatedAt: null, updatedBy: null }
  const campaigns: Campaign[] = [
    { id: "c-1", name: "VP Engineering search", options: { tags: ["Engineering"] }, archived: false, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z", memberCount: 0 },
  ]
  const state = { down: false }

  function handle(method: string, path: string, query: URLSearchParams, auth: string | undefined, body: unknown): { status: number; body?: unknown } {
    if (path === "/health") return { status: 200, body: { ok: true, version: "test", db: "ok" } }
    if (auth !== `Bearer ${ADMIN_TOKEN}`) return error(401, "unauthorized", "Missing or invalid token")
    const key = `${method} ${path}`
    if (key === "GET /me") return { status: 200, body: ME_ADMIN }
    if (key === "GET /settings") return { status: 200, body: settings }
    if (key === "PATCH /settings") {
      settings = { ...settings, settings: { ...settings.settings, ...(body as object) }, version: settings.version + 1 }
      return { status: 200, body: settings }
    }
    if (key === "GET /campaigns") return { status: 200, body: { campaigns } }
    if (key === "GET /clockwork/metadata") return { status: 200, body: METADATA }
    if (key === "GET /integration")
      return { status: 200, body: { state: "connected", firm: "demo", apiKeyLast4: "x9Pa", connectedAt: null, connectedBy: null, lastSuccessAt: null, lastError: null, paused: false } }
    if (key === "GET /sync/log") return { status: 200, body: { personKey: query.get("personKey"), jobs: [] } }
    if (key === "GET /overrides") {
      const o = overrides.get(`${query.get("personKey")}|${query.get("campaignId") ?? ""}`)
      return { status: 200, body: { override: o ?? null } }
    }
    if (key === "PUT /overrides") {
      const parsed = PersonOverrideSchema.safeParse(body)
      if (!parsed.success) return error(422, "invalid", parsed.error.issues[0]?.message ?? "invalid", `fields`)
      if (Object.keys(parsed.data.fields).some((f) => !settings.settings.personFields.displayed.includes(f as never))) {
        const f = Object.keys(parsed.data.fields).find((x) => !settings.settings.personFields.displayed.includes(x as never))
        return error(422, "field_not_displayed", `${f} is not a displayed field`, `fields.${f}`)
      }
      overrides.set(`${parsed.data.personKey}|${parsed.data.campaignId ?? ""}`, parsed.data)
      return { status: 200, body: { override: parsed.data } }
    }
    if (key === "POST /events") {
      const parsed = OutreachEventBatchSchema.safeParse(body)
      if (!parsed.success) return error(422, "invalid", parsed.error.issues[0]?.message ?? "invalid", parsed.error.issues[0]?.path.join("."))
      const events = Array.isArray(parsed.data) ? parsed.data : [parsed.data]
      let accepted = 0
      let duplicates = 0
      for (const e of events) {
        if (acceptedEvents.has(e.id)) duplicates++
        else {
          acceptedEvents.set(e.id, e)
          accepted++
        }
      }
      return { status: 202, body: { accepted, duplicates, ids: events.map((e) => e.id) } }
    }
    const member = /^\/campaigns\/([^/]+)\/members$/.exec(path)
    if (member && method === "POST") {
      const parsed = AddCampaignMemberRequestSchema.safeParse(body)
      if (!parsed.success) return error(422, "invalid", "invalid member", parsed.error.issues[0]?.path.join("."))
      if (!campaigns.some((c) => c.id === member[1])) return error(404, "not_found", "No such campaign", "id")
      members.set(`${member[1]}|${parsed.data.capture.personKey}`, parsed.data)
      return { status: 200, body: { campaignId: member[1], personKey: parsed.data.capture.personKey, name: parsed.data.capture.name, addedAt: "2026-12-01T00:00:00.000Z" } }
    }
    return error(404, "not_found", `No route ${key}`)
  }

  const server = http.createServer((req, res) => {
    if (state.down) {
      req.socket.destroy()
      return
    }
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x")
      const raw = Buffer.concat(chunks).toString("utf8")
      let body: unknown = undefined
      try {
        body = raw ? JSON.parse(raw) : undefined
      } catch {
        body = raw
      }
      const method = req.method ?? "GET"
      requests.push({ method, path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, body })
      const key = `${method} ${url.pathname}`
      const reply = scripted.get(key)?.shift() ?? handle(method, url.pathname, url.searchParams, req.headers.authorization, body)
      if (reply === "drop") {
        req.socket.destroy()
        return
      }
      if (reply === "ack-then-drop") {
        handle(method, url.pathname, url.searchParams, req.headers.authorization, body)
        req.socket.destroy()
        return
      }
      res.writeHead(reply.status, { "content-type": "application/json" })
      res.end(reply.body === undefined ? "" : JSON.stringify(reply.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    acceptedEvents,
    members,
    overrides,
    campaigns,
    state,
    get settings() {
      return settings
    },
    set settings(next: SettingsResponse) {
      settings = next
    },
    /** One-off replies for a route (`"POST /events"`), used in order before the normal handler. */
    script(route: string, ...replies: Reply[]) {
      scripted.set(route, [...(scripted.get(route) ?? []), ...replies])
    },
    requestsTo(route: string) {
      return requests.filter((r) => `${r.method} ${r.path}` === route)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type FakeServer = Awaited<ReturnType<typeof startFakeServer>>
