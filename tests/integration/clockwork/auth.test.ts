// Authentication exactly as the real API: Token (or Bearer) base64(key:secret) + X-API-Key, the
// firm in the path matching the credentials; several firms side by side.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEMO_FIRM, Unauthorized, createClockworkClient } from "../../../server/clockwork/index"
import { demoHeaders, startHarness, startStub, type Harness } from "./helpers"

const ACME = { firm: "acme", apiKey: "cwk_acme_key_0001", apiSecret: "cws_acme_secret_0001", serviceKey: "cwf_acme_service_01" }

let h: Harness
beforeAll(async () => {
  h = await startHarness()
  h.sandbox.seedFirm({ ...ACME, people: [{ id: "p-acme-1", name: "Ada Acme", emails: ["ada@acme.example"] }] })
})
afterAll(async () => {
  await h.close()
})

describe("credentials", () => {
  it("says valid for the demo credentials", async () => {
    expect(await h.client().verifyCredentials()).toEqual({ status: "valid" })
  })

  it.each([
    ["a wrong API secret", { apiSecret: "cws_demo_wrong_secret" }],
    ["a wrong API key", { apiKey: "cwk_demo_wrong_key" }],
    ["a wrong service key", { serviceKey: "cwf_demo_wrong_service" }],
    ["another firm's service key", { serviceKey: ACME.serviceKey }],
  ])("refuses %s with Unauthorized and reports the credentials invalid", async (_label, override) => {
    const c = h.client({ credentials: { ...DEMO_FIRM, ...override } })
    await expect(c.listTags()).rejects.toBeInstanceOf(Unauthorized)
    expect(await c.verifyCredentials()).toEqual({ status: "invalid", message: expect.stringContaining("refused") })
  })

  it("refuses valid credentials sent to another seeded firm's path", async () => {
    const c = h.client({ credentials: { ...DEMO_FIRM, firm: "acme" } })
    await expect(c.listPeople()).rejects.toMatchObject({ kind: "unauthorized", status: 401 })
  })

  it("reports a firm the sandbox does not know as invalid", async () => {
    const c = h.client({ credentials: { ...DEMO_FIRM, firm: "nosuchfirm" } })
    expect(await c.verifyCredentials()).toEqual({ status: "invalid", message: expect.stringContaining("nosuchfirm") })
  })

  it("reports a host that does not answer as unreachable", async () => {
    const stub = await startStub(() => undefined)
    await stub.close()
    const c = createClockworkClient({ baseUrl: stub.url, credentials: DEMO_FIRM, timeoutMs: 1_000 })
    expect(await c.verifyCredentials()).toEqual({ status: "unreachable", message: expect.stringContaining("ECONNREFUSED") })
  })

  it("never puts a credential in an error's message or fields", async () => {
    const wrong = { ...DEMO_FIRM, apiSecret: "cws_demo_SECRET_NOT_LOGGED" }
    const err = await h.client({ credentials: wrong }).listTags().catch((e: unknown) => e)
    const dump = `${String(err)} ${JSON.stringify(err)} ${(err as Error).stack ?? ""}`
    for (const secret of [wrong.apiSecret, wrong.apiKey, wrong.serviceKey, Buffer.from(`${wrong.apiKey}:${wrong.apiSecret}`).toString("base64")]) {
      expect(dump).not.toContain(secret)
    }
  })
})

describe("raw headers", () => {
  it("answers 401 when either header is missing", async () => {
    const { "X-API-Key": _drop, ...noServiceKey } = demoHeaders()
    const { Authorization: _drop2, ...noAuth } = demoHeaders()
    for (const headers of [noServiceKey, noAuth]) {
      const res = await fetch(`${h.url}/v3.0/demo/people?limit=1`, { headers })
      expect(res.status).toBe(401)
    }
  })

  it("accepts the Bearer scheme, in any case, as public clients send it", async () => {
    for (const scheme of ["Bearer", "bearer", "TOKEN"]) {
      const res = await fetch(`${h.url}/v3.0/demo/people?limit=1`, { headers: demoHeaders(scheme) })
      expect(res.status, scheme).toBe(200)
    }
  })

  it("refuses the bare base64 value without a scheme", async () => {
    const headers = { ...demoHeaders(), Authorization: Buffer.from(`${DEMO_FIRM.apiKey}:${DEMO_FIRM.apiSecret}`).toString("base64") }
    expect((await fetch(`${h.url}/v3.0/demo/people?limit=1`, { headers })).status).toBe(401)
  })
})

describe("several firms", () => {
  it("keeps each firm's people apart", async () => {
    const acme = h.client({ credentials: ACME })
    expect((await acme.listPeople()).map((p) => p.name)).toEqual(["Ada Acme"])
    expect((await h.client().listPeople({ limit: 100 })).map((p) => p.name)).not.toContain("Ada Acme")
    expect((await acme.searchPeople("robert")).total).toBe(0)
  })
})
