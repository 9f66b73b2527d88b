import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { Campaign, LookupResponse } from "@shared/index"
import { apiError, startTestServer, type TestServer } from "../helpers/test-server"

const ROBERT_URL = "https://www.linkedin.com/in/robert-fox-demo"

describe("GET /lookup (already in Clockwork?)", () => {
  let t: TestServer
  beforeEach(async () => {
    t = await startTestServer()
    await t.activateDemo()
  })
  afterEach(async () => {
    await t.close()
  })

  const lookup = (query: string) => t.request<LookupResponse>("GET", `/lookup?${query}`, { token: t.tokens.recruiter })

  it("finds a person by LinkedIn URL and says why", async () => {
    const res = await lookup(`linkedinUrl=${encodeURIComponent(ROBERT_URL)}`)
    expect(res.status).toBe(200)
    expect(res.body.match).toEqual({
      id: "p-robert-fox",
      name: "Robert Fox",
      title: "VP Engineering",
      company: "Northwind Traders",
      doNotContact: false,
      doNotContactReason: null,
      matchedBy: { by: "linkedin_url", value: ROBERT_URL },
      url: "https://demo.clockworkrecruiting.com/firm/people/p-robert-fox",
    })
  })

  it("matches any shape of the LinkedIn URL", async () => {
    const res = await lookup(`linkedinUrl=${encodeURIComponent("linkedin.com/in/Robert-Fox-Demo/?trk=abc#x")}`)
    expect(res.body.match?.id).toBe("p-robert-fox")
  })

  it("finds a person by email, ignoring case", async () => {
    const res = await lookup("email=Robert.Fox%40Example.com")
    expect(res.body.match).toMatchObject({ id: "p-robert-fox", matchedBy: { by: "email" } })
  })

  it.each([
    ["li:robert-fox-demo", "linkedin_url"],
    ["email:robert.fox@example.com", "email"],
  ])("finds a person by their person key %s", async (key, by) => {
    const res = await lookup(`personKey=${encodeURIComponent(key)}`)
    expect(res.body.match).toMatchObject({ id: "p-robert-fox", matchedBy: { by } })
  })

  it("uses the stored capture of a person key that carries no URL or email", async () => {
    const campaign = await t.request<Campaign>("POST", "/campaigns", { body: { name: "Sales" } })
    await t.request("POST", `/campaigns/${campaign.body.id}/members`, {
      body: { capture: { personKey: "lir:AEMAAB12345", source: "linkedin_recruiter", name: "Wade Warren", emails: ["wade.warren@example.com"] } },
    })
    const res = await lookup("personKey=lir%3AAEMAAB12345")
    expect(res.body.match).toMatchObject({ id: "p-wade-warren", matchedBy: { by: "email", value: "wade.warren@example.com" } })
  })

  it("reports Do Not Contact set on the person", async () => {
    const res = await lookup("email=wade.warren%40example.com")
    expect(res.body.match).toMatchObject({ name: "Wade Warren", doNotContact: true })
    expect(res.body.match?.doNotContactReason).toBeTruthy()
  })

  it("reports Do Not Contact inherited from the current company, with its reason", async () => {
    const res = await lookup(`linkedinUrl=${encodeURIComponent("https://www.linkedin.com/in/eleanor-pena-demo")}`)
    expect(res.body.match).toMatchObject({ name: "Eleanor Pena", company: "Globex Corporation", doNotContact: true })
    expect(res.body.match?.doNotContactReason).toContain("Globex")
  })

  it("answers null for someone not in Clockwork", async () => {
    const res = await lookup(`linkedinUrl=${encodeURIComponent("https://www.linkedin.com/in/jane-cooper-demo")}&email=jane.cooper%40example.com`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ match: null })
  })

  it("writes nothing to Clockwork", async () => {
    await lookup(`linkedinUrl=${encodeURIComponent(ROBERT_URL)}`)
    expect(t.sandbox.ledger("demo")).toEqual([])
  })

  it.each([
    ["linkedinUrl", ""],
    ["linkedinUrl", "linkedinUrl=https%3A%2F%2Fexample.com%2Fprofile"],
    ["email", "email=not-an-email"],
    ["personKey", "personKey=robert"],
  ])("refuses a lookup with a missing or invalid %s (400 naming it)", async (field, query) => {
    const res = await lookup(query)
    expect(res.status).toBe(400)
    expect(apiError(res).field).toBe(field)
  })

  it("answers 409 when the integration is not connected", async () => {
    await t.request("DELETE", "/integration")
    const res = await lookup(`linkedinUrl=${encodeURIComponent(ROBERT_URL)}`)
    expect(res.status).toBe(409)
    expect(apiError(res).code).toBe("integration_not_connected")
  })

  it("answers 409 when not connected, even for a person key it cannot resolve", async () => {
    await t.request("DELETE", "/integration")
    expect((await lookup("personKey=lir%3AAEMAAB00000")).status).toBe(409)
  })

  it("answers 502 when Clockwork is unreachable", async () => {
    t.sandbox.setFaults("demo", { down: true })
    const res = await lookup(`linkedinUrl=${encodeURIComponent(ROBERT_URL)}`)
    expect(res.status).toBe(502)
    expect(apiError(res).code).toBe("clockwork_unreachable")
  })
})
