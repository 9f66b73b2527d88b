import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ROUTE_LIST } from "../../../server/routes/table"
import { startTestServer, type TestServer } from "../helpers/test-server"

type Json = Record<string, unknown>

function refsIn(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, into))
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") into.push(v)
      else refsIn(v, into)
    }
  }
  return into
}

describe("API documentation", () => {
  let t: TestServer
  let doc: Json
  beforeAll(async () => {
    t = await startTestServer()
    doc = (await t.request<Json>("GET", "/openapi.json", { token: null })).body
  })
  afterAll(async () => {
    await t.close()
  })

  it("describes every route of the table with its access rule", () => {
    expect(doc.openapi).toBe("3.1.0")
    const paths = doc.paths as Record<string, Record<string, Json>>
    for (const route of ROUTE_LIST) {
      const op = paths[route.path.replace(/:([A-Za-z]+)/g, "{$1}")]?.[route.method.toLowerCase()]
      expect(op, route.key).toBeDefined()
      expect(op!["x-access"], route.key).toBe(route.access)
      expect(op!.security, route.key).toEqual(route.access === "public" ? [] : [{ bearerAuth: [] }])
      expect(Object.keys(op!.responses as Json), route.key).toContain(String(route.status))
    }
  })

  it("describes request bodies and parameters from the shared schemas", () => {
    const paths = doc.paths as Record<string, Record<string, Json>>
    const activate = paths["/integration/activate"]!.post!
    expect(activate.requestBody).toEqual({ required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ActivateIntegrationRequestInput" } } } })
    const schemas = (doc.components as { schemas: Record<string, Json> }).schemas
    expect(Object.keys(schemas.ActivateIntegrationRequestInput!.properties as Json).sort()).toEqual(["apiKey", "apiSecret", "serviceKey", "subdomain"])
    const lookupParams = (paths["/lookup"]!.get!.parameters as Json[]).map((p) => p.name)
    expect(lookupParams).toEqual(["linkedinUrl", "email", "personKey"])
    const memberParams = paths["/campaigns/{id}/members"]!.post!.parameters as Json[]
    expect(memberParams[0]).toMatchObject({ name: "id", in: "path", required: true })
  })

  it("resolves every schema reference", () => {
    const schemas = (doc.components as { schemas: Record<string, Json> }).schemas
    const missing = refsIn(doc).filter((ref) => !schemas[ref.replace("#/components/schemas/", "")])
    expect(missing).toEqual([])
  })

  it("serves a readable HTML page listing every route, with nothing loaded from elsewhere", async () => {
    const res = await t.request<string>("GET", "/docs", { token: null })
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toMatch(/^text\/html/)
    for (const route of ROUTE_LIST) expect(res.body, route.key).toContain(`<code>${route.path.replace(/:([A-Za-z]+)/g, "{$1}")}</code>`)
    expect(res.body).not.toMatch(/<script|<link|src=|@import/i)
  })
})
