import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { Campaign, OverrideResponse } from "@shared/index"
import { apiError, startTestServer, type TestServer } from "../helpers/test-server"

const personKey = "li:jane-cooper-demo"

describe("individual overrides", () => {
  let t: TestServer
  beforeEach(async () => {
    t = await startTestServer({ secondTeam: true })
  })
  afterEach(async () => {
    await t.close()
  })

  const put = (body: unknown, token = t.tokens.recruiter) => t.request<OverrideResponse>("PUT", "/overrides", { token, body })
  const get = (query: string, token = t.tokens.recruiter) => t.request<OverrideResponse>("GET", `/overrides?${query}`, { token })

  it("answers null for a person without an override", async () => {
    const res = await get(`personKey=${personKey}`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ override: null })
  })

  it("saves and reads back a recruiter's override of displayed fields, Sync as and tags", async () => {
    const body = { personKey, syncAs: "none", tags: { add: ["VIP"], remove: [] }, fields: { title: "Staff Engineer", email: "jane@initech.example" } }
    const res = await put(body)
    expect(res.status).toBe(200)
    expect(res.body.override).toEqual(body)
    expect((await get(`personKey=${personKey}`)).body).toEqual({ override: body })
  })

  it("keeps a campaign's override apart from the person-wide one", async () => {
    const campaign = await t.request<Campaign>("POST", "/campaigns", { body: { name: "VP Eng" } })
    await put({ personKey, fields: { title: "Person-wide" } })
    await put({ personKey, campaignId: campaign.body.id, fields: { title: "For this campaign" } })
    expect((await get(`personKey=${personKey}`)).body.override?.fields.title).toBe("Person-wide")
    expect((await get(`personKey=${personKey}&campaignId=${campaign.body.id}`)).body.override?.fields.title).toBe("For this campaign")
    const del = await t.request("DELETE", `/overrides?personKey=${personKey}&campaignId=${campaign.body.id}`)
    expect(del.status).toBe(204)
    expect((await get(`personKey=${personKey}&campaignId=${campaign.body.id}`)).body.override).toBeNull()
    expect((await get(`personKey=${personKey}`)).body.override?.fields.title).toBe("Person-wide")
  })

  it("replaces an override on a second save", async () => {
    await put({ personKey, fields: { title: "First" }, tags: { add: ["A"] } })
    const res = await put({ personKey, fields: { company: "Second" } })
    expect(res.body.override).toEqual({ personKey, tags: { add: [], remove: [] }, fields: { company: "Second" } })
  })

  it("deleting an override that does not exist succeeds", async () => {
    expect((await t.request("DELETE", `/overrides?personKey=${personKey}`)).status).toBe(204)
  })

  it("refuses a field that is not displayed (422 naming fields.<id>)", async () => {
    const res = await put({ personKey, fields: { title: "ok", biography: "not displayed" } })
    expect(res.status).toBe(422)
    expect(res.body).toMatchObject({ error: { field: "fields.biography" } })
    expect(apiError(res).message).toContain("is not a displayed field")
    expect((await get(`personKey=${personKey}`)).body.override).toBeNull()
  })

  it("accepts a custom field once the admin displays it", async () => {
    expect((await put({ personKey, fields: { "custom:cf-source": "Referral" } })).status).toBe(422)
    await t.request("PATCH", "/settings", { body: { personFields: { displayed: ["title", "custom:cf-source"] } } })
    expect((await put({ personKey, fields: { "custom:cf-source": "Referral" } })).status).toBe(200)
  })

  it.each([
    ["syncAs", ["defaults.syncAs"], { syncAs: "none" }],
    ["tags.add", ["defaults.tags"], { tags: { add: ["VIP"] } }],
    ["tags.remove", ["defaults.tags"], { tags: { remove: ["Outreach"] } }],
  ])("refuses %s while the admin locks it (422 naming it)", async (field, locks, change) => {
    await t.request("PATCH", "/settings", { body: { locks } })
    const res = await put({ personKey, ...change })
    expect(res.status).toBe(422)
    expect(res.body).toMatchObject({ error: { field } })
    expect(apiError(res).message).toContain("locked by your admin")
  })

  it.each([
    ["personKey", { fields: {} }],
    ["personKey", { personKey: "jane" }],
    ["campaignId", { personKey, campaignId: "bad id" }],
    ["syncAs", { personKey, syncAs: "maybe" }],
    ["fields.title", { personKey, fields: { title: "x".repeat(2001) } }],
    ["tags.add.0", { personKey, tags: { add: [""] } }],
  ])("refuses an override with an invalid %s (400 naming it)", async (field, body) => {
    const res = await put(body)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: { field } })
  })

  it.each([
    ["GET", "personKey"],
    ["DELETE", "personKey"],
  ])("%s refuses a query without a valid personKey (400 naming it)", async (method) => {
    const res = await t.request(method, "/overrides?personKey=nobody")
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: { field: "personKey" } })
  })

  it("answers 404 naming campaignId for another team's campaign", async () => {
    const theirs = await t.request<Campaign>("POST", "/campaigns", { token: t.otherTeam!.tokens.admin, body: { name: "Theirs" } })
    const id = theirs.body.id
    const putRes = await put({ personKey, campaignId: id, fields: { title: "x" } })
    expect(putRes.status).toBe(404)
    expect(putRes.body).toMatchObject({ error: { field: "campaignId" } })
    expect((await get(`personKey=${personKey}&campaignId=${id}`)).status).toBe(404)
    expect((await t.request("DELETE", `/overrides?personKey=${personKey}&campaignId=${id}`)).status).toBe(404)
  })

  it("keeps overrides per team", async () => {
    await put({ personKey, fields: { title: "Ours" } })
    const theirs = await get(`personKey=${personKey}`, t.otherTeam!.tokens.recruiter)
    expect(theirs.body.override).toBeNull()
  })
})
