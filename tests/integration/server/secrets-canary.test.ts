// Plants canary Clockwork credentials, drives every route of the table (happy paths, bad input,
// wrong roles, other teams, Clockwork faults and rejections), then scans every response body and
// header, every log line and the database files for them. The test-server helper runs the same scan
// when any suite closes its server, so the whole integration suite is covered too.
import { randomBytes } from "node:crypto"
import { readFileSync, readdirSync } from "node:fs"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Campaign } from "@shared/index"
import { ROUTE_LIST, type RouteKey } from "../../../server/routes/table"
import { findLeaks, startTestServer, type TestServer } from "../helpers/test-server"

const canary = (label: string) => `CANARY-${label}-${randomBytes(9).toString("base64url")}`
const CANARY = { firm: "canary-firm", apiKey: canary("apikey"), apiSecret: canary("apisecret"), serviceKey: canary("servicekey") }
const ACTIVATE = { apiKey: CANARY.apiKey, apiSecret: CANARY.apiSecret, subdomain: CANARY.firm, serviceKey: CANARY.serviceKey }

const capture = {
  personKey: "li:casey-canary",
  source: "linkedin",
  name: "Casey Canary",
  title: "Head of Birds",
  linkedinUrl: "https://www.linkedin.com/in/casey-canary",
  emails: ["casey@canary.example"],
}

describe("secrets never leak", () => {
  let t: TestServer
  let campaignId = ""
  let tokenTargetId = ""

  /** A valid and an invalid request per route; `:id` is filled with a real campaign or user id. */
  const fixtures = (): Record<RouteKey, { path: string; body?: unknown; bad?: unknown }> => ({
    "GET /health": { path: "/health" },
    "GET /openapi.json": { path: "/openapi.json" },
    "GET /docs": { path: "/docs" },
    "GET /demo": { path: "/demo" },
    "GET /demo/feed": { path: "/demo/feed" },
    "GET /demo/in/:slug": { path: "/demo/in/jane-cooper-demo" },
    "GET /demo/people/:slug": { path: "/demo/people/cody-fisher" },
    "GET /me": { path: "/me" },
    "GET /users": { path: "/users" },
    "POST /users": { path: "/users", body: { name: "New Hire", role: "recruiter" }, bad: { name: CANARY.apiKey, role: CANARY.apiSecret } },
    "POST /users/:id/tokens": { path: `/users/${tokenTargetId}/tokens` },
    "GET /integration": { path: "/integration" },
    "POST /integration/activate": {
      path: "/integration/activate",
      body: ACTIVATE,
      bad: { ...ACTIVATE, subdomain: `${CANARY.apiSecret}.evil/x` },
    },
    "DELETE /integration": { path: "/integration" },
    "GET /settings": { path: "/settings" },
    "PUT /settings": { path: "/settings", body: { settings: undefined }, bad: { settings: { apiKey: CANARY.apiKey } } },
    "PATCH /settings": { path: "/settings", body: { contact: { blockEmailsToOffLimits: true } }, bad: { contact: { syncManualUpdates: CANARY.apiKey } } },
    "GET /settings/history": { path: "/settings/history" },
    "GET /clockwork/metadata": { path: "/clockwork/metadata" },
    "POST /clockwork/metadata/refresh": { path: "/clockwork/metadata/refresh" },
    "GET /lookup": { path: `/lookup?linkedinUrl=${encodeURIComponent(capture.linkedinUrl)}` },
    "GET /campaigns": { path: "/campaigns?archived=true" },
    "POST /campaigns": { path: "/campaigns", body: { name: "Birds", options: { tags: ["Outreach"] } }, bad: { name: "", options: { syncAs: CANARY.apiKey } } },
    "GET /campaigns/:id": { path: `/campaigns/${campaignId}` },
    "PATCH /campaigns/:id": { path: `/campaigns/${campaignId}`, body: { name: "Birds 2" }, bad: { archived: CANARY.apiSecret } },
    "POST /campaigns/:id/members": { path: `/campaigns/${campaignId}/members`, body: { capture }, bad: { capture: { ...capture, personKey: CANARY.serviceKey } } },
    "GET /campaigns/:id/members": { path: `/campaigns/${campaignId}/members` },
    "GET /overrides": { path: `/overrides?personKey=${capture.personKey}` },
    "PUT /overrides": { path: "/overrides", body: { personKey: capture.personKey, fields: { title: "Chief Bird" } }, bad: { personKey: capture.personKey, fields: { biography: CANARY.apiKey } } },
    "DELETE /overrides": { path: `/overrides?personKey=${capture.personKey}` },
    "POST /decisions/preview": { path: "/decisions/preview", body: { capture }, bad: { capture: { ...capture, emails: [CANARY.apiSecret] }, campaignId: CANARY.apiKey } },
    "GET /send-check": { path: `/send-check?personKey=${capture.personKey}` },
    "POST /events": {
      path: "/events",
      body: [{ id: `evt-${randomBytes(6).toString("hex")}`, type: "replied", personKey: capture.personKey, occurredAt: "2026-12-04T10:00:00Z", contact: capture, body: "Sounds good" }],
      bad: { id: "evt-bad", type: "activity", channel: "email", personKey: capture.personKey, occurredAt: CANARY.apiKey, contact: { ...capture, emails: [CANARY.apiSecret] } },
    },
    "GET /sync/log": { path: `/sync/log?personKey=${capture.personKey}` },
    "GET /sync/status": { path: "/sync/status" },
    "POST /sync/jobs/:id/retry": { path: "/sync/jobs/1/retry" },
    "POST /campaigns/:id/sync": { path: `/campaigns/${campaignId}/sync` },
    "GET /campaigns/:id/sync/progress": { path: `/campaigns/${campaignId}/sync/progress?once=true` },
    "POST /webhooks/clockwork/:teamId": {
      path: `/webhooks/clockwork/${t.team.id}`,
      body: { event_name: "candidacy_updated", candidacy: { id: "c-1", person_id: "p-casey", project_id: "proj-1", status_id: "st-1" } },
      bad: { event_name: CANARY.apiKey, candidacy: { id: CANARY.apiSecret } },
    },
  })

  /** Drives every route as admin, recruiter, another team's admin and nobody, with good and bad input. */
  async function tour(): Promise<void> {
    const settings = (await t.request<{ settings: unknown }>("GET", "/settings")).body.settings
    const all = fixtures()
    for (const route of ROUTE_LIST) {
      const f = all[route.key]
      const body = route.key === "PUT /settings" ? { settings } : f.body
      for (const token of [t.tokens.admin, t.tokens.recruiter, t.otherTeam!.tokens.admin, null]) {
        await t.request(route.method, f.path, { token, ...(body !== undefined ? { body } : {}) })
        if (f.bad !== undefined) await t.request(route.method, f.path, { token, body: f.bad })
      }
      if (route.key === "DELETE /integration") await t.request("POST", "/integration/activate", { body: ACTIVATE })
    }
  }

  beforeAll(async () => {
    t = await startTestServer({ secondTeam: true })
    t.sandbox.seedFirm({
      ...CANARY,
      customFields: [{ id: "cf-wings", name: "Wingspan" }],
      people: [{ id: "p-casey", name: "Casey Canary", doNotContact: true, emails: ["casey@canary.example"], linkedinUrls: [capture.linkedinUrl] }],
    })
    for (const v of [CANARY.apiKey, CANARY.apiSecret, CANARY.serviceKey]) t.secrets.add(v)
    const activated = await t.request("POST", "/integration/activate", { body: ACTIVATE })
    expect(activated.status).toBe(200)
    campaignId = (await t.request<Campaign>("POST", "/campaigns", { body: { name: "Canaries" } })).body.id
    tokenTargetId = (await t.request<{ user: { id: string } }>("POST", "/users", { body: { name: "Token Target", role: "recruiter" } })).body.user.id

    await tour()
    // Wrong credentials of every kind.
    for (const wrong of [{ apiKey: canary("wrongkey") }, { apiSecret: canary("wrongsecret") }, { serviceKey: canary("wrongservice") }]) {
      await t.request("POST", "/integration/activate", { body: { ...ACTIVATE, ...wrong } })
    }
    // Clockwork failing in every way the client reports.
    for (const faults of [{ error500: 1 }, { error503: 1 }, { reset: 1 }, { down: true }]) {
      t.sandbox.setFaults(CANARY.firm, faults)
      await tour()
    }
    t.sandbox.setFaults(CANARY.firm, null)
    expect((await t.request("POST", "/integration/activate", { body: ACTIVATE })).status).toBe(200)
    // Enough for the two activations of a tour; the metadata and lookups after them get 429.
    // The sync worker (which calls Clockwork for the tour's events) is held so it spends no token.
    await t.server.context.sync.stop()
    t.sandbox.setRateLimit(CANARY.firm, { ratePerSecond: 0.001, burst: 3 })
    await tour()
    t.sandbox.setRateLimit(CANARY.firm, null)
    t.server.context.sync.start()
    // Clockwork rejecting the stored credentials after a rotation.
    const rotated = canary("rotated")
    t.secrets.add(rotated)
    expect((await t.request("POST", "/integration/activate", { body: ACTIVATE })).status).toBe(200)
    t.sandbox.seedFirm({ ...CANARY, apiSecret: rotated })
    expect((await t.request("GET", "/clockwork/metadata")).status).toBe(409)
    expect((await t.request<{ state: string }>("GET", "/integration")).body.state).toBe("needs_attention")
    await tour()
    t.server.db.$client.pragma("wal_checkpoint(TRUNCATE)")
  })

  afterAll(async () => {
    await t.close()
  })

  it("has a tour entry for every route of the table", () => {
    const all = fixtures()
    expect(ROUTE_LIST.filter((r) => !(r.key in all)).map((r) => r.key)).toEqual([])
  })

  it("drove the integration through connected, refused and needs-attention states", () => {
    const statuses = new Set(t.transcript.map((entry) => Number(/-> (\d{3})/.exec(entry)?.[1])))
    for (const status of [200, 201, 204, 400, 401, 403, 404, 409, 422, 429, 502]) expect(statuses, String(status)).toContain(status)
    expect(t.transcript.some((e) => e.includes('"state":"needs_attention"'))).toBe(true)
    expect(t.transcript.some((e) => e.includes('"apiKeyLast4":"' + CANARY.apiKey.slice(-4) + '"'))).toBe(true)
  })

  it("finds no planted credential in any response body or header", () => {
    expect(t.transcript.length).toBeGreaterThan(500)
    const leaks = findLeaks(t.secrets, { responses: t.transcript })
    expect(leaks).toEqual([])
  })

  it("finds no planted credential in any log line", () => {
    expect(t.logs.length).toBeGreaterThan(500)
    expect(findLeaks(t.secrets, { logs: t.logs })).toEqual([])
  })

  it("holds no planted credential in plaintext in the database files", () => {
    const files = readdirSync(t.dataDir).filter((f) => f.startsWith("cogsync.db"))
    expect(files).toContain("cogsync.db")
    const bytes = files.map((f) => readFileSync(path.join(t.dataDir, f)).toString("latin1"))
    expect(bytes.some((b) => b.includes("canary-firm"))).toBe(true)
    expect(findLeaks(t.secrets, { databaseFiles: bytes })).toEqual([])
  })

  it("the scan does find a credential where one is", () => {
    expect(findLeaks([CANARY.apiSecret], { logs: ["ok", `{"x":"${CANARY.apiSecret}"}`] })).toHaveLength(1)
  })
})
