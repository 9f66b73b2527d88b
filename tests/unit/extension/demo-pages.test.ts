// The demo pages' route: only the listed pages, as HTML with a no-script CSP.
import { Hono } from "hono"
import { describe, expect, it } from "vitest"
import { DEMO_PAGES } from "../../../server/demo"
import { demoRoutes } from "../../../server/routes/demo"

const app = new Hono().route("/demo", demoRoutes)

describe("demo pages", () => {
  const url = (route: string) => (route === "/" ? "/demo" : `/demo${route}`)

  it.each(Object.keys(DEMO_PAGES))("serves /demo%s as HTML that allows no scripts", async (route) => {
    const res = await app.request(url(route))
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8")
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'")
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/)
  })

  it("refuses a page name that is not a slug", async () => {
    expect((await app.request("/demo/in/Jane%20Cooper")).status).toBe(400)
  })

  it.each(["/demo/in/nobody", "/demo/in/../../package.json", "/demo/%2e%2e/package.json", "/demo/feed.html", "/demo/in/jane-cooper-demo/"])("serves no page for %s", async (url) => {
    expect([400, 404]).toContain((await app.request(url)).status)
  })

  it("loads no external resource from any page", async () => {
    for (const route of Object.keys(DEMO_PAGES)) {
      const html = await (await app.request(url(route))).text()
      expect(html).not.toMatch(/<(script|img|iframe|video|audio|source)[^>]+src=/i)
      expect(html).not.toMatch(/<link[^>]+rel=["']?(stylesheet|icon|preload|modulepreload|prefetch)/i)
      expect(html).not.toMatch(/url\(/i)
      expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/i)
    }
  })
})
