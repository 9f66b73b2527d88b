import { describe, expect, it } from "vitest"
import { ROUTE_LIST, findRoute } from "../../../server/routes/table"

describe("the route table", () => {
  it("gives every route an access rule", () => {
    for (const route of ROUTE_LIST) expect(["public", "user", "admin"], route.key).toContain(route.access)
  })

  it("keeps only /health, /openapi.json, /docs, the static demo pages and the token-checked Clockwork webhook public", () => {
    expect(ROUTE_LIST.filter((r) => r.access === "public").map((r) => r.key)).toEqual([
      "GET /health",
      "GET /openapi.json",
      "GET /docs",
      "GET /demo",
      "GET /demo/feed",
      "GET /demo/in/:slug",
      "GET /demo/people/:slug",
      "POST /webhooks/clockwork/:teamId",
    ])
  })

  it.each([
    ["GET", "/campaigns/cmp_abc", "GET /campaigns/:id"],
    ["POST", "/campaigns/cmp_abc/members", "POST /campaigns/:id/members"],
    ["HEAD", "/health", "GET /health"],
    ["get", "/settings/history", "GET /settings/history"],
    ["GET", "/openapi.json", "GET /openapi.json"],
    ["POST", "/campaigns/cmp_abc/sync", "POST /campaigns/:id/sync"],
    ["GET", "/campaigns/cmp_abc/sync/progress", "GET /campaigns/:id/sync/progress"],
    ["POST", "/sync/jobs/42/retry", "POST /sync/jobs/:id/retry"],
  ])("matches %s %s to %s", (method, path, key) => {
    expect(findRoute(method, path)?.key).toBe(key)
  })

  it.each([
    ["GET", "/openapixjson"],
    ["DELETE", "/campaigns/cmp_abc"],
    ["GET", "/campaigns/cmp_abc/members/extra"],
    ["GET", "/campaigns/"],
    ["PUT", "/health"],
  ])("matches no route for %s %s", (method, path) => {
    expect(findRoute(method, path)).toBeUndefined()
  })
})
