import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { Campaign, DecisionPreviewResponse, FieldPlanEntry } from "@shared/index"
import { apiError, startTestServer, type TestServer } from "../helpers/test-server"

const jane = {
  personKey: "li:jane-cooper-demo",
  source: "linkedin",
  name: "Jane Cooper",
  title: "Staff Software Engineer",
  company: "Initech",
  location: "San Francisco Bay Area",
  linkedinUrl: "https://www.linkedin.com/in/jane-cooper-demo",
  emails: ["jane.cooper@example.com"],
  phones: ["+1 415 555 0142"],
}

const robert = {
  personKey: "li:robert-fox-demo",
  source: "linkedin",
  name: "Robert Fox",
  title: "CTO",
  company: "Northwind Traders",
  linkedinUrl: "https://www.linkedin.com/in/robert-fox-demo",
}

const field = (res: { body: DecisionPreviewResponse }, id: string): FieldPlanEntry | undefined => res.body.decision.fieldPlan.find((f) => f.field === id)

describe("POST /decisions/preview", () => {
  let t: TestServer
  beforeEach(async () => {
    t = await startTestServer({ secondTeam: true })
    await t.activateDemo()
  })
  afterEach(async () => {
    await t.close()
  })

  const preview = (body: unknown, token = t.tokens.recruiter) => t.request<DecisionPreviewResponse>("POST", "/decisions/preview", { token, body })

  it("plans to create a person who is not in Clockwork, with every known value", async () => {
    const res = await preview({ capture: jane })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ existing: null, campaign: null, clockworkReachable: true })
    expect(res.body.decision).toMatchObject({ personKey: jane.personKey, action: "create", syncAs: "person", emailAllowed: true })
    expect(field(res, "title")).toMatchObject({ value: "Staff Software Engineer", op: "set", why: "new_person", source: "capture" })
    expect(res.body.decision.trace.action.detail).toBe("Push now")
  })

  it("plans an update of the live Clockwork record, keeping a filled field under 'only if blank'", async () => {
    const res = await preview({ capture: robert })
    expect(res.body.existing).toMatchObject({ id: "p-robert-fox", matchedBy: { by: "linkedin_url" } })
    expect(res.body.decision.action).toBe("update")
    expect(field(res, "title")).toMatchObject({ value: "CTO", current: "VP Engineering", op: "keep", why: "policy_if_blank" })
    expect(res.body.decision.trace.action.layer).toBe("clockwork")
  })

  it("follows the team's update policy", async () => {
    await t.request("PATCH", "/settings", { body: { personFields: { updatePolicy: { title: "always" } } } })
    const res = await preview({ capture: robert })
    expect(field(res, "title")).toMatchObject({ op: "set", why: "policy_always", current: "VP Engineering" })
  })

  it("applies the campaign's options and the stored override, and traces who decided", async () => {
    const campaign = await t.request<Campaign>("POST", "/campaigns", { body: { name: "Quiet", options: { syncAs: "none", tags: ["Engineering"] } } })
    const byCampaign = await preview({ capture: jane, campaignId: campaign.body.id })
    expect(byCampaign.body.campaign).toEqual({ id: campaign.body.id, name: "Quiet" })
    expect(byCampaign.body.decision).toMatchObject({ action: "skip", syncAs: "none", trace: { syncAs: { layer: "campaign" } } })

    await t.request("PUT", "/overrides", { token: t.tokens.recruiter, body: { personKey: jane.personKey, campaignId: campaign.body.id, syncAs: "person", fields: { title: "Principal Engineer" } } })
    const byPerson = await preview({ capture: jane, campaignId: campaign.body.id })
    expect(byPerson.body.decision).toMatchObject({ action: "create", syncAs: "person", tags: ["Engineering"], trace: { syncAs: { layer: "person" } } })
    expect(field(byPerson, "title")).toMatchObject({ value: "Principal Engineer", source: "person" })
  })

  it("uses the person-wide override when the campaign has none", async () => {
    const campaign = await t.request<Campaign>("POST", "/campaigns", { body: { name: "C" } })
    await t.request("PUT", "/overrides", { body: { personKey: jane.personKey, syncAs: "none" } })
    const res = await preview({ capture: jane, campaignId: campaign.body.id })
    expect(res.body.decision).toMatchObject({ action: "skip", trace: { syncAs: { layer: "person" } } })
  })

  it("prefers unsaved edits from the picker over the stored override", async () => {
    await t.request("PUT", "/overrides", { body: { personKey: jane.personKey, syncAs: "none" } })
    const res = await preview({ capture: jane, override: { personKey: jane.personKey, fields: { company: "Initrode" } } })
    expect(res.body.decision.action).toBe("create")
    expect(field(res, "company")).toMatchObject({ value: "Initrode", source: "person" })
  })

  it("shows a locked setting winning over an override, and an ignored non-displayed field", async () => {
    await t.request("PATCH", "/settings", { body: { locks: ["defaults.syncAs"] } })
    const res = await preview({ capture: { ...jane, biography: "From the page" }, override: { personKey: jane.personKey, syncAs: "none", fields: { biography: "Hidden" } } })
    expect(res.body.decision).toMatchObject({ action: "create", syncAs: "person", trace: { syncAs: { layer: "lock" } } })
    expect(res.body.decision.trace.syncAs.detail).toMatch(/^Locked by your admin/)
    expect(field(res, "biography")).toMatchObject({ value: "From the page", source: "capture", overrideIgnored: true })
  })

  it("blocks emails to someone Clockwork marks Do Not Contact through their company", async () => {
    const res = await preview({ capture: { ...jane, personKey: "li:eleanor-pena-demo", name: "Eleanor Pena", linkedinUrl: "https://www.linkedin.com/in/eleanor-pena-demo" } })
    expect(res.body.existing).toMatchObject({ id: "p-eleanor-pena", doNotContact: true })
    expect(res.body.decision.emailAllowed).toBe(false)
    expect(res.body.decision.emailReason).toContain("Globex")
  })

  it("writes nothing: no Clockwork write, no stored capture", async () => {
    await preview({ capture: jane })
    await preview({ capture: robert })
    expect(t.sandbox.ledger("demo")).toEqual([])
    expect(t.server.db.$client.prepare("select count(*) as n from people").get()).toEqual({ n: 0 })
  })

  it("still answers, assuming a new person, when the integration is not connected", async () => {
    await t.request("DELETE", "/integration")
    const res = await preview({ capture: robert })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ existing: null, clockworkReachable: false, decision: { action: "create" } })
  })

  it("still answers, assuming a new person, when Clockwork is unreachable", async () => {
    t.sandbox.setFaults("demo", { down: true })
    const res = await preview({ capture: robert })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ existing: null, clockworkReachable: false, decision: { action: "create" } })
  })

  it("answers 404 naming campaignId for another team's campaign", async () => {
    const theirs = await t.request<Campaign>("POST", "/campaigns", { token: t.otherTeam!.tokens.admin, body: { name: "Theirs" } })
    const res = await preview({ capture: jane, campaignId: theirs.body.id })
    expect(res.status).toBe(404)
    expect(apiError(res).field).toBe("campaignId")
  })

  it.each([
    ["capture", {}],
    ["capture.personKey", { capture: { ...jane, personKey: "jane" } }],
    ["capture.source", { capture: { ...jane, source: "myspace" } }],
    ["capture.positions.0.title", { capture: { ...jane, positions: [{ company: "Initech" }] } }],
    ["campaignId", { capture: jane, campaignId: "no spaces allowed" }],
    ["override.fields.title", { capture: jane, override: { personKey: jane.personKey, fields: { title: 42 } } }],
    ["override.personKey", { capture: jane, override: { personKey: "li:someone-else" } }],
  ])("refuses a preview with an invalid %s (400 naming it)", async (name, body) => {
    const res = await preview(body)
    expect(res.status).toBe(400)
    expect(apiError(res).field).toBe(name)
  })
})
