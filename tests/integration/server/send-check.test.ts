import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { Campaign, SendCheckResponse } from "@shared/index"
import { apiError, startTestServer, type TestServer } from "../helpers/test-server"

describe("GET /send-check", () => {
  let t: TestServer
  beforeEach(async () => {
    t = await startTestServer()
    await t.activateDemo()
  })
  afterEach(async () => {
    await t.close()
  })

  const check = (personKey: string) => t.request<SendCheckResponse>("GET", `/send-check?personKey=${encodeURIComponent(personKey)}`, { token: t.tokens.recruiter })

  it("refuses to email someone Clockwork marks Do Not Contact, and logs why", async () => {
    const res = await check("li:wade-warren-demo")
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ personKey: "li:wade-warren-demo", allowed: false, doNotContact: true })
    expect(res.body.reason).toMatch(/^Clockwork marks Wade Warren Do Not Contact/)
    const line = t.logs.find((l) => l.includes("send check: email refused"))
    expect(line).toBeDefined()
    expect(JSON.parse(line!)).toMatchObject({ level: 30, personKey: "li:wade-warren-demo", reason: res.body.reason })
  })

  it("refuses to email someone who is Do Not Contact through their company, giving the reason", async () => {
    const res = await check("email:eleanor.pena@example.com")
    expect(res.body).toMatchObject({ allowed: false, doNotContact: true })
    expect(res.body.reason).toContain("Client: Globex (non-solicit until 2027-06-30)")
  })

  it("allows someone in Clockwork without the flag", async () => {
    const res = await check("li:robert-fox-demo")
    expect(res.body).toEqual({ personKey: "li:robert-fox-demo", allowed: true, reason: "No Do Not Contact flag in Clockwork", doNotContact: false })
  })

  it("allows someone not in Clockwork", async () => {
    const res = await check("li:jane-cooper-demo")
    expect(res.body).toMatchObject({ allowed: true, reason: "Not in Clockwork", doNotContact: false })
  })

  it("allows a Do Not Contact person when the team does not block emails, and says so", async () => {
    await t.request("PATCH", "/settings", { body: { contact: { blockEmailsToOffLimits: false } } })
    const res = await check("li:wade-warren-demo")
    expect(res.body).toMatchObject({ allowed: true, doNotContact: true })
    expect(res.body.reason).toContain("does not block emails")
  })

  it("identifies a person through their stored capture", async () => {
    const campaign = await t.request<Campaign>("POST", "/campaigns", { body: { name: "Sales" } })
    await t.request("POST", `/campaigns/${campaign.body.id}/members`, {
      body: { capture: { personKey: "gh:wadewarren", source: "github", name: "Wade Warren", emails: ["wade.warren@example.com"] } },
    })
    expect((await check("gh:wadewarren")).body).toMatchObject({ allowed: false, doNotContact: true })
  })

  it("allows a person it cannot identify, saying Clockwork could not be checked", async () => {
    const res = await check("lir:AEMAAB99999")
    expect(res.body).toMatchObject({ allowed: true, doNotContact: false })
    expect(res.body.reason).toMatch(/No LinkedIn URL or email/)
  })

  it("allows sending when Clockwork is not connected, and says it was not checked", async () => {
    await t.request("DELETE", "/integration")
    const res = await check("li:wade-warren-demo")
    expect(res.body).toMatchObject({ allowed: true, doNotContact: false })
    expect(res.body.reason).toMatch(/not connected/)
  })

  it("refuses to send while Clockwork cannot be checked and the team blocks off-limits emails", async () => {
    t.sandbox.setFaults("demo", { down: true })
    const res = await check("li:robert-fox-demo")
    expect(res.body).toMatchObject({ allowed: false, doNotContact: false })
    expect(res.body.reason).toMatch(/could not be checked/)
  })

  it.each([["personKey", ""], ["personKey", "personKey=wade"]])("refuses a check without a valid %s (400 naming it)", async (field, query) => {
    const res = await t.request("GET", `/send-check?${query}`, { token: t.tokens.recruiter })
    expect(res.status).toBe(400)
    expect(apiError(res).field).toBe(field)
  })
})
