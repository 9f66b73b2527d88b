// Requests shaped exactly as clockwork-api.md documents them (raw HTTP, no client) succeed against
// the sandbox and answer with the documented camelCase keys; malformed ones get a clear 4xx.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { demoHeaders, startHarness, type Harness } from "./helpers"

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
beforeEach(() => h.sandbox.reset("demo"))
afterAll(async () => {
  await h.close()
})

/** A raw call to `/v3.0/demo{path}`. */
async function call(method: string, path: string, body?: unknown, headers = demoHeaders()): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${h.url}/v3.0/demo${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  const text = await res.text()
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} }
}

describe("documented request shapes", () => {
  it("creates a person with the Pipedream body (camelCase fields beside tag_names/tag_ids)", async () => {
    const r = await call("POST", "/people", {
      person: { name: "Cody Fisher", nickName: "Cody", biography: "Designer", doNotContact: false, noRelocation: true, skypeName: "cody.f", tag_names: ["Outreach"], tag_ids: ["tag-sales"] },
    })
    expect(r.status).toBe(201)
    const person = r.json.person as Record<string, unknown>
    expect(person).toMatchObject({ name: "Cody Fisher", nickName: "Cody", noRelocation: true, skypeName: "cody.f" })
    expect((person.tags as { name: string }[]).map((t) => t.name).sort()).toEqual(["Outreach", "Sales"])
  })

  it.each([
    ["/email_addresses", { email: { address: "cody@example.com", location: "work" } }, "personEmailAddress"],
    ["/phone_numbers", { phone_number: { digits: "+1 415 555 0100", extension: "7", location: "mobile" } }, "personPhoneNumber"],
    [
      "/addresses",
      { address: { street: "1 Main St", street_2: "Floor 2", city: "Oakland", state: "CA", postalCode: "94607", country: "US", location: "home", region_id: "rg-north-america" } },
      "personAddress",
    ],
    ["/linkedin_urls", { linkedin_url: { url: "https://www.linkedin.com/in/cody-fisher-demo" } }, "personLinkedinUrl"],
    ["/positions", { position: { title: "Principal Designer", startMonth: 2, startYear: 2024, endMonth: null, endYear: null, companyId: "co-northwind", companyName: "ignored" } }, "position"],
    ["/tags", { person_tag: { tag_id: "tag-outreach" } }, "personTag"],
  ])("POST /people/:id%s with the documented wrapper answers under its documented key", async (path, body, key) => {
    const r = await call("POST", `/people/p-robert-fox${path}`, body)
    expect(r.status).toBe(201)
    expect(r.json[key]).toEqual(expect.objectContaining({ id: expect.any(String) }))
  })

  it("takes companyId over companyName on a position, as Pipedream documents", async () => {
    const r = await call("POST", "/people/p-robert-fox/positions", { position: { title: "Advisor", companyId: "co-initech", companyName: "Globex Corporation" } })
    expect(r.json.position).toMatchObject({ companyId: "co-initech", companyName: "Initech" })
  })

  it("registers a webhook with the bare {hook_url} body and answers with its id", async () => {
    const r = await call("POST", "/webhooks", { hook_url: "https://hooks.example.com/x" })
    expect(r.status).toBe(201)
    expect(r.json).toMatchObject({ id: expect.any(String), hookUrl: "https://hooks.example.com/x" })
    expect((await call("DELETE", `/webhooks/${r.json.id as string}`)).status).toBe(204)
  })

  it("answers list endpoints under resource-named keys and search under peopleSearch with meta", async () => {
    for (const [path, key] of [["/people?limit=1", "people"], ["/tags?limit=5&offset=0", "tags"], ["/regions", "regions"], ["/companies", "companies"], ["/statuses", "statuses"]] as const) {
      const r = await call("GET", path)
      expect(r.status, path).toBe(200)
      expect(Array.isArray(r.json[key]), path).toBe(true)
    }
    const s = await call("GET", "/people_search?q=fox&limit=10&page=1")
    expect(s.json).toMatchObject({ peopleSearch: [expect.objectContaining({ id: "p-robert-fox" })], meta: { total: 1, page: 1 } })
  })

  it("uses Clockwork's timestamp format and camelCase keys in a person", async () => {
    const r = await call("GET", "/people/p-robert-fox")
    const person = r.json.person as Record<string, unknown>
    expect(person.createdAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    expect(person).toHaveProperty("preferredEmailAddress", "robert.fox@example.com")
    expect(person).toHaveProperty("preferredLinkedinUrl", "https://www.linkedin.com/in/robert-fox-demo")
    expect(Object.keys(person).every((k) => !k.includes("_"))).toBe(true)
  })
})

describe("bad requests", () => {
  it("answers 422 naming a misspelled field instead of ignoring it", async () => {
    const r = await call("POST", "/people/p-robert-fox/positions", { position: { title: "CTO", company_nme: "Initech" } })
    expect(r.status).toBe(422)
    expect(r.json.message).toContain("position")
    expect(JSON.stringify(r.json.errors)).toContain("companyNme")
  })

  it("answers 422 when the documented wrapper is missing", async () => {
    const r = await call("POST", "/people/p-robert-fox/tags", { tag_id: "tag-outreach" })
    expect(r.status).toBe(422)
    expect(r.json.message).toContain("person_tag")
  })

  it("answers 400 to a body that is not JSON, and records nothing", async () => {
    const res = await fetch(`${h.url}/v3.0/demo/people`, { method: "POST", headers: demoHeaders(), body: "{nope" })
    expect(res.status).toBe(400)
    expect(h.sandbox.ledger("demo")).toEqual([])
  })

  it("answers 404 with JSON for an unknown route and never serves the control API under /v3.0", async () => {
    expect((await call("GET", "/nothing-here")).status).toBe(404)
    expect((await call("GET", "/_sandbox/ledger")).status).toBe(404)
  })
})
