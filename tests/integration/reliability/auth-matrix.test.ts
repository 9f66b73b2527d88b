// The authorization matrix: every route the router serves × {no token, four kinds of bad token,
// another team's admin, recruiter, admin}, generated from the app's own router. A served route
// without a table rule fails here, and so does a route whose path parameter names a resource the
// matrix cannot fill with team A's record (teach `realParamValues` about it).
//
// What "as designed" means, from the table:
//   public   every column gets the same answer (a bearer token changes nothing);
//   user     no/bad token → 401 naming `authorization`, nothing runs; recruiter and admin → the
//            route's success or a documented error;
//   admin    as user, but a recruiter → 403 and nothing runs;
//   another team's admin → 404 for team A's record in the path (or a team A campaign named in the
//            query or body), never 200 or 403; otherwise a normal answer holding none of team A's data.
// Handler-level rules the table documents in its notes are listed in HANDLER_RULES.
import { afterEach, describe, expect, it } from "vitest"
import { ApiErrorSchema } from "@shared/index"
import { ROUTES, type Method, type RouteEntry, type RouteKey } from "../../../server/routes/table"
import { createUser, issueToken } from "../../../server/services/teams"
import { writeFigures } from "./helpers/figures"
import { startHarness, type Harness, type HarnessResponse } from "./helpers/harness"
import { buildWorld, paramNames, realParamValues, toQueryString, validRequest, type RouteRequest, type RouteWorld } from "./helpers/route-world"

type Column = "no token" | "unknown token" | "malformed token" | "revoked token" | "Basic scheme" | "another team's admin" | "recruiter" | "admin"
const BAD_COLUMNS: Column[] = ["no token", "unknown token", "malformed token", "revoked token", "Basic scheme"]
/** Order matters: the admin runs last (a route may revoke a token or deactivate the integration). */
const COLUMNS: Column[] = [...BAD_COLUMNS, "another team's admin", "recruiter", "admin"]

/** Rules a route's notes document beyond its access level (the request targets a spare user, not the caller). */
const HANDLER_RULES: Partial<Record<RouteKey, Partial<Record<Column, number>>>> = {
  "POST /users/:id/tokens": { recruiter: 403 },
}

/** The routes the app's router serves (method and path), without the `*` middleware. */
async function servedRoutes(): Promise<{ method: string; path: string }[]> {
  const probe = await startHarness({ activate: false })
  try {
    const seen = new Map<string, { method: string; path: string }>()
    for (const r of probe.server.app.routes) if (r.method !== "ALL") seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path })
    return [...seen.values()]
  } finally {
    await probe.close()
  }
}

const SERVED = await servedRoutes()
const figures: { route: string; column: Column; status: number }[] = []

function tableEntry(method: string, path: string): RouteEntry | undefined {
  const key = `${method} ${path}` as RouteKey
  const spec = ROUTES[key]
  return spec ? { ...spec, key, method: method as Method, path } : undefined
}

/** Team A's identifying values: none may appear in another team's answer unless it sent them. */
function teamAMarkers(h: Harness, world: RouteWorld): string[] {
  return [
    h.team.id,
    h.team.admin.id,
    h.team.recruiter.id,
    h.team.admin.email ?? "",
    h.team.recruiter.email ?? "",
    h.canaries.team.firm,
    "Northwind Override Marker",
    ...world.campaignIds,
    ...world.campaignNames,
    ...world.spareUserIds,
  ].filter((m) => m.length >= 6)
}

describe("authorization matrix (every served route × every kind of caller)", () => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
    writeFigures("auth-matrix", "authorization matrix", figures)
  })

  it("finds the routes to check in the router", () => {
    expect(SERVED.length).toBeGreaterThanOrEqual(Object.keys(ROUTES).length)
  })

  it.each(SERVED.map((r) => [`${r.method} ${r.path}`, r] as const))("answers %s as designed for every caller", async (key, served) => {
    const route = tableEntry(served.method, served.path)
    expect(route, `${key} is served but has no entry (access rule) in the route table`).toBeDefined()
    h = await startHarness()
    const world = await buildWorld(h)
    // The sync worker would write and call Clockwork in the background; only the handlers may here.
    await h.server.context.sync.stop()
    const { clock } = h.server.context
    const revoked = createUser(h.server.db, clock, h.team.id, { name: "Revoked", role: "admin" })
    issueToken(h.server.db, clock, revoked.user.id)

    for (const name of paramNames(route!.path)) {
      if (route!.access === "public") continue
      expect(realParamValues(route!, name, world, h.team.id), `no team A record to put in :${name} of ${key}`).not.toEqual([])
    }
    const req: RouteRequest = validRequest(route!, world, h.team.id)
    const urlPath = req.path + toQueryString(req.query)
    const sentText = urlPath + JSON.stringify(req.body ?? null)
    const harness = h

    const send = (column: Column): Promise<HarnessResponse> => {
      const auth: { token: string | null; headers?: Record<string, string> } =
        column === "no token"
          ? { token: null }
          : column === "unknown token"
            ? { token: `cgs_${"A".repeat(43)}` }
            : column === "malformed token"
              ? { token: "cgs_short" }
              : column === "revoked token"
                ? { token: revoked.token }
                : column === "Basic scheme"
                  ? { token: null, headers: { authorization: `Basic ${Buffer.from(`${harness.team.tokens.admin}:`).toString("base64")}` } }
                  : column === "another team's admin"
                    ? { token: harness.otherTeam.tokens.admin }
                    : column === "recruiter"
                      ? { token: harness.team.tokens.recruiter }
                      : { token: harness.team.tokens.admin }
      return harness.request(route!.method, urlPath, { ...auth, ...(req.body !== undefined ? { json: req.body } : {}) })
    }

    const designed = new Set([route!.status, ...(route!.status === 201 || route!.status === 202 ? [200] : []), ...(route!.errors ?? [])])
    const answers = new Map<Column, number>()
    for (const column of COLUMNS) {
      const before = { db: h.dbFingerprint(), calls: h.outgoing.length }
      const res = await send(column)
      answers.set(column, res.status)
      figures.push({ route: key, column, status: res.status })
      const where = `${key} as ${column}: ${res.status} ${res.text.slice(0, 200)}`
      expect(res.status, where).toBeLessThan(500)
      if (res.status >= 400) expect(ApiErrorSchema.safeParse(res.body).success, where).toBe(true)
      const nothingRan = () => {
        expect(h!.dbFingerprint(), `${where}: the database changed`).toBe(before.db)
        expect(h!.outgoing.length - before.calls, `${where}: Clockwork was called`).toBe(0)
      }
      if (route!.access === "public") continue

      const rule = HANDLER_RULES[route!.key]?.[column]
      if (BAD_COLUMNS.includes(column)) {
        expect(res.status, where).toBe(401)
        expect(res.body, where).toMatchObject({ error: { code: "unauthorized", field: "authorization" } })
        nothingRan()
      } else if (rule !== undefined) {
        expect(res.status, where).toBe(rule)
      } else if (column === "recruiter" && route!.access === "admin") {
        expect(res.status, where).toBe(403)
        expect(res.body, where).toMatchObject({ error: { code: "forbidden" } })
        nothingRan()
      } else if (column === "another team's admin" && (paramNames(route!.path).length > 0 || world.campaignIds.some((id) => sentText.includes(id)))) {
        expect(res.status, `${where}: another team's record must be invisible`).toBe(404)
        nothingRan()
      } else {
        expect(designed.has(res.status), `${where}: not a status the table documents for this route`).toBe(true)
        if (column === "another team's admin") {
          const leaked = teamAMarkers(h, world).filter((m) => res.text.includes(m) && !sentText.includes(m))
          expect(leaked, `${where}: team A's data in team B's answer`).toEqual([])
        }
      }
    }
    if (route!.access === "public") {
      expect(new Set(answers.values()).size, `${key}: a bearer token changed the answer of a public route`).toBe(1)
      if (route!.method === "GET" && paramNames(route!.path).length === 0) expect(answers.get("admin")).toBe(route!.status)
    }
  })
})

describe("requests that match no rule", () => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })

  const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"]
  const paths = [...new Set(SERVED.map((r) => r.path))]
  const unmatched = paths.flatMap((p) => METHODS.filter((m) => !SERVED.some((r) => r.path === p && r.method === m)).map((m) => [`${m} ${p}`, m, p] as const))

  it.each(unmatched)("refuses %s: 404 with a token, 401 without", async (_key, method, path) => {
    h = await startHarness()
    const concrete = path.replace(/:[A-Za-z]+/g, "x1")
    const withToken = await h.request(method, concrete)
    const without = await h.request(method, concrete, { token: null })
    expect(withToken.status).toBe(404)
    expect(without.status).toBe(401)
    expect(ApiErrorSchema.safeParse(withToken.body).success).toBe(true)
  })

  it.each(["GET", "POST", "DELETE"] as const)("never runs a %s handler mounted without a table entry", async (method) => {
    h = await startHarness({ activate: false })
    let ran = 0
    const app = h.server.app as unknown as { on(method: string, path: string, handler: (c: { json(v: unknown): Response }) => Response): void }
    app.on(method, "/rogue-route", (c) => {
      ran++
      return c.json({ rogue: true })
    })
    expect((await h.request(method, "/rogue-route")).status).toBe(404)
    expect((await h.request(method, "/rogue-route", { token: h.team.tokens.recruiter })).status).toBe(404)
    expect((await h.request(method, "/rogue-route", { token: null })).status).toBe(401)
    expect(ran).toBe(0)
  })
})
