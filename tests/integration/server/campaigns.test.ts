import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { Campaign } from "@shared/index"
import { startTestServer, type TestClock, type TestServer } from "../helpers/test-server"

const jane = {
  personKey: "li:jane-cooper-demo",
  source: "linkedin",
  name: "Jane Cooper",
  title: "Staff Software Engineer",
  company: "Initech",
  linkedinUrl: "https://www.linkedin.com/in/jane-cooper-demo",
}

interface Member {
  campaignId: string
  personKey: string
  name: string
  addedAt: string
}

describe("campaigns", () => {
  let t: TestServer
  beforeEach(async () => {
    t = await startTestServer({ secondTeam: true })
  })
  afterEach(async () => {
    await t.close()
  })

  const create = async (body: unknown, token = t.tokens.recruiter) => t.request<Campaign>("POST", "/campaigns", { token, body })

  it("lets a recruiter create a campaign with its sync options", async () => {
    const res = await create({ name: "VP Engineering", options: { syncAs: "none", tags: ["Outreach"], addPersonWhen: "interested", clockworkProjectId: "proj-demo-vpe" } })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      name: "VP Engineering",
      options: { syncAs: "none", tags: ["Outreach"], addPersonWhen: "interested", clockworkProjectId: "proj-demo-vpe" },
      archived: false,
      memberCount: 0,
    })
    const read = await t.request<Campaign>("GET", `/campaigns/${res.body.id}`, { token: t.tokens.recruiter })
    expect(read.body).toEqual(res.body)
  })

  it("gives a campaign without options the empty option set", async () => {
    const res = await create({ name: "Plain" })
    expect(res.body.options).toEqual({ tags: [] })
  })

  it("lists active campaigns, and archived ones only when asked", async () => {
    const a = await create({ name: "A" })
    ;(t.clock as TestClock).advance(1000)
    const b = await create({ name: "B" })
    const archived = await t.request<Campaign>("PATCH", `/campaigns/${a.body.id}`, { token: t.tokens.recruiter, body: { archived: true } })
    expect(archived.status).toBe(200)
    expect(archived.body.archived).toBe(true)
    const active = await t.request<{ campaigns: Campaign[] }>("GET", "/campaigns")
    expect(active.body.campaigns.map((c) => c.id)).toEqual([b.body.id])
    const all = await t.request<{ campaigns: Campaign[] }>("GET", "/campaigns?archived=true")
    expect(all.body.campaigns.map((c) => c.id)).toEqual([b.body.id, a.body.id])
  })

  it("renames and re-options a campaign, keeping what the patch leaves out", async () => {
    const c = await create({ name: "Old", options: { tags: ["Sales"] } })
    ;(t.clock as TestClock).advance(5000)
    const res = await t.request<Campaign>("PATCH", `/campaigns/${c.body.id}`, { body: { name: "New" } })
    expect(res.body).toMatchObject({ name: "New", options: { tags: ["Sales"] } })
    expect(Date.parse(res.body.updatedAt) - Date.parse(c.body.updatedAt)).toBe(5000)
    const res2 = await t.request<Campaign>("PATCH", `/campaigns/${c.body.id}`, { body: { options: { syncAs: "none" } } })
    expect(res2.body.options).toEqual({ syncAs: "none", tags: [] })
  })

  it.each([
    ["options.syncAs", ["defaults.syncAs"], { syncAs: "none" }],
    ["options.addPersonWhen", ["adding.addPersonWhen"], { addPersonWhen: "added_to_campaign" }],
    ["options.tags", ["defaults.tags"], { tags: ["VIP"] }],
  ])("refuses options that change a locked team setting (422 naming %s)", async (field, locks, options) => {
    await t.request("PATCH", "/settings", { body: { locks } })
    const created = await create({ name: "Locked", options })
    expect(created.status).toBe(422)
    expect(created.body).toMatchObject({ error: { code: "locked_setting", field } })
    const ok = await create({ name: "Fine" })
    const patched = await t.request("PATCH", `/campaigns/${ok.body.id}`, { token: t.tokens.recruiter, body: { options } })
    expect(patched.status).toBe(422)
    expect(patched.body).toMatchObject({ error: { field } })
  })

  it.each([
    ["name", { options: {} }],
    ["name", { name: "" }],
    ["options.syncAs", { name: "X", options: { syncAs: "company" } }],
    ["options.tags.0", { name: "X", options: { tags: [""] } }],
    ["options.fieldValues.shoeSize", { name: "X", options: { fieldValues: { shoeSize: "44" } } }],
    ["options.clockworkProjectId", { name: "X", options: { clockworkProjectId: "has spaces" } }],
  ])("refuses a campaign with an invalid %s (400 naming it)", async (field, body) => {
    const res = await create(body)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: { field } })
  })

  it.each([
    ["archived", { archived: "yes" }],
    ["name", { name: "" }],
  ])("refuses an update with an invalid %s (400 naming it)", async (field, body) => {
    const c = await create({ name: "X" })
    const res = await t.request("PATCH", `/campaigns/${c.body.id}`, { body })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: { field } })
  })

  it("refuses ?archived=maybe (400 naming archived)", async () => {
    const res = await t.request("GET", "/campaigns?archived=maybe")
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: { field: "archived" } })
  })

  it("answers 404 for another team's campaign, on every campaign route", async () => {
    const theirs = await create({ name: "Theirs" }, t.otherTeam!.tokens.recruiter)
    const id = theirs.body.id
    for (const [method, path, body] of [
      ["GET", `/campaigns/${id}`, undefined],
      ["PATCH", `/campaigns/${id}`, { name: "Mine now" }],
      ["POST", `/campaigns/${id}/members`, { capture: jane }],
      ["GET", `/campaigns/${id}/members`, undefined],
    ] as const) {
      const res = await t.request(method, path, { token: t.tokens.admin, ...(body ? { body } : {}) })
      expect(res.status, `${method} ${path}`).toBe(404)
      expect(res.body).toMatchObject({ error: { code: "not_found", field: "id" } })
    }
    const list = await t.request<{ campaigns: Campaign[] }>("GET", "/campaigns?archived=true")
    expect(list.body.campaigns).toEqual([])
    const still = await t.request<Campaign>("GET", `/campaigns/${id}`, { token: t.otherTeam!.tokens.admin })
    expect(still.body.name).toBe("Theirs")
  })

  describe("members", () => {
    it("adds a person once and counts them", async () => {
      const c = await create({ name: "VP Eng" })
      const first = await t.request<Member>("POST", `/campaigns/${c.body.id}/members`, { token: t.tokens.recruiter, body: { capture: jane } })
      expect(first.status).toBe(201)
      expect(first.body).toEqual({ campaignId: c.body.id, personKey: jane.personKey, name: "Jane Cooper", addedAt: (t.clock as TestClock).now().toISOString() })
      ;(t.clock as TestClock).advance(1000)
      const again = await t.request<Member>("POST", `/campaigns/${c.body.id}/members`, { token: t.tokens.recruiter, body: { capture: { ...jane, name: "Jane C." } } })
      expect(again.status).toBe(200)
      expect(again.body).toEqual({ ...first.body, name: "Jane C." })
      const list = await t.request<{ members: Member[] }>("GET", `/campaigns/${c.body.id}/members`)
      expect(list.body.members).toEqual([again.body])
      const read = await t.request<Campaign>("GET", `/campaigns/${c.body.id}`)
      expect(read.body.memberCount).toBe(1)
    })

    it("changes nothing when a request id is replayed", async () => {
      const c = await create({ name: "VP Eng" })
      const body = { capture: jane, requestId: "req-1" }
      const first = await t.request<Member>("POST", `/campaigns/${c.body.id}/members`, { body })
      expect(first.status).toBe(201)
      const replay = await t.request<Member>("POST", `/campaigns/${c.body.id}/members`, { body: { ...body, capture: { ...jane, name: "Changed" } } })
      expect(replay.status).toBe(200)
      expect(replay.body).toEqual(first.body)
    })

    it("refuses a request id reused for another person (409 naming requestId)", async () => {
      const c = await create({ name: "VP Eng" })
      await t.request("POST", `/campaigns/${c.body.id}/members`, { body: { capture: jane, requestId: "req-1" } })
      const res = await t.request("POST", `/campaigns/${c.body.id}/members`, {
        body: { capture: { ...jane, personKey: "li:someone-else", name: "Someone" }, requestId: "req-1" },
      })
      expect(res.status).toBe(409)
      expect(res.body).toMatchObject({ error: { field: "requestId" } })
    })

    it("refuses to add people to an archived campaign (409)", async () => {
      const c = await create({ name: "Done" })
      await t.request("PATCH", `/campaigns/${c.body.id}`, { body: { archived: true } })
      const res = await t.request("POST", `/campaigns/${c.body.id}/members`, { body: { capture: jane } })
      expect(res.status).toBe(409)
      expect(res.body).toMatchObject({ error: { code: "campaign_archived" } })
    })

    it.each([
      ["capture", {}],
      ["capture.personKey", { capture: { ...jane, personKey: "nobody" } }],
      ["capture.name", { capture: { ...jane, name: "" } }],
      ["capture.linkedinUrl", { capture: { ...jane, linkedinUrl: "javascript:alert(1)" } }],
      ["capture.emails.0", { capture: { ...jane, emails: ["x"] } }],
      ["requestId", { capture: jane, requestId: "has spaces" }],
    ])("refuses a member with an invalid %s (400 naming it)", async (field, body) => {
      const c = await create({ name: "X" })
      const res = await t.request("POST", `/campaigns/${c.body.id}/members`, { body })
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({ error: { field } })
    })

    it("answers 404 naming id for an unknown campaign", async () => {
      const res = await t.request("POST", "/campaigns/cmp_nope/members", { body: { capture: jane } })
      expect(res.status).toBe(404)
      expect(res.body).toMatchObject({ error: { field: "id" } })
    })
  })
})
