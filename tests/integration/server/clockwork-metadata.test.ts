import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { STANDARD_FIELD_IDS, type ClockworkMetadata } from "@shared/index"
import { DEMO_SEED } from "../../../server/clockwork/index"
import { apiError, startTestServer, type TestClock, type TestServer } from "../helpers/test-server"

describe("Clockwork metadata", () => {
  let t: TestServer
  beforeEach(async () => {
    t = await startTestServer({ secondTeam: true })
  })
  afterEach(async () => {
    await t.close()
  })

  const metadata = (token = t.tokens.recruiter) => t.request<ClockworkMetadata>("GET", "/clockwork/metadata", { token })
  const requests = () => t.sandbox.stats("demo").requests
  const reseedWithTag = (name: string) => t.sandbox.seedFirm({ ...DEMO_SEED, tags: [...(DEMO_SEED.tags ?? []), { name }] })

  it("answers 409 with a clear message while the integration is not connected", async () => {
    const res = await metadata()
    expect(res.status).toBe(409)
    expect(apiError(res)).toMatchObject({ code: "integration_not_connected" })
    expect(apiError(res).message).toMatch(/not connected/)
  })

  it("lists the standard fields and the firm's custom fields, note types, statuses, tags and projects", async () => {
    await t.activateDemo()
    const res = await metadata()
    expect(res.status).toBe(200)
    const m = res.body
    expect(m.fields.filter((f) => !f.custom).map((f) => f.id)).toEqual([...STANDARD_FIELD_IDS])
    expect(m.fields.find((f) => f.id === "title")).toEqual({ id: "title", label: "Title", custom: false })
    expect(m.fields.filter((f) => f.custom)).toEqual([
      { id: "custom:cf-source", label: "Source", custom: true },
      { id: "custom:cf-notice-period", label: "Notice period", custom: true },
    ])
    expect(m.noteTypes).toHaveLength(13)
    expect(m.noteTypes[0]).toEqual({ id: "nt-call", name: "Call" })
    expect(m.statuses).toHaveLength(23)
    expect(m.statuses[0]).toEqual({ id: "st-placed", name: "Placed", group: "Progressing" })
    expect(m.statuses.at(-1)).toEqual({ id: "st-remove-from-project", name: "Remove from Project", group: "Removal" })
    expect(m.tags.map((x) => x.name)).toEqual(["Outreach", "Engineering", "Leadership", "Sales"])
    expect(m.projects).toEqual([{ id: "proj-demo-vpe", name: "VP Engineering — Northwind (demo)" }])
    expect(m.fetchedAt).toBe((t.clock as TestClock).now().toISOString())
  })

  it("serves from its cache for 60 seconds, then asks Clockwork again", async () => {
    await t.activateDemo()
    await metadata()
    reseedWithTag("Fresh")
    const before = requests()
    ;(t.clock as TestClock).advance(59_000)
    const cached = await metadata()
    expect(cached.body.tags.map((x) => x.name)).not.toContain("Fresh")
    expect(requests()).toBe(before)
    ;(t.clock as TestClock).advance(2_000)
    const fresh = await metadata()
    expect(fresh.body.tags.map((x) => x.name)).toContain("Fresh")
    expect(requests()).toBeGreaterThan(before)
  })

  it("fetches anew on refresh, and the cache then holds the fresh copy", async () => {
    await t.activateDemo()
    await metadata()
    reseedWithTag("Fresh")
    const refreshed = await t.request<ClockworkMetadata>("POST", "/clockwork/metadata/refresh", { token: t.tokens.recruiter })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.tags.map((x) => x.name)).toContain("Fresh")
    const before = requests()
    expect((await metadata()).body.tags.map((x) => x.name)).toContain("Fresh")
    expect(requests()).toBe(before)
  })

  it("caches per team", async () => {
    await t.activateDemo()
    await t.activateDemo(t.otherTeam!.tokens.admin)
    await metadata()
    const before = requests()
    await metadata(t.otherTeam!.tokens.recruiter)
    expect(requests()).toBeGreaterThan(before)
  })

  it("drops the cache when the integration is deactivated", async () => {
    await t.activateDemo()
    await metadata()
    await t.request("DELETE", "/integration")
    expect((await metadata()).status).toBe(409)
  })

  it("answers 502 with a clear message when Clockwork is down", async () => {
    await t.activateDemo()
    t.sandbox.setFaults("demo", { down: true })
    const res = await metadata()
    expect(res.status).toBe(502)
    expect(apiError(res)).toMatchObject({ code: "clockwork_unreachable" })
    expect(apiError(res).message).toMatch(/could not be reached/)
  })

  it("answers 429 with Retry-After when Clockwork keeps rate limiting", async () => {
    await t.activateDemo()
    t.sandbox.setRateLimit("demo", { ratePerSecond: 0.001, burst: 1 })
    const res = await metadata()
    expect(res.status).toBe(429)
    expect(apiError(res).code).toBe("clockwork_rate_limited")
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0)
  })
})
