// The control API over HTTP, as a separately running process (e2e tests, a restarted server) uses it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { createClockworkClient } from "../../../server/clockwork/index"
import { startHarness, type Harness } from "./helpers"

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
beforeEach(() => h.sandbox.reset("demo"))
afterAll(async () => {
  await h.close()
})

/** JSON call to `/_sandbox{path}`. */
async function control(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${h.url}/_sandbox${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} }
}

const BETA = { firm: "beta-search", apiKey: "cwk_beta_key_12345", apiSecret: "cws_beta_secret_12345", serviceKey: "cwf_beta_service_123" }

describe("control API", () => {
  it("seeds a firm a client can then use, with default statuses and note types", async () => {
    const seeded = await control("POST", "/firms", { ...BETA, tags: [{ name: "Hot" }], people: [{ name: "Bo Beta", emails: ["bo@beta.example"], tags: ["Hot"] }] })
    expect(seeded).toMatchObject({ status: 201, json: { firm: "beta-search" } })
    const c = createClockworkClient({ baseUrl: h.url, credentials: BETA })
    expect((await c.listPeople()).map((p) => [p.name, p.tags.map((t) => t.name)])).toEqual([["Bo Beta", ["Hot"]]])
    expect(await c.listStatuses()).toHaveLength(23)
    expect(await c.listNoteTypes()).toHaveLength(13)
  })

  it("answers 422 naming the field of a bad seed", async () => {
    const r = await control("POST", "/firms", { ...BETA, firm: "Bad.Firm" })
    expect(r.status).toBe(422)
    expect(r.json.message).toContain("firm")
  })

  it("reads the ledger, sets faults, reads stats and resets over HTTP", async () => {
    const c = h.client()
    await c.createPerson({ name: "Ledger Person" })
    const ledger = await control("GET", "/ledger?firm=demo")
    expect(ledger.json.entries).toEqual([expect.objectContaining({ kind: "person.create", firm: "demo", method: "POST", path: "/people" })])

    expect((await control("POST", "/faults", { firm: "demo", error503: 1, methods: ["GET"] })).status).toBe(200)
    await expect(c.listTags()).rejects.toMatchObject({ status: 503 })
    const stats = await control("GET", "/stats?firm=demo")
    expect(stats.json).toMatchObject({ faultsInjected: expect.objectContaining({ error503: 4 }) })

    expect((await control("DELETE", "/faults?firm=demo")).status).toBe(204)
    await expect(c.listTags()).resolves.toHaveLength(4)

    expect((await control("POST", "/reset", { firm: "demo" })).status).toBe(204)
    expect((await control("GET", "/ledger?firm=demo")).json.entries).toEqual([])
    expect((await c.searchPeople("Ledger Person")).total).toBe(0)
  })

  it("refuses fault probabilities that add up to more than 1", async () => {
    const r = await control("POST", "/faults", { firm: "demo", error500: 0.7, reset: 0.5 })
    expect(r.status).toBe(422)
    expect(r.json.message).toContain("error500")
  })

  it("sets a company Do Not Contact label that marks its current employees", async () => {
    const c = h.client()
    expect((await c.getPerson("p-cameron-williamson"))?.doNotContact).toBe(false)
    const r = await control("PUT", "/companies/co-initech/do_not_contact", { firm: "demo", doNotContact: true, reason: "Client: Initech", endDate: "2027-12-31" })
    expect(r.json.company).toMatchObject({ doNotContact: true, doNotContactReason: "Client: Initech" })
    expect(await c.getPerson("p-cameron-williamson")).toMatchObject({ doNotContact: true, doNotContactSource: "company" })
    await control("PUT", "/companies/co-initech/do_not_contact", { firm: "demo", doNotContact: false })
    expect((await c.getPerson("p-cameron-williamson"))?.doNotContact).toBe(false)
  })

  it("shows a firm's state without its credentials", async () => {
    const r = await control("GET", "/state?firm=demo")
    expect(JSON.stringify(r.json)).not.toContain(h.creds.apiSecret)
    expect(JSON.stringify(r.json)).not.toContain(h.creds.serviceKey)
    expect((r.json.state as { people: Record<string, unknown> }).people).toHaveProperty("p-robert-fox")
  })

  it("answers 404 for an unknown firm", async () => {
    expect((await control("GET", "/stats?firm=nobody")).status).toBe(404)
  })
})
