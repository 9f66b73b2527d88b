// The demo profile pages (public, static, no scripts): /demo, /demo/feed, /demo/in/:slug, /demo/people/:slug.
import { readFile } from "node:fs/promises"
import { Hono, type Context } from "hono"
import { DEMO_PAGE_HEADERS, demoPageFile } from "../demo/index"
import { notFound } from "../http/errors"
import { params } from "../http/validate"
import { ROUTES } from "./table"

async function page(c: Context, subPath: string) {
  const file = demoPageFile(subPath)
  if (!file) throw notFound(undefined, "No such demo page (see /demo)")
  return c.body(await readFile(file, "utf8"), 200, DEMO_PAGE_HEADERS)
}

export const demoRoutes = new Hono()
  .get("/", (c) => page(c, "/"))
  .get("/feed", (c) => page(c, "/feed"))
  .get("/in/:slug", params(ROUTES["GET /demo/in/:slug"].params), (c) => page(c, `/in/${c.req.valid("param").slug}`))
  .get("/people/:slug", params(ROUTES["GET /demo/people/:slug"].params), (c) => page(c, `/people/${c.req.valid("param").slug}`))
