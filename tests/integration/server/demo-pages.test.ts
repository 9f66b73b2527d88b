import { afterEach, describe, expect, it } from "vitest"
import { startTestServer, type TestServer } from "../helpers/test-server"

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe("demo profile pages", () => {
  it.each(["/demo", "/demo/feed", "/demo/in/jane-cooper-demo", "/demo/people/cody-fisher"])("serves %s without a token, as inert HTML", async (path) => {
    server = await startTestServer()
    const res = await fetch(`${server.url}${path}`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toMatch(/text\/html/)
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'/)
    expect(await res.text()).toMatch(/<html/i)
  })

  it("answers 404 for a page that does not exist", async () => {
    server = await startTestServer()
    for (const path of ["/demo/in/nobody", "/demo/people/x"]) {
      const res = await fetch(`${server.url}${path}`)
      expect(res.status).toBe(404)
    }
  })

  it("answers 400 naming slug for a page name that could reach another file", async () => {
    server = await startTestServer()
    const res = await fetch(`${server.url}/demo/in/..%2F..%2Fpackage.json`)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { field: "slug" } })
  })
})
