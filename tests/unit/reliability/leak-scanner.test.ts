// The canary scan finds what it claims to find (so "no leak found" means something), and nothing else.
import { describe, expect, it } from "vitest"
import { LeakScanner, makeCanaries, secretForms } from "../../integration/reliability/helpers/leaks"

const canaries = makeCanaries("scan-firm")
const scanner = new LeakScanner([canaries])
const { apiKey, apiSecret, serviceKey } = canaries

describe("the canary scan", () => {
  it.each([
    ["verbatim", apiKey],
    ["inside JSON", JSON.stringify({ token: serviceKey })],
    ["URL-encoded", encodeURIComponent(`a=${apiSecret}`)],
    ["JSON-escaped with a quote around it", JSON.stringify(`"${apiSecret}"`)],
    ["hex", Buffer.from(serviceKey).toString("hex")],
    ["HEX", Buffer.from(serviceKey).toString("hex").toUpperCase()],
    ["base64 at offset 0", Buffer.from(apiKey).toString("base64")],
    ["base64 at offset 1", Buffer.from(`x${apiKey}`).toString("base64")],
    ["base64 at offset 2", Buffer.from(`xy${apiSecret}`).toString("base64")],
    ["base64url at offset 1", Buffer.from(`x${serviceKey}`).toString("base64url")],
    ["the Authorization header Clockwork receives", `Authorization: Token ${Buffer.from(`${apiKey}:${apiSecret}`).toString("base64")}`],
    ["a 10-character fragment", `...${apiSecret.slice(-10)}...`],
    ["a fragment from the middle", apiKey.slice(15, 26)],
  ])("finds a canary %s", (_what, text) => {
    expect(scanner.find(text)).toBeDefined()
    expect(scanner.scan({ logs: ["ok", text] })).toHaveLength(1)
  })

  it("never quotes the secret in what it reports", () => {
    const report = scanner.find(`x${apiSecret}x`)!
    expect(report).toContain("apiSecret")
    expect(new LeakScanner([canaries]).find(report)).toBeUndefined()
  })

  it.each([
    ["the last 4 characters the status shows", apiKey.slice(-4)],
    ["the firm name", canaries.firm],
    ["another set of canaries", JSON.stringify(makeCanaries("other"))],
    ["a 9-character fragment", apiSecret.slice(-9)],
  ])("finds nothing in %s", (_what, text) => {
    expect(scanner.find(text)).toBeUndefined()
  })

  it("searches dozens of forms per credential", () => {
    expect(secretForms(apiKey).length).toBeGreaterThan(20)
    expect(scanner.formCount).toBeGreaterThan(60)
  })
})
