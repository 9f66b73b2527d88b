// The Clockwork client on its own, against generated hostile firms and ids (COGSYNC_SSRF_RUNS each,
// default 1,000): a bad firm is refused before any request; an id either is refused before any
// request or travels as exactly one path segment that decodes back to itself, on the configured
// origin under `/v3.0/<firm>/` — with and without a path prefix in the base URL.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { InvalidInputError, assertValidFirm, createClockworkClient, type ClockworkClient } from "../../../server/clockwork/index"
import { SSRF_RUNS, seedFor, writeFigures } from "../../integration/reliability/helpers/figures"
import { hostileId, hostileSubdomain } from "../../integration/reliability/helpers/hostile"

const ATTACKER = "127.0.0.1:9"
const CREDS = { apiKey: "cwk_key_123456", apiSecret: "cws_secret_123456", serviceKey: "cwf_service_123456" }
const BASES = ["https://api.clockworkrecruiting.com", "http://127.0.0.1:4010/clockwork/"]

/** Every client function that puts caller input in the path: its call and where the id lands. */
const ID_CALLS: { name: string; call: (c: ClockworkClient, id: string) => Promise<unknown>; path: (id: string) => string[] }[] = [
  { name: "getPerson", call: (c, id) => c.getPerson(id), path: (id) => ["people", id] },
  { name: "updatePerson", call: (c, id) => c.updatePerson(id, { name: "X" }), path: (id) => ["people", id] },
  { name: "addEmail", call: (c, id) => c.addEmail(id, { address: "a@b.co" }), path: (id) => ["people", id, "email_addresses"] },
  { name: "addPhone", call: (c, id) => c.addPhone(id, { digits: "+1 555 0100" }), path: (id) => ["people", id, "phone_numbers"] },
  { name: "addLinkedinUrl", call: (c, id) => c.addLinkedinUrl(id, "https://www.linkedin.com/in/x"), path: (id) => ["people", id, "linkedin_urls"] },
  { name: "addWebsite", call: (c, id) => c.addWebsite(id, "https://x.example"), path: (id) => ["people", id, "web_sites"] },
  { name: "listPositions", call: (c, id) => c.listPositions(id), path: (id) => ["people", id, "positions"] },
  { name: "deletePosition", call: (c, id) => c.deletePosition("p1", id), path: (id) => ["people", "p1", "positions", id] },
  { name: "listEducation", call: (c, id) => c.listEducation(id), path: (id) => ["people", id, "education"] },
  { name: "deleteEducation", call: (c, id) => c.deleteEducation(id, "e1"), path: (id) => ["people", id, "education", "e1"] },
  { name: "addTag", call: (c, id) => c.addTag("p1", id), path: () => ["people", "p1", "tags"] },
  { name: "removeTag", call: (c, id) => c.removeTag(id, id), path: (id) => ["people", id, "tags", id] },
  { name: "listNotes", call: (c, id) => c.listNotes(id), path: (id) => ["people", id, "notes"] },
  { name: "getNote", call: (c, id) => c.getNote(id), path: (id) => ["notes", id] },
  { name: "listAttachments", call: (c, id) => c.listAttachments(id), path: (id) => ["people", id, "attachments"] },
  { name: "listCandidacies", call: (c, id) => c.listCandidacies(id), path: (id) => ["projects", id, "candidacies"] },
  { name: "addCandidacy", call: (c, id) => c.addCandidacy(id, { personId: id, statusId: id }), path: (id) => ["projects", id, "candidacies"] },
  { name: "updateCandidacyStatus", call: (c, id) => c.updateCandidacyStatus(id, id, id), path: (id) => ["projects", id, "candidacies", id] },
  { name: "deleteWebhook", call: (c, id) => c.deleteWebhook(id), path: (id) => ["webhooks", id] },
]

/** A fetch that records every URL and answers 200 `{}` (the client may then reject the shape: fine). */
function spyFetch() {
  const urls: URL[] = []
  return { urls, fetch: async (req: Request) => (urls.push(new URL(req.url)), new Response("{}", { status: 200, headers: { "content-type": "application/json" } })) }
}

const anyString = fc.oneof(fc.string({ unit: "binary", maxLength: 80 }), fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ maxLength: 300 }))

describe("the Clockwork client against hostile input", () => {
  const figures: Record<string, number> = {}

  it(`refuses ${SSRF_RUNS} hostile firms before any request, naming the firm`, () => {
    let refused = 0
    fc.assert(
      fc.property(hostileSubdomain(ATTACKER), (firm) => {
        const spy = spyFetch()
        let error: unknown
        try {
          assertValidFirm(firm)
          createClockworkClient({ baseUrl: BASES[0], credentials: { firm, ...CREDS }, fetch: spy.fetch })
        } catch (err) {
          error = err
        }
        expect(error).toBeInstanceOf(InvalidInputError)
        expect((error as InvalidInputError).field).toBe("firm")
        expect(spy.urls).toEqual([])
        refused++
      }),
      { numRuns: SSRF_RUNS, seed: seedFor("client firms") },
    )
    figures.hostileFirmsRefused = refused
    expect(refused).toBe(SSRF_RUNS)
  })

  it(`keeps every request of ${SSRF_RUNS} arbitrary firms on the configured origin, or refuses the firm first`, async () => {
    let sent = 0
    await fc.assert(
      fc.asyncProperty(anyString, fc.constantFrom(...BASES), async (firm, baseUrl) => {
        const spy = spyFetch()
        let client: ClockworkClient
        try {
          client = createClockworkClient({ baseUrl, credentials: { firm, ...CREDS }, fetch: spy.fetch, retries: 0 })
        } catch (err) {
          expect(err).toBeInstanceOf(InvalidInputError)
          return
        }
        await client.listPeople({ limit: 1 }).catch(() => undefined)
        const base = new URL(baseUrl)
        const prefix = base.pathname.replace(/\/+$/, "")
        expect(spy.urls).toHaveLength(1)
        expect(spy.urls[0]!.origin).toBe(base.origin)
        expect(spy.urls[0]!.pathname).toBe(`${prefix}/v3.0/${firm}/people`)
        sent++
      }),
      { numRuns: SSRF_RUNS, seed: seedFor("client arbitrary firms") },
    )
    figures.arbitraryFirmsSent = sent
  })

  it(`sends ${2 * SSRF_RUNS} hostile and arbitrary ids through the id-taking calls as one path segment, or refuses them first`, async () => {
    let refused = 0
    let sent = 0
    const perCall = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileId(ATTACKER), anyString), fc.nat(ID_CALLS.length - 1), fc.constantFrom(...BASES), async (id, which, baseUrl) => {
        const target = ID_CALLS[which]!
        perCall.set(target.name, (perCall.get(target.name) ?? 0) + 1)
        const base = new URL(baseUrl)
        const prefix = base.pathname.replace(/\/+$/, "")
        const spy = spyFetch()
        const client = createClockworkClient({ baseUrl, credentials: { firm: "demo", ...CREDS }, fetch: spy.fetch, retries: 0 })
        let error: unknown
        await target.call(client, id).catch((err: unknown) => (error = err))
        if (error instanceof InvalidInputError) {
          expect(spy.urls, `${target.name} refused the id but a request left`).toEqual([])
          refused++
          return
        }
        expect(spy.urls.length, `${target.name}: ${String(error)}`).toBeGreaterThan(0)
        for (const url of spy.urls) {
          expect(url.origin).toBe(base.origin)
          expect(url.pathname.startsWith(`${prefix}/v3.0/demo/`)).toBe(true)
          const segments = url.pathname.slice(`${prefix}/v3.0/demo/`.length).split("/").map(decodeURIComponent)
          expect(segments, target.name).toEqual(target.path(id))
        }
        sent++
      }),
      { numRuns: 2 * SSRF_RUNS, seed: seedFor("client ids") },
    )
    figures.idCallsRefused = refused
    figures.idCallsSentAsOneSegment = sent
    writeFigures("ssrf-client", "SSRF: the Clockwork client", { ...figures, ids: 2 * SSRF_RUNS, calls: ID_CALLS.length })
    expect(refused + sent).toBe(2 * SSRF_RUNS)
    expect([...perCall.keys()].sort()).toEqual(ID_CALLS.map((c) => c.name).sort())
  }, 120_000)
})
