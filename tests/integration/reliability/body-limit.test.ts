// Bodies over 1 MB are refused with 413 before any handler runs, on every route that takes a body
// (generated from the route table). Each oversized request is a valid request padded with JSON
// whitespace, so without the limit its handler would run; the proof that it did not: the database
// is byte-for-byte unchanged, Clockwork got no request, and the request's only log line is the
// access line. The same request at exactly 1 MB is served, so the proof is not vacuous.
import { request as httpRequest } from "node:http"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ApiErrorSchema } from "@shared/index"
import { MAX_BODY_BYTES } from "../../../server/app"
import { ROUTE_LIST, type RouteEntry } from "../../../server/routes/table"
import { writeFigures } from "./helpers/figures"
import { startHarness, type Harness, type HarnessResponse } from "./helpers/harness"
import { buildWorld, toQueryString, validRequest, type RouteWorld } from "./helpers/route-world"

type Transport = "in-process stream" | "HTTP with Content-Length" | "HTTP chunked"
const TRANSPORTS: Transport[] = ["in-process stream", "HTTP with Content-Length", "HTTP chunked"]

/**
 * Sends a body over loopback HTTP with node:http, in 64 KiB writes: with a Content-Length, or
 * without one (Transfer-Encoding: chunked). NOTE: node:http, not fetch: undici stops uploading when
 * an early answer arrives and then reports the connection closed, hiding the 413 it received.
 */
function sendHttp(url: string, method: string, token: string, body: string, chunked: boolean): Promise<{ status: number; text: string; requestId: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, "content-type": "application/json" }
    // NOTE: node:http sends DELETE bodies unframed unless chunked encoding is asked for explicitly.
    if (chunked) headers["transfer-encoding"] = "chunked"
    else headers["content-length"] = String(Buffer.byteLength(body, "utf8"))
    let answered = false
    // A fresh connection per request: a connection the server closed after a 413 is never reused.
    const req = httpRequest(url, { method, headers, agent: false }, (res) => {
      let text = ""
      res.on("data", (d: Buffer) => (text += d.toString()))
      res.on("end", () => {
        answered = true
        resolve({ status: res.statusCode ?? 0, text, requestId: String(res.headers["x-request-id"] ?? "") })
      })
    })
    // NOTE: the server may answer 413 and close before the whole body is written; that is no error.
    req.on("error", (err: NodeJS.ErrnoException) => (answered && (err.code === "EPIPE" || err.code === "ECONNRESET") ? undefined : reject(err)))
    for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.slice(i, i + 64 * 1024))
    req.end()
  })
}

/** A valid JSON body padded with leading whitespace to exactly `bytes` bytes. */
function padded(body: unknown, bytes: number): string {
  const json = JSON.stringify(body ?? {})
  return " ".repeat(bytes - Buffer.byteLength(json, "utf8")) + json
}

describe("bodies over 1 MB", () => {
  let h: Harness
  let world: RouteWorld
  const rows: { route: string; transport: Transport; status: number; dbUnchanged: boolean; clockworkCalls: number; logLines: number }[] = []
  const routes = ROUTE_LIST.filter((r) => r.method !== "GET")

  beforeAll(async () => {
    h = await startHarness()
    world = await buildWorld(h, { sync: false })
    // The sync worker is stopped (bulk syncs served below would give it work), so only a handler could write.
    await h.server.context.sync.stop()
  })
  afterAll(async () => {
    writeFigures("body-limit", "413 before any handler", rows)
    await h.close()
  })

  async function send(route: RouteEntry, transport: Transport, body: string): Promise<{ status: number; text: string; requestId: string }> {
    const req = validRequest(route, world, h.team.id)
    const urlPath = req.path + toQueryString(req.query)
    if (transport !== "in-process stream") return sendHttp(`${h.server.url}${urlPath}`, route.method, h.team.tokens.admin, body, transport === "HTTP chunked")
    const res: HarnessResponse = await h.request(route.method, urlPath, { raw: body, contentType: "application/json" })
    return { status: res.status, text: res.text, requestId: res.headers.get("x-request-id") ?? "" }
  }

  it("covers every route that takes a body", () => {
    expect(routes.length).toBeGreaterThanOrEqual(15)
  })

  describe.each(TRANSPORTS)("sent %s", (transport) => {
    it.each(routes.map((r) => [r.key, r] as const))("refuses %s with 413 naming body before its handler runs", async (_key, route) => {
      const before = { db: h.dbFingerprint(), calls: h.outgoing.length, logs: h.logs.length }
      const res = await send(route, transport, padded(validRequest(route, world, h.team.id).body, MAX_BODY_BYTES + 1))
      expect(res.status, res.text).toBe(413)
      expect(ApiErrorSchema.parse(JSON.parse(res.text)).error).toMatchObject({ code: "payload_too_large", field: "body" })
      const dbUnchanged = h.dbFingerprint() === before.db
      const lines = h.logs.slice(before.logs).filter((l) => l.includes(res.requestId))
      rows.push({ route: route.key, transport, status: res.status, dbUnchanged, clockworkCalls: h.outgoing.length - before.calls, logLines: lines.length })
      expect(dbUnchanged, "the database changed").toBe(true)
      expect(h.outgoing.length - before.calls, "Clockwork was called").toBe(0)
      expect(lines).toHaveLength(1)
      expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "request", status: 413 })
    })

    it.each(routes.map((r) => [r.key, r] as const))("serves %s with a body of exactly 1 MB", async (_key, route) => {
      const res = await send(route, transport, padded(validRequest(route, world, h.team.id).body, MAX_BODY_BYTES))
      expect(res.status).not.toBe(413)
      expect(res.status).toBeLessThan(500)
      if (route.body) expect(res.status, res.text).not.toBe(400)
    })
  })

  it("writes when a 1 MB request is served, so an unchanged database does mean the handler did not run", async () => {
    const before = h.dbFingerprint()
    const res = await send(ROUTE_LIST.find((r) => r.key === "POST /campaigns")!, "in-process stream", padded({ name: "Exactly one megabyte" }, MAX_BODY_BYTES))
    expect(res.status).toBe(201)
    expect(h.dbFingerprint()).not.toBe(before)
  })
})
