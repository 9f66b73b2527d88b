import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { IntegrationStatus } from "@shared/index"
import { DEMO_SEED } from "../../../server/clockwork/index"
import { apiError, startTestServer, type TestClock, type TestServer } from "../helpers/test-server"

const NOT_CONNECTED: IntegrationStatus = {
  state: "not_connected",
  firm: null,
  apiKeyLast4: null,
  connectedAt: null,
  connectedBy: null,
  lastSuccessAt: null,
  lastError: null,
  paused: false,
}

describe("Clockwork integration", () => {
  let t: TestServer
  beforeEach(async () => {
    t = await startTestServer({ secondTeam: true })
  })
  afterEach(async () => {
    await t.close()
  })

  const status = (token = t.tokens.recruiter) => t.request<IntegrationStatus>("GET", "/integration", { token })
  const integrationRows = () => t.server.db.$client.prepare("select * from integrations").all() as Record<string, unknown>[]

  it("starts not connected", async () => {
    expect((await status()).body).toEqual(NOT_CONNECTED)
  })

  it("activates with the sandbox's demo credentials and shows only the key's last 4 characters", async () => {
    const res = await t.request<IntegrationStatus>("POST", "/integration/activate", { body: t.demo })
    expect(res.status).toBe(200)
    const now = (t.clock as TestClock).now().toISOString()
    const expected = {
      state: "connected",
      firm: "demo",
      apiKeyLast4: t.demo.apiKey.slice(-4),
      connectedAt: now,
      connectedBy: t.team.admin.name,
      lastSuccessAt: now,
      lastError: null,
      paused: false,
    }
    expect(res.body).toEqual(expected)
    expect((await status()).body).toEqual(expected)
    expect(res.text).not.toContain(t.demo.apiSecret)
    expect(res.text).not.toContain(t.demo.serviceKey)
  })

  it("stores the credentials encrypted, bound to the team", async () => {
    await t.activateDemo()
    const [row] = integrationRows()
    for (const column of ["api_key_enc", "api_secret_enc", "service_key_enc"]) {
      expect(String(row![column])).toMatch(/^v1\./)
    }
    expect(JSON.stringify(row)).not.toContain(t.demo.apiKey)
    const creds = t.server.context.access.credentials(t.team.id)
    expect(creds).toEqual({ firm: "demo", apiKey: t.demo.apiKey, apiSecret: t.demo.apiSecret, serviceKey: t.demo.serviceKey })
  })

  it("normalises the subdomain before checking it", async () => {
    const res = await t.request<IntegrationStatus>("POST", "/integration/activate", { body: { ...t.demo, subdomain: "  DEMO " } })
    expect(res.status).toBe(200)
    expect(res.body.firm).toBe("demo")
  })

  it.each([
    ["apiKey", { apiKey: "cwk_demo_WRONG1234" }],
    ["apiSecret", { apiSecret: "cws_demo_WRONG5678" }],
    ["serviceKey", { serviceKey: "cwf_demo_WRONG9012" }],
    ["subdomain", { subdomain: "another-firm" }],
  ])("refuses a wrong %s with a clear 422 and stores nothing", async (_what, change) => {
    const res = await t.request("POST", "/integration/activate", { body: { ...t.demo, ...change } })
    expect(res.status).toBe(422)
    expect(apiError(res)).toMatchObject({ code: "clockwork_rejected" })
    expect(apiError(res).message).toMatch(/^Clockwork rejected these credentials/)
    expect(integrationRows()).toEqual([])
    expect((await status()).body).toEqual(NOT_CONNECTED)
  })

  it("answers 502 when Clockwork cannot be reached, and stores nothing", async () => {
    t.sandbox.setFaults("demo", { down: true })
    const res = await t.request("POST", "/integration/activate", { body: t.demo })
    expect(res.status).toBe(502)
    expect(apiError(res)).toMatchObject({ code: "clockwork_unreachable" })
    expect(apiError(res).message).toContain("nothing was stored")
    expect(integrationRows()).toEqual([])
  })

  it("keeps the working credentials when a re-activation is refused", async () => {
    await t.activateDemo()
    const res = await t.request("POST", "/integration/activate", { body: { ...t.demo, apiSecret: "cws_demo_WRONG5678" } })
    expect(res.status).toBe(422)
    expect((await status()).body.state).toBe("connected")
    expect(t.server.context.access.credentials(t.team.id).apiSecret).toBe(t.demo.apiSecret)
  })

  it.each([
    ["apiKey", { apiKey: "short" }],
    ["apiSecret", { apiSecret: "" }],
    ["serviceKey", { serviceKey: undefined }],
    ["subdomain", { subdomain: "acme.evil.example/x" }],
    ["subdomain", { subdomain: "-acme" }],
  ])("refuses an invalid %s before calling Clockwork (400 naming it)", async (field, change) => {
    const before = t.sandbox.stats("demo").requests
    const res = await t.request("POST", "/integration/activate", { body: { ...t.demo, ...change } })
    expect(res.status).toBe(400)
    expect(apiError(res).field).toBe(field)
    expect(t.sandbox.stats("demo").requests).toBe(before)
  })

  it("deactivates: forgets the credentials", async () => {
    await t.activateDemo()
    const res = await t.request<IntegrationStatus>("DELETE", "/integration")
    expect(res.status).toBe(200)
    expect(res.body).toEqual(NOT_CONNECTED)
    expect(integrationRows()).toEqual([])
  })

  it("marks the integration needs_attention when Clockwork later rejects the stored credentials", async () => {
    await t.activateDemo()
    t.sandbox.seedFirm({ ...DEMO_SEED, apiSecret: "cws_demo_rotated_by_admin" })
    t.secrets.add("cws_demo_rotated_by_admin")
    const res = await t.request("GET", "/clockwork/metadata", { token: t.tokens.recruiter })
    expect(res.status).toBe(409)
    expect(apiError(res).code).toBe("integration_needs_attention")
    const after = (await status()).body
    expect(after.state).toBe("needs_attention")
    expect(after.lastError).toMatch(/rejected the stored credentials/)
  })

  it("records the last successful call and recovers from needs_attention once calls succeed", async () => {
    await t.activateDemo()
    t.sandbox.seedFirm({ ...DEMO_SEED, apiSecret: "cws_demo_rotated_by_admin" })
    t.secrets.add("cws_demo_rotated_by_admin")
    await t.request("GET", "/clockwork/metadata")
    t.sandbox.seedDemoFirm()
    ;(t.clock as TestClock).advance(90_000)
    const res = await t.request("POST", "/clockwork/metadata/refresh")
    expect(res.status).toBe(200)
    const after = (await status()).body
    expect(after).toMatchObject({ state: "connected", lastError: null, lastSuccessAt: (t.clock as TestClock).now().toISOString() })
  })

  it("keeps each team's integration separate", async () => {
    await t.activateDemo()
    expect((await status(t.otherTeam!.tokens.recruiter)).body).toEqual(NOT_CONNECTED)
    const del = await t.request<IntegrationStatus>("DELETE", "/integration", { token: t.otherTeam!.tokens.admin })
    expect(del.body).toEqual(NOT_CONNECTED)
    expect((await status()).body.state).toBe("connected")
  })

  it("never logs the activation request's credentials", async () => {
    await t.activateDemo()
    const text = t.logs.join("\n")
    expect(text).toContain("integration activated")
    for (const secret of [t.demo.apiKey, t.demo.apiSecret, t.demo.serviceKey]) expect(text).not.toContain(secret)
  })
})
