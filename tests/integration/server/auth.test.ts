import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { ROUTE_LIST } from "../../../server/routes/table"
import { startTestServer, type TestServer } from "../helpers/test-server"

/** A concrete path for a table path: `:id` becomes an id that exists nowhere. */
const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, "unknown-id")
/** Public pages that exist, for the public GET routes with parameters. */
const PUBLIC_EXAMPLES: Record<string, string> = { "/demo/in/:slug": "/demo/in/jane-cooper-demo", "/demo/people/:slug": "/demo/people/cody-fisher" }

describe("authentication and authorization", () => {
  let t: TestServer
  beforeEach(async () => {
    t = await startTestServer({ secondTeam: true })
  })
  afterEach(async () => {
    await t.close()
  })

  it("serves /health without a token", async () => {
    const res = await t.request("GET", "/health", { token: null })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ ok: true, db: "ok" })
  })

  it.each(ROUTE_LIST.filter((r) => r.access !== "public").map((r) => [r.key, r] as const))("answers 401 naming authorization for %s without a token", async (_key, route) => {
    const res = await t.request(route.method, concrete(route.path), { token: null })
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ error: { code: "unauthorized", field: "authorization" } })
  })

  it.each(ROUTE_LIST.filter((r) => r.access === "admin").map((r) => [r.key, r] as const))("answers 403 to a recruiter on the admin route %s", async (_key, route) => {
    const res = await t.request(route.method, concrete(route.path), { token: t.tokens.recruiter, ...(route.body ? { body: {} } : {}) })
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ error: { code: "forbidden" } })
  })

  it.each(ROUTE_LIST.filter((r) => r.access === "public" && r.method === "GET").map((r) => [r.key, r] as const))("serves the public route %s without a token", async (_key, route) => {
    const res = await t.request(route.method, PUBLIC_EXAMPLES[route.path] ?? route.path, { token: null })
    expect(res.status).toBe(route.status)
  })

  it("lets the Clockwork webhook through without a bearer token, to its own token check", async () => {
    const res = await t.request("POST", `/webhooks/clockwork/${t.team.id}`, { token: null, body: { event_name: "candidacy_updated" } })
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ error: { code: "unauthorized", field: "token" } })
  })

  it("has an access rule for every route the app serves, and serves every route of the table", () => {
    const served = new Set(t.server.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))
    const table = new Set(ROUTE_LIST.map((r) => `${r.method} ${r.path}`))
    expect([...served].filter((r) => !table.has(r))).toEqual([])
    expect([...table].filter((r) => !served.has(r))).toEqual([])
  })

  it.each([
    ["a malformed token", "cgs_short"],
    ["an unknown token", `cgs_${"A".repeat(43)}`],
    ["a non-Bearer scheme", null],
  ])("answers 401 for %s", async (_what, token) => {
    const res =
      token === null
        ? await t.request("GET", "/me", { token: null, headers: { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` } })
        : await t.request("GET", "/me", { token })
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ error: { field: "authorization" } })
  })

  it("refuses an unknown path with a token as 404 and without one as 401", async () => {
    expect((await t.request("GET", "/no-such-route")).status).toBe(404)
    expect((await t.request("GET", "/no-such-route", { token: null })).status).toBe(401)
  })

  it("signs each token in as its own user and team", async () => {
    const me = await t.request<{ user: { id: string; role: string }; team: { id: string } }>("GET", "/me", { token: t.tokens.recruiter })
    expect(me.status).toBe(200)
    expect(me.body.user).toMatchObject({ id: t.team.recruiter.id, role: "recruiter" })
    expect(me.body.team.id).toBe(t.team.id)
    const other = await t.request<{ team: { id: string } }>("GET", "/me", { token: t.otherTeam!.tokens.admin })
    expect(other.body.team.id).toBe(t.otherTeam!.id)
  })

  it("logs each request without its Authorization header or token", async () => {
    await t.request("GET", "/me")
    const line = t.logs.find((l) => l.includes('"msg":"request"') && l.includes('"path":"/me"'))
    expect(line).toBeDefined()
    expect(line).toContain(`"userId":"${t.team.admin.id}"`)
    expect(t.logs.join("\n")).not.toContain(t.tokens.admin)
  })
})
