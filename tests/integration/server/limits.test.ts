import { request as httpRequest } from "node:http"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { apiError, startTestServer, type TestServer } from "../helpers/test-server"

/** Sends a body in chunks without Content-Length (Transfer-Encoding: chunked). */
function sendChunked(url: string, token: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } }, (res) => {
      let body = ""
      res.on("data", (d: Buffer) => (body += d.toString()))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on("error", reject)
    for (const c of chunks) req.write(c)
    req.end()
  })
}

describe("request limits and formats", () => {
  let t: TestServer
  beforeEach(async () => {
    t = await startTestServer()
  })
  afterEach(async () => {
    await t.close()
  })

  it.each([
    ["PUT", "/settings"],
    ["POST", "/campaigns"],
    ["POST", "/integration/activate"],
    ["POST", "/decisions/preview"],
  ])("refuses a body over 1 MB on %s %s (413 naming body)", async (method, path) => {
    const res = await t.request(method, path, { rawBody: JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) }), headers: { "content-type": "application/json" } })
    expect(res.status).toBe(413)
    expect(apiError(res)).toMatchObject({ code: "payload_too_large", field: "body" })
  })

  it("tags every answer, errors included, with a request id of its own", async () => {
    const ok = await t.request("GET", "/me")
    const bad = await t.request("POST", "/campaigns", { body: { name: "" } })
    const missing = await t.request("GET", "/no-such-route")
    const tooLarge = await t.request("PUT", "/settings", { rawBody: "x".repeat(1024 * 1024 + 1), headers: { "content-type": "application/json" } })
    expect([ok.status, bad.status, missing.status, tooLarge.status]).toEqual([200, 400, 404, 413])
    const ids = [ok, bad, missing, tooLarge].map((r) => r.headers.get("x-request-id"))
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(new Set(ids).size).toBe(4)
  })

  it("refuses an oversized body sent without a length", async () => {
    const chunk = "x".repeat(64 * 1024)
    const res = await sendChunked(`${t.url}/settings`, t.tokens.admin, ['{"settings":"', ...Array.from({ length: 17 }, () => chunk), '"}'])
    expect(res.status).toBe(413)
  })

  it.each([
    ["text/plain", "{}"],
    ["application/x-www-form-urlencoded", "name=x"],
    [undefined, "{}"],
  ])("refuses a body sent as %s (415)", async (type, raw) => {
    const res = await t.request("POST", "/campaigns", { rawBody: raw, headers: type ? { "content-type": type } : {} })
    expect(res.status).toBe(415)
    expect(apiError(res)).toMatchObject({ code: "unsupported_media_type", field: "body" })
  })

  it.each([["{not json"], [""], ['{"name": "x",}']])("refuses malformed JSON %j (400 naming body)", async (raw) => {
    const res = await t.request("POST", "/campaigns", { rawBody: raw, headers: { "content-type": "application/json" } })
    expect(res.status).toBe(400)
    expect(apiError(res)).toMatchObject({ code: "invalid_json", field: "body" })
  })

  it("refuses JSON of the wrong shape (400 naming body)", async () => {
    const res = await t.request("POST", "/campaigns", { body: ["not", "an", "object"] })
    expect(res.status).toBe(400)
    expect(apiError(res).field).toBe("body")
  })

  it("accepts a JSON content type with a charset", async () => {
    const res = await t.request("POST", "/campaigns", { rawBody: JSON.stringify({ name: "Charset" }), headers: { "content-type": "application/json; charset=utf-8" } })
    expect(res.status).toBe(201)
  })

  it("answers an unexpected server error with a generic 500 and logs it", async () => {
    t.server.db.$client.exec("drop table campaigns")
    const res = await t.request("GET", "/campaigns")
    expect(res.status).toBe(500)
    expect(apiError(res).code).toBe("internal")
    expect(apiError(res).message).not.toMatch(/campaigns|sqlite|SELECT/i)
    expect(t.logs.some((l) => l.includes('"unhandled error"'))).toBe(true)
  })
})
