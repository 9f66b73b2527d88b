// SSRF: no input makes the server send a request anywhere but the configured Clockwork URL, under
// `/v3.0/<firm>/`. A recorder stands in for the network (it refuses and records anything else), a
// loopback "attacker" listener counts connections (hostile values point at it), and the global
// fetch is watched too. COGSYNC_SSRF_RUNS hostile values per target (default 1,000):
//   - subdomains at activation → 400 naming `subdomain`, nothing sent;
//   - any string as subdomain → 400, or requests only to /v3.0/<that subdomain>/ on the configured host;
//   - Clockwork ids the API stores for later calls (campaign project, note types, stage statuses)
//     → 400 naming the field, nothing stored;
//   - lookups (email, LinkedIn URL) → 400 naming the field, or searches on the configured host;
//   - a Clockwork that answers with hostile person ids → the id travels as one path segment (or
//     is refused with a 502), never a 500, never elsewhere;
//   - captures whose URLs point at the attacker, pushed through the sync worker → no connection.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import fc from "fast-check"
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest"
import { ApiErrorSchema, type Campaign } from "@shared/index"
import { FIRM_RE } from "../../../server/clockwork/firm"
import { SSRF_RUNS, seedFor, writeFigures } from "./helpers/figures"
import { CLOCKWORK_PATH, CLOCKWORK_URL, startHarness, type Harness } from "./helpers/harness"
import { hostileId, hostileSubdomain } from "./helpers/hostile"
import { activationBody } from "./helpers/leaks"

/** A Clockwork id as the API documents it (UUIDs, integers and the sandbox's readable ids fit). */
const ID_SPEC = /^[A-Za-z0-9_-]{1,100}$/
const figures: Record<string, unknown> = {}

let attacker: Server
let attackerHost = ""
const attackerHits: string[] = []
let globalFetch: ReturnType<typeof vi.spyOn>

beforeAll(async () => {
  attacker = createServer((req, res) => {
    attackerHits.push(`${req.method} ${req.url}`)
    res.end("pwned")
  })
  attacker.on("connection", () => attackerHits.push("connection"))
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve))
  attackerHost = `127.0.0.1:${(attacker.address() as AddressInfo).port}`
  // The in-process harness never uses the global fetch: any call is a request leaving.
  globalFetch = vi.spyOn(globalThis, "fetch")
})

afterAll(async () => {
  writeFigures("ssrf", "SSRF: the server", figures)
  expect(globalFetch).not.toHaveBeenCalled()
  globalFetch.mockRestore()
  await new Promise<void>((resolve) => attacker.close(() => resolve()))
  expect(attackerHits).toEqual([])
})

/** Every request the harness sent so far stayed on the configured Clockwork URL under /v3.0/<firm>/. */
function expectOnlyClockwork(h: Harness, from = 0): void {
  for (const req of h.outgoing.slice(from)) {
    const url = new URL(req.url)
    expect(url.origin, req.url).toBe(new URL(CLOCKWORK_URL).origin)
    expect(CLOCKWORK_PATH.test(url.pathname), req.url).toBe(true)
  }
  expect(h.violations).toEqual([])
}

describe("hostile subdomains at activation", () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ activate: false })
  })
  afterAll(async () => {
    await h.close()
  })

  it(`refuses ${SSRF_RUNS} hostile subdomains with 400 naming subdomain, and sends nothing`, async () => {
    const body = activationBody(h.canaries.team)
    let refused = 0
    await fc.assert(
      fc.asyncProperty(
        hostileSubdomain(attackerHost).filter((s) => !FIRM_RE.test(s.trim().toLowerCase())),
        async (subdomain) => {
          const before = h.outgoing.length
          const res = await h.request("POST", "/integration/activate", { json: { ...body, subdomain } })
          expect(res.status, JSON.stringify(subdomain)).toBe(400)
          expect(ApiErrorSchema.parse(res.body).error.field).toBe("subdomain")
          expect(h.outgoing.length - before, JSON.stringify(subdomain)).toBe(0)
          refused++
        },
      ),
      { numRuns: SSRF_RUNS, seed: seedFor("subdomains") },
    )
    figures.hostileSubdomainsRefused = refused
    expect(refused).toBe(SSRF_RUNS)
    expect((await h.request<{ state: string }>("GET", "/integration")).body.state).toBe("not_connected")
  })

  it(`keeps ${SSRF_RUNS} arbitrary subdomains on the configured host, or refuses them first`, async () => {
    const body = activationBody(h.canaries.team)
    const tally = { refused: 0, sent: 0 }
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: "binary", maxLength: 70 }), fc.string({ unit: "grapheme", maxLength: 30 }), fc.stringMatching(/^[A-Za-z0-9 .-]{0,70}$/)), async (subdomain) => {
        const before = h.outgoing.length
        const res = await h.request("POST", "/integration/activate", { json: { ...body, subdomain } })
        expect(res.status).toBeLessThan(500)
        if (res.status === 400) {
          expect(ApiErrorSchema.parse(res.body).error.field).toBe("subdomain")
          expect(h.outgoing.length).toBe(before)
          tally.refused++
          return
        }
        const sent = h.outgoing.slice(before)
        expect(sent.length).toBeGreaterThan(0)
        for (const req of sent) expect(new URL(req.url).pathname.startsWith(`/v3.0/${subdomain.trim().toLowerCase()}/`)).toBe(true)
        expectOnlyClockwork(h, before)
        tally.sent++
      }),
      { numRuns: SSRF_RUNS, seed: seedFor("arbitrary subdomains") },
    )
    figures.arbitrarySubdomains = tally
  })

  it.each([
    ["a Kelvin sign, which lower-cases to ASCII k", "\u212Aelvin"],
    ["a dotless i", "demo\u0131"],
    ["a fullwidth name", "\uff44\uff45\uff4d\uff4f"],
  ])("refuses a look-alike subdomain with %s", async (_what, subdomain) => {
    const res = await h.request("POST", "/integration/activate", { json: { ...activationBody(h.canaries.team), subdomain } })
    expect(res.status).toBe(400)
    expect(ApiErrorSchema.parse(res.body).error.field).toBe("subdomain")
  })
})

describe("hostile Clockwork ids the API stores for later calls", () => {
  let h: Harness
  let campaign: Campaign
  beforeAll(async () => {
    h = await startHarness()
    campaign = (await h.request<Campaign>("POST", "/campaigns", { json: { name: "Target", options: { clockworkProjectId: "proj-demo-vpe" } } })).body
  })
  afterAll(async () => {
    await h.close()
  })

  const targets = [
    { name: "a new campaign's project", method: "POST", path: () => "/campaigns", field: "options.clockworkProjectId", body: (id: string) => ({ name: "Hostile", options: { clockworkProjectId: id } }) },
    { name: "a campaign's project", method: "PATCH", path: (c: Campaign) => `/campaigns/${c.id}`, field: "options.clockworkProjectId", body: (id: string) => ({ options: { clockworkProjectId: id } }) },
    { name: "a note type", method: "PATCH", path: () => "/settings", field: "notes.typeMapping.email", body: (id: string) => ({ notes: { typeMapping: { email: id } } }) },
    { name: "a stage's candidate status", method: "PATCH", path: () => "/settings", field: "stages.mapping.replied", body: (id: string) => ({ stages: { mapping: { replied: id } } }) },
  ] as const

  it.each(targets.map((t) => [t.name, t] as const))(`refuses ${SSRF_RUNS} hostile ids as %s with 400 naming the field, storing nothing`, async (name, target) => {
    let refused = 0
    await fc.assert(
      fc.asyncProperty(
        hostileId(attackerHost).filter((id) => !ID_SPEC.test(id.trim())),
        async (id) => {
          const before = { db: h.dbFingerprint(), calls: h.outgoing.length }
          const res = await h.request(target.method, target.path(campaign), { json: target.body(id) })
          expect(res.status, JSON.stringify(id)).toBe(400)
          expect(ApiErrorSchema.parse(res.body).error.field, JSON.stringify(id)).toBe(target.field)
          expect(h.dbFingerprint()).toBe(before.db)
          expect(h.outgoing.length).toBe(before.calls)
          refused++
        },
      ),
      { numRuns: SSRF_RUNS, seed: seedFor(`ids ${name}`) },
    )
    figures[`hostileIdsRefused: ${name}`] = refused
    expect(refused).toBe(SSRF_RUNS)
  })
})

describe("hostile lookups", () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  it(`answers ${SSRF_RUNS} hostile emails and LinkedIn URLs with 400 naming the field, or searches the configured host`, async () => {
    const tally = { refused: 0, searched: 0 }
    const value = fc.oneof(
      hostileId(attackerHost),
      hostileSubdomain(attackerHost),
      fc.constantFrom(`https://${attackerHost}/in/x`, `https://www.linkedin.com@${attackerHost}/in/x`, `https://www.linkedin.com.${attackerHost}/in/x`, `x@${attackerHost}`, `x@[127.0.0.1]`),
      fc.tuple(hostileId(attackerHost), fc.constantFrom("https://www.linkedin.com/in/", "linkedin.com/in/", "x@")).map(([v, prefix]) => `${prefix}${v}`),
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("email", "linkedinUrl"), value, async (field, v) => {
        const before = h.outgoing.length
        const res = await h.request("GET", `/lookup?${field}=${encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, "\uFFFD"))}`)
        expect(res.status, `${field}=${JSON.stringify(v)}: ${res.text}`).toBeLessThan(500)
        if (res.status === 400) {
          // An empty value is named by the "give linkedinUrl, email or personKey" rule's own field.
          expect(["email", "linkedinUrl", "query"]).toContain(ApiErrorSchema.parse(res.body).error.field)
          expect(h.outgoing.length).toBe(before)
          tally.refused++
          return
        }
        expect(res.status).toBe(200)
        for (const req of h.outgoing.slice(before)) expect(new URL(req.url).pathname).toMatch(/^\/v3\.0\/northwind-canary\/(people_search|people\/[^/]+)$/)
        expectOnlyClockwork(h, before)
        tally.searched++
      }),
      { numRuns: SSRF_RUNS, seed: seedFor("lookups") },
    )
    figures.hostileLookups = tally
  })
})

describe("a Clockwork that answers with hostile person ids", () => {
  let h: Harness
  let currentId = ""
  // A new email per case: look-ups may be cached, and each case must reach Clockwork.
  let currentEmail = ""

  beforeAll(async () => {
    h = await startHarness({
      clockwork: async (req, sandbox) => {
        const url = new URL(req.url)
        const rest = url.pathname.replace(/^\/v3\.0\/[^/]+\//, "")
        if (rest === "people_search" || rest.startsWith("people/")) {
          const robert = (await (await sandbox(new Request(new URL(`/v3.0/northwind-canary/people/p-robert-fox`, url), { headers: req.headers }))).json()).person
          const person = { ...robert, id: currentId, emails: [{ id: "e-1", address: currentEmail }], preferredEmailAddress: currentEmail }
          if (rest === "people_search") return Response.json({ peopleSearch: [person], meta: { total: 1, page: 1 } })
          return decodeURIComponent(rest.slice("people/".length)) === currentId ? Response.json({ person }) : Response.json({ message: "Not found" }, { status: 404 })
        }
        return sandbox(req)
      },
    })
  })
  afterAll(async () => {
    await h.close()
  })

  it(`sends each of ${SSRF_RUNS} hostile ids back as one path segment, or answers 502 naming Clockwork's answer; never 500, never elsewhere`, async () => {
    const tally = { matched: 0, refused: 0 }
    let cases = 0
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileId(attackerHost), fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 })), async (id) => {
        currentId = id
        currentEmail = `person${++cases}@example.com`
        const before = h.outgoing.length
        const res = await h.request<{ match: { id: string; url: string | null } | null }>("GET", `/lookup?email=${encodeURIComponent(currentEmail)}`)
        expect(res.status, `${JSON.stringify(id)}: ${res.text}`).not.toBe(500)
        expectOnlyClockwork(h, before)
        const reads = h.outgoing.slice(before).filter((r) => new URL(r.url).pathname.includes("/people/"))
        for (const r of reads) expect(decodeURIComponent(new URL(r.url).pathname.split("/").pop()!)).toBe(id)
        if (res.status === 502) {
          // The client refused to send the id, or Clockwork's record broke Cogsync's limits.
          expect(ApiErrorSchema.parse(res.body).error.code).toBe("clockwork_invalid_response")
          tally.refused++
          return
        }
        expect(res.status).toBe(200)
        expect(res.body.match?.id).toBe(id)
        if (res.body.match?.url) expect(new URL(res.body.match.url).host).toBe("northwind-canary.clockworkrecruiting.com")
        tally.matched++
      }),
      { numRuns: SSRF_RUNS, seed: seedFor("clockwork person ids") },
    )
    figures.hostileClockworkPersonIds = tally
  })
})

describe("captures that point at the attacker, pushed through the sync worker", () => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })

  it("never connects to a URL a capture carries", async () => {
    h = await startHarness({ sync: { ratePerSecond: 1_000, burst: 1_000, pollIntervalMs: 20 } })
    await h.request("PATCH", "/settings", { json: { adding: { addPersonWhen: "added_to_campaign" }, advanced: { dontOverwriteCv: false } } })
    const campaign = (await h.request<Campaign>("POST", "/campaigns", { json: { name: "Attacker URLs", options: { clockworkProjectId: "proj-demo-vpe" } } })).body
    const urls = [`http://${attackerHost}/cv.pdf`, `http://${attackerHost}/profile`, `https://${attackerHost}/site`]
    const people = [0, 1, 2].map((n) => ({
      personKey: `email:target${n}@attacker.example`,
      source: "outreach",
      name: `Target ${n}`,
      emails: [`target${n}@attacker.example`],
      url: urls[1],
      website: urls[2],
      cvUrl: urls[0],
      linkedinUrl: `http://${attackerHost}/in/target${n}`,
    }))
    for (const capture of people) {
      expect((await h.request("POST", "/decisions/preview", { json: { capture } })).status).toBe(200)
      expect((await h.request("POST", `/campaigns/${campaign.id}/members`, { json: { capture } })).status).toBeLessThan(300)
    }
    const events = people.map((capture, i) => ({ id: `evt-attacker-${i}`, type: "push_requested", personKey: capture.personKey, campaignId: campaign.id, occurredAt: "2026-12-04T12:00:00Z", contact: capture }))
    expect((await h.request("POST", "/events", { json: events })).status).toBe(202)
    // Up to 30 s for the worker to finish the jobs (it normally takes well under a second).
    for (let i = 0; i < 1_200; i++) {
      const status = await h.request<{ counts: Record<string, number> }>("GET", "/sync/status")
      if (!(status.body.counts.pending ?? 0) && !(status.body.counts.running ?? 0)) break
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    const writes = h.outgoing.filter((r) => r.method !== "GET")
    figures.attackerCaptures = { people: people.length, clockworkRequests: h.outgoing.length, clockworkWrites: writes.length }
    expect(writes.length, "the worker pushed the people to Clockwork").toBeGreaterThan(0)
    expectOnlyClockwork(h)
    expect(attackerHits).toEqual([])
  })
})
