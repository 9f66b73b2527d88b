// Property-based fuzzing of every route of the table: path parameters, query and body, derived
// from the route's own schemas, sent in-process through the app's fetch. For every case:
//   - no 5xx;
//   - every error body is an ApiError; 400/413/415/422 name a `field` whose first segment is an
//     input the route has (or one the request sent); 401/403/404/409 may go without one;
//   - the status is one the table documents for the route (a 404 only when the path stopped
//     matching the route), and a success body matches the route's response schema;
//   - no canary credential appears in the response or in any log line it caused;
//   - no request left for anywhere but the configured Clockwork URL.
// Routes are spread over shard files (by index in the table) so they run in parallel.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { ApiErrorSchema } from "@shared/index"
import { ROUTE_LIST, findRoute, type RouteEntry } from "../../../../server/routes/table"
import { FUZZ_RUNS, seedFor, writeFigures } from "./figures"
import { startHarness, type Harness, type HarnessResponse } from "./harness"
import { buildWorld, fillPath, paramNames, realParamValues, toQueryString, type RouteWorld } from "./route-world"
import { arbitraryOf, hostileString, mutatedOf, rawBodyOf, topLevelKeys, type RawBody } from "./zod-arbitrary"

type BodyCase = { kind: "none" } | { kind: "json"; value: unknown } | { kind: "raw"; raw: RawBody }

export interface FuzzCase {
  /** What was perturbed, for the figures. */
  label: string
  params: Record<string, string>
  query: string
  /** The query as an object, when it was one (its keys may be named by errors). */
  queryObject: unknown
  body: BodyCase
}

/** Statuses any route may answer to an admin besides its documented errors. */
const GENERIC_4XX = [400, 413, 415]
/** Errors that must name the offending field. */
const FIELD_REQUIRED = new Set([400, 413, 415, 422])
/** Field names that are not keys of an input schema. */
const GENERIC_FIELDS = new Set(["body", "query", "path", "headers", "authorization"])

const HOSTILE_QUERIES = [
  "?%zz=1",
  "?a=%E0%A4%A",
  "?personKey=%00",
  "?personKey=li%3Ax&personKey=li%3Ay",
  "?__proto__=1&constructor=2",
  "?=&&=&",
  "?personKey",
  `?${"a=1&".repeat(2_000)}`,
  `?personKey=${"%F0%9F%92%A9".repeat(400)}`,
  "?linkedinUrl=javascript:alert(1)&email=%0d%0aX:1",
  "?archived=TRUE&once=yes",
]

function paramArbitrary(route: RouteEntry, world: RouteWorld, teamId: string): fc.Arbitrary<Record<string, string>> {
  const names = paramNames(route.path)
  if (names.length === 0) return fc.constant({})
  const entries = names.map((name) => {
    const real = realParamValues(route, name, world, teamId)
    const valid = route.params
      ? arbitraryOf(route.params, { mode: "valid" }).map((p) => String((p as Record<string, unknown>)[name] ?? "x"))
      : fc.string({ minLength: 1, maxLength: 10, unit: "grapheme-ascii" })
    const hostileEncoded = hostileString(0, 300).map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, "\uFFFD")))
    const hostileRaw = fc.constantFrom("..", ".", "%2e%2e", "%2F", "a%2Fb", "%", "%zz", "%00", "%E0%A4%A", ";", "a;b=c", "~", "%252e%252e", "\u00e9", "%C0%AE%C0%AE")
    const arb = fc.oneof(
      ...(real.length ? [{ weight: 2, arbitrary: fc.constantFrom(...real).map(encodeURIComponent) }] : []),
      { weight: 1, arbitrary: valid.map(encodeURIComponent) },
      { weight: 4, arbitrary: hostileEncoded },
      { weight: 1, arbitrary: hostileRaw },
    )
    return [name, arb] as const
  })
  return fc.record(Object.fromEntries(entries))
}

/** Params with real ids (or valid generated ones) only: the handler is reached. */
function goodParamArbitrary(route: RouteEntry, world: RouteWorld, teamId: string): fc.Arbitrary<Record<string, string>> {
  const names = paramNames(route.path)
  return fc.record(
    Object.fromEntries(
      names.map((name) => {
        const real = realParamValues(route, name, world, teamId)
        const valid = route.params ? arbitraryOf(route.params, { mode: "valid" }).map((p) => String((p as Record<string, unknown>)[name] ?? "x")) : fc.constant("x")
        return [name, (real.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: valid }) : valid).map(encodeURIComponent)]
      }),
    ),
  )
}

/**
 * The case generator of one route: each variant perturbs one part and keeps the rest usable.
 * `sprinkle` offers extra strings (e.g. canaries) to every free-text field.
 */
export function caseArbitrary(route: RouteEntry, world: RouteWorld, teamId: string, sprinkle?: readonly string[]): fc.Arbitrary<FuzzCase> {
  const known = world.known
  const goodParams = goodParamArbitrary(route, world, teamId)
  const q = route.query
  const b = route.body
  const extra = sprinkle ? { sprinkle } : {}
  const validQuery = q ? arbitraryOf(q, { mode: "valid", known, ...extra }) : fc.constant(undefined)
  const hostileQuery = q ? arbitraryOf(q, { mode: "hostile", known, ...extra }) : fc.constant(undefined)
  const validBody = b ? arbitraryOf(b, { mode: "valid", known, ...extra }) : fc.constant(undefined)
  const hostileBody = b ? arbitraryOf(b, { mode: "hostile", known, ...extra }) : fc.constant(undefined)
  const hasBody = route.method !== "GET"
  const json = (value: unknown): BodyCase => (value === undefined ? { kind: "none" } : { kind: "json", value })
  const make = (label: string, params: fc.Arbitrary<Record<string, string>>, query: fc.Arbitrary<unknown>, body: fc.Arbitrary<BodyCase>, rawQuery?: fc.Arbitrary<string>) =>
    fc.record({ params, query, body, rawQuery: rawQuery ?? fc.constant(undefined) }).map(
      ({ params: p, query: qo, body: bo, rawQuery: rq }): FuzzCase => ({ label, params: p, query: rq ?? toQueryString(qo), queryObject: rq === undefined ? qo : undefined, body: bo }),
    )

  const variants: { weight: number; arbitrary: fc.Arbitrary<FuzzCase> }[] = [
    { weight: 3, arbitrary: make("valid", goodParams, validQuery, validBody.map(json)) },
    { weight: 3, arbitrary: make("hostile values", goodParams, hostileQuery, hostileBody.map(json)) },
    { weight: 1, arbitrary: make("raw query", goodParams, fc.constant(undefined), validBody.map(json), fc.constantFrom(...HOSTILE_QUERIES)) },
  ]
  if (paramNames(route.path).length) {
    variants.push({ weight: 3, arbitrary: make("hostile path parameter", paramArbitrary(route, world, teamId), validQuery, validBody.map(json)) })
  }
  if (q) variants.push({ weight: 2, arbitrary: make("mutated query", goodParams, mutatedOf(hostileQuery), validBody.map(json)) })
  if (hasBody && b) {
    variants.push(
      { weight: 3, arbitrary: make("mutated body", goodParams, validQuery, mutatedOf(hostileBody).map(json)) },
      { weight: 2, arbitrary: make("raw body", goodParams, validQuery, rawBodyOf(validBody).map((raw): BodyCase => ({ kind: "raw", raw }))) },
      { weight: 1, arbitrary: make("no body", goodParams, validQuery, fc.constant<BodyCase>({ kind: "none" })) },
    )
  } else if (hasBody) {
    const unexpected = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map(json),
      rawBodyOf(fc.jsonValue({ maxDepth: 2 })).map((raw): BodyCase => ({ kind: "raw", raw })),
    )
    variants.push({ weight: 2, arbitrary: make("unexpected body", goodParams, validQuery, unexpected) })
  }
  return fc.oneof(...variants)
}

export interface RouteFigures {
  route: string
  cases: number
  byStatus: Record<string, number>
  byLabel: Record<string, number>
  /** Cases that got past input validation (any status but 400/413/415). */
  pastValidation: number
  /** Clockwork requests the route's cases caused, all to the configured URL. */
  clockworkRequests: number
  logLines: number
}

/** The path actually requested: the table path with the case's parameters, plus its query. */
export const casePath = (route: RouteEntry, c: FuzzCase): string => fillPath(route.path, c.params) + c.query

/** Sends one case as team A's admin. */
export async function sendCase(h: Harness, route: RouteEntry, c: FuzzCase): Promise<HarnessResponse> {
  const urlPath = casePath(route, c)
  if (c.body.kind === "json") return h.request(route.method, urlPath, { json: c.body.value })
  if (c.body.kind === "raw") return h.request(route.method, urlPath, { raw: c.body.raw.bytes, contentType: c.body.raw.contentType })
  return h.request(route.method, urlPath)
}

const describeCase = (route: RouteEntry, c: FuzzCase) => {
  const body = c.body.kind === "json" ? JSON.stringify(c.body.value) : c.body.kind === "raw" ? `${c.body.raw.contentType ?? "(no type)"}: ${String(c.body.raw.bytes)}` : "(none)"
  return `${route.method} ${casePath(route, c).slice(0, 300)} [${c.label}] body ${body.slice(0, 400)}`
}

/** The body as the server could parse it (raw bodies included), or undefined. */
function sentBody(c: FuzzCase): unknown {
  if (c.body.kind === "json") return c.body.value
  if (c.body.kind !== "raw") return undefined
  const text = typeof c.body.raw.bytes === "string" ? c.body.raw.bytes : new TextDecoder().decode(c.body.raw.bytes)
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** The checks every fuzzed response must pass; throws a descriptive error otherwise. */
export function checkResponse(route: RouteEntry, c: FuzzCase, res: HarnessResponse): void {
  const fail = (why: string) => {
    throw new Error(`${why}\n  request: ${describeCase(route, c)}\n  answer: ${res.status} ${res.text.slice(0, 500)}`)
  }
  if (res.status >= 500) fail(`answered ${res.status}`)
  const stillThisRoute = findRoute(route.method, new URL(casePath(route, c), "http://x").pathname)?.key === route.key
  if (res.status >= 400) {
    const parsed = ApiErrorSchema.safeParse(res.body)
    if (!parsed.success) fail("an error body that is not an ApiError")
    const error = parsed.data!.error
    const allowed = new Set([...GENERIC_4XX, ...(route.errors ?? []), ...(route.access === "public" ? [401] : [])])
    if (!stillThisRoute) allowed.add(404)
    if (!allowed.has(res.status)) fail(`answered ${res.status}, which the table does not document for this route`)
    if (FIELD_REQUIRED.has(res.status)) {
      if (!error.field) fail(`a ${res.status} that names no field`)
      const first = error.field!.split(".")[0]!
      const schemas = [route.body, route.query, route.params].map(topLevelKeys)
      const sent = [sentBody(c), c.queryObject].flatMap((v) => (v && typeof v === "object" ? Object.keys(v) : []))
      // A sent key may itself hold dots ("a.b"), so the field may start with it rather than split at it.
      const field = error.field!
      const known =
        GENERIC_FIELDS.has(first) ||
        schemas.some((s) => s.keys.has(first) || (s.arrays && /^\d+$/.test(first))) ||
        sent.some((k) => field === k || field.startsWith(`${k}.`))
      if (!known) fail(`a ${res.status} naming “${error.field}”, which is not an input of this route`)
    }
    return
  }
  if (!stillThisRoute) fail(`answered ${res.status} for a path that matches no table entry of this route`)
  if (route.response && res.status !== 204 && (route.contentType ?? "application/json") === "application/json") {
    const parsed = route.response.safeParse(res.body)
    if (!parsed.success) fail(`a success body that does not match the route's response schema: ${parsed.error.message.slice(0, 300)}`)
  }
}

/** Fuzzes one route on a fresh server; returns its figures. */
export async function fuzzRoute(route: RouteEntry, runs = FUZZ_RUNS): Promise<RouteFigures> {
  const h = await startHarness()
  try {
    const world = await buildWorld(h)
    const figures: RouteFigures = { route: route.key, cases: 0, byStatus: {}, byLabel: {}, pastValidation: 0, clockworkRequests: 0, logLines: 0 }
    const outgoingBefore = h.outgoing.length
    const logsBefore = h.logs.length
    await fc.assert(
      fc.asyncProperty(caseArbitrary(route, world, h.team.id), async (c) => {
        const logFrom = h.logs.length
        const res = await sendCase(h, route, c)
        checkResponse(route, c, res)
        const leak = h.scanner.find(res.transcript) ?? h.logs.slice(logFrom).map((l) => h.scanner.find(l)).find(Boolean)
        if (leak) throw new Error(`a canary credential leaked (${leak}) for ${describeCase(route, c)}`)
        if (h.violations.length) throw new Error(`a request left for ${h.violations[0]!.url} after ${describeCase(route, c)}`)
        figures.cases++
        figures.byStatus[res.status] = (figures.byStatus[res.status] ?? 0) + 1
        figures.byLabel[c.label] = (figures.byLabel[c.label] ?? 0) + 1
        if (![400, 413, 415].includes(res.status)) figures.pastValidation++
      }),
      { numRuns: runs, seed: seedFor(route.key), endOnFailure: true },
    )
    figures.clockworkRequests = h.outgoing.length - outgoingBefore
    figures.logLines = h.logs.length - logsBefore
    return figures
  } finally {
    await h.close()
  }
}

/** The fuzz tests of one shard of the route table. */
export function describeFuzzShard(shard: number, of: number): void {
  const routes = ROUTE_LIST.filter((_, i) => i % of === shard - 1)
  const rows: RouteFigures[] = []
  describe(`fuzzing every route's parameters, query and body (shard ${shard} of ${of}, ${FUZZ_RUNS} cases per route)`, () => {
    it.each(routes.map((r) => [r.key, r] as const))(
      "never answers 5xx, names the field of every 4xx and leaks nothing: %s",
      async (_key, route) => {
        const figures = await fuzzRoute(route)
        rows.push(figures)
        writeFigures(`fuzz-shard-${shard}`, "fuzz", rows)
        expect(figures.cases).toBe(FUZZ_RUNS)
        // The fuzz must reach the handlers and the validators alike, or it proves little.
        expect(figures.pastValidation, "cases that reached the handler").toBeGreaterThanOrEqual(FUZZ_RUNS * 0.1)
        if (route.body || route.query || route.params) {
          expect(figures.byStatus[400] ?? 0, "cases refused by validation").toBeGreaterThanOrEqual(FUZZ_RUNS * 0.03)
        }
      },
      Math.max(120_000, FUZZ_RUNS * 60),
    )
  })
}
