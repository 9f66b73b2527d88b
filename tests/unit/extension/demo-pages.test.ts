// The demo pages' route: only the listed pages, as HTML with a no-script CSP.
import { Hono } from "hono"
import { describe, expect, it } from "vitest"
import { DEMO_PAGES, demoRoutes } from "../../../server/demo"

const app = new Hono().route("/demo", demoRoutes)

describe("demo pages", () => {
  it.each(Object.keys(DEMO_PAGES))("serves /demo%s as HTML that allows no scripts", async (route) => {
    const res = await app.request(`/demo${route}`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8")
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'")
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/)
  })

  it("serves a page with a trailing slash too", async () => {
    expect((await app.request("/demo/in/jane-cooper-demo/")).status).toBe(200)
  })

  it.each(["/demo/in/nobody", "/demo/in/../../package.json", "/demo/%2e%2e/package.json", "/demo/feed.html"])("answers 404 for %s", async (url) => {
    expect((await app.request(url)).status).toBe(404)
  })

  it("loads no external resource from any page", async () => {
    for (const route of Object.keys(DEMO_PAGES)) {
      const html = await (await app.request(`/demo${route}`)).text()
      expect(html).not.toMatch(/<(script|img|iframe|video|audio|source)[^>]+src=/i)
      expect(html).not.toMatch(/<link[^>]+rel=["']?(stylesheet|icon|preload|modulepreload|prefetch)/i)
      expect(html).not.toMatch(/url\(/i)
      expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/i)
    }
  })
})
