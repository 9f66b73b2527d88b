// No input can send a request to another host or path: the firm is validated, every path segment
// is encoded, dot segments and unsafe credentials are refused — all before any request leaves.
import { describe, expect, it } from "vitest"
import { InvalidInputError, assertValidFirm, createClockworkClient } from "../../../server/clockwork/index"
import { buildApiUrl, normalizeBaseUrl } from "../../../server/clockwork/firm"

const CREDS = { apiKey: "cwk_key_123456", apiSecret: "cws_secret_123456", serviceKey: "cwf_service_123456" }

/** A fetch that records what it was asked and answers an empty person list. */
function spyFetch() {
  const urls: string[] = []
  const fetch = async (req: Request) => {
    urls.push(req.url)
    return new Response(JSON.stringify({ people: [], personEmailAddress: { id: "e1", address: "a@b.co" } }), { status: 200, headers: { "Content-Type": "application/json" } })
  }
  return { urls, fetch }
}

describe("assertValidFirm", () => {
  it.each(["demo", "acme-search", "a", "0firm", "a".repeat(63)])("accepts %j", (firm) => {
    expect(assertValidFirm(firm)).toBe(firm)
  })

  it.each([
    "",
    "demo.evil.com",
    "demo/../admin",
    "demo/x",
    "evil.com@demo",
    "demo@evil.com",
    "de%2Fmo",
    "%2e%2e",
    "démo",
    "ｄｅｍｏ",
    "DEMO",
    "-demo",
    " demo",
    "demo\n",
    "demo?x=1",
    "demo#x",
    "demo:80",
    "a".repeat(64),
  ])("refuses %j with InvalidInputError on firm", (firm) => {
    expect(() => assertValidFirm(firm)).toThrow(InvalidInputError)
    try {
      assertValidFirm(firm)
    } catch (err) {
      expect((err as InvalidInputError).field).toBe("firm")
      expect((err as InvalidInputError).status).toBe(400)
    }
  })
})

describe("createClockworkClient", () => {
  it.each(["demo.evil.com", "demo/../admin", "evil.com@demo", "de%2Fmo", "démo", "demo?x=1"])("refuses the firm %j before any request leaves", (firm) => {
    const spy = spyFetch()
    expect(() => createClockworkClient({ baseUrl: "https://api.clockworkrecruiting.com", credentials: { firm, ...CREDS }, fetch: spy.fetch })).toThrow(InvalidInputError)
    expect(spy.urls).toEqual([])
  })

  it.each(["ftp://api.example.com", "https://user:pw@api.example.com", "https://api.example.com/?x=1", "not a url"])("refuses the base URL %j", (baseUrl) => {
    expect(() => createClockworkClient({ baseUrl, credentials: { firm: "demo", ...CREDS } })).toThrow(InvalidInputError)
  })

  it("refuses credentials with control characters without echoing them", () => {
    const secret = "cws_bad\r\nX-Injected: 1"
    let message = ""
    try {
      createClockworkClient({ baseUrl: "https://api.clockworkrecruiting.com", credentials: { firm: "demo", ...CREDS, apiSecret: secret } })
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidInputError)
      message = (err as Error).message
    }
    expect(message).toContain("apiSecret")
    expect(message).not.toContain("cws_bad")
  })

  it("encodes every id so it stays one path segment under the firm", async () => {
    const spy = spyFetch()
    const c = createClockworkClient({ baseUrl: "https://api.clockworkrecruiting.com", credentials: { firm: "demo", ...CREDS }, fetch: spy.fetch, retries: 0 })
    await c.addEmail("a/../../other-firm/people?x=1#y", { address: "a@b.co" })
    expect(spy.urls).toEqual(["https://api.clockworkrecruiting.com/v3.0/demo/people/a%2F..%2F..%2Fother-firm%2Fpeople%3Fx%3D1%23y/email_addresses"])
  })

  it.each(["..", ".", "%2e%2E", ""])("refuses the id %j, which a URL parser would collapse", async (id) => {
    const spy = spyFetch()
    const c = createClockworkClient({ baseUrl: "https://api.clockworkrecruiting.com", credentials: { firm: "demo", ...CREDS }, fetch: spy.fetch })
    await expect(c.getPerson(id)).rejects.toBeInstanceOf(InvalidInputError)
    expect(spy.urls).toEqual([])
  })

  it("keeps a base URL's path prefix and the default host", async () => {
    const spy = spyFetch()
    await createClockworkClient({ baseUrl: "http://127.0.0.1:4010/clockwork/", credentials: { firm: "demo", ...CREDS }, fetch: spy.fetch }).listPeople({ limit: 1 })
    await createClockworkClient({ credentials: { firm: "demo", ...CREDS }, fetch: spy.fetch }).listPeople()
    expect(spy.urls).toEqual(["http://127.0.0.1:4010/clockwork/v3.0/demo/people?limit=1", "https://api.clockworkrecruiting.com/v3.0/demo/people"])
  })
})

describe("buildApiUrl", () => {
  it("stays on the base origin under /v3.0/{firm}/", () => {
    const url = buildApiUrl(normalizeBaseUrl("https://api.clockworkrecruiting.com"), "demo", [["id", "//evil.com"]])
    expect(url.origin).toBe("https://api.clockworkrecruiting.com")
    expect(url.pathname).toBe("/v3.0/demo/%2F%2Fevil.com")
  })
})
