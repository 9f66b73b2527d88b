// Secrets never leak. Canary Clockwork credentials (both teams) are planted at activation, and the
// server runs at log level `trace` on a database file. Every route of the table is then driven by
// every kind of caller, with valid fixtures and fuzzed inputs, while Clockwork is healthy, down,
// failing, resetting, rate limiting, rejecting rotated credentials, and while a ciphertext is
// tampered with — and the sync worker pushes people meanwhile. Every response (body and headers),
// every log line (errors included), and the database files (main, -wal, -shm; open and after close)
// are scanned for the canaries verbatim, URL/JSON/hex/base64 encoded (at every alignment), as the
// Authorization header Clockwork receives, and as any 10-character fragment.
// Separate "input canaries" are sprinkled into request fields: they must never come back in an
// error or a log line (a credential pasted into the wrong field stays unechoed).
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import fc from "fast-check"
import { ROUTE_LIST, type RouteEntry } from "../../../server/routes/table"
import { caseArbitrary, sendCase } from "./helpers/fuzz"
import { seedFor, writeFigures } from "./helpers/figures"
import { startHarness, type Harness, type HarnessResponse } from "./helpers/harness"
import { LeakScanner, activationBody, makeCanaries } from "./helpers/leaks"
import { buildWorld, toQueryString, validRequest, type RouteWorld } from "./helpers/route-world"

type Caller = "admin" | "recruiter" | "another team's admin" | "no token" | "bad token"
const CALLERS: Caller[] = ["recruiter", "another team's admin", "no token", "bad token", "admin"]
type State = "healthy" | "down" | "error 500" | "connection reset" | "rate limited" | "rotated credentials" | "tampered ciphertext"
const STATES: State[] = ["healthy", "down", "error 500", "connection reset", "rate limited", "rotated credentials", "tampered ciphertext"]
const FUZZ_PER_ROUTE = 8

describe("canary credentials at log level trace", () => {
  let h: Harness
  let world: RouteWorld
  const inputCanaries = makeCanaries("input")
  const inputScanner = new LeakScanner([inputCanaries])
  const transcripts: string[] = []
  const errorTranscripts: string[] = []
  let dbWhileOpen: Record<string, string> = {}
  let dbAfterClose: Record<string, string> = {}
  const tally = { requests: 0, byState: {} as Record<string, number>, statuses: new Set<number>() }

  /** Records an answer; `sent` is what the request carried (an error must not echo an input canary from it). */
  const record = (res: HarnessResponse, sent = "") => {
    tally.requests++
    tally.statuses.add(res.status)
    transcripts.push(res.transcript)
    if (res.status >= 400 && inputScanner.find(sent)) errorTranscripts.push(res.transcript)
  }

  async function activate(): Promise<void> {
    const res = await h.request("POST", "/integration/activate", { json: activationBody(h.canaries.team) })
    record(res)
    if (res.status !== 200) throw new Error(`re-activation answered ${res.status}`)
  }

  async function setState(state: State): Promise<void> {
    const firm = h.canaries.team.firm
    h.sandbox.setFaults(firm, null)
    h.sandbox.setRateLimit(firm, null)
    h.sandbox.seedFirm({ ...h.canaries.team, firm })
    await activate()
    if (state === "down") h.sandbox.setFaults(firm, { down: true })
    if (state === "error 500") h.sandbox.setFaults(firm, { error500: 1 })
    if (state === "connection reset") h.sandbox.setFaults(firm, { reset: 1 })
    if (state === "rate limited") h.sandbox.setRateLimit(firm, { ratePerSecond: 0.001, burst: 2 })
    if (state === "rotated credentials") h.sandbox.seedFirm({ ...h.canaries.team, apiSecret: makeCanaries(firm).apiSecret })
    if (state === "tampered ciphertext") {
      const row = h.server.db.$client.prepare("select api_secret_enc as enc from integrations where team_id = ?").get(h.team.id) as { enc: string }
      const parts = row.enc.split(".")
      parts[3] = (parts[3]![0] === "A" ? "B" : "A") + parts[3]!.slice(1)
      h.server.db.$client.prepare("update integrations set api_secret_enc = ? where team_id = ?").run(parts.join("."), h.team.id)
    }
  }

  function token(caller: Caller): string | null {
    if (caller === "admin") return h.team.tokens.admin
    if (caller === "recruiter") return h.team.tokens.recruiter
    if (caller === "another team's admin") return h.otherTeam.tokens.admin
    if (caller === "bad token") return `cgs_${"B".repeat(43)}`
    return null
  }

  async function tourRoute(route: RouteEntry, state: State): Promise<void> {
    const req = validRequest(route, world, h.team.id)
    const urlPath = req.path + toQueryString(req.query)
    for (const caller of CALLERS) {
      record(await h.request(route.method, urlPath, { token: token(caller), ...(req.body !== undefined ? { json: req.body } : {}) }))
    }
    const inputs = [inputCanaries.apiKey, inputCanaries.apiSecret, inputCanaries.serviceKey]
    for (const c of fc.sample(caseArbitrary(route, world, h.team.id, inputs), { numRuns: FUZZ_PER_ROUTE, seed: seedFor(`secrets ${route.key} ${state}`) })) {
      const body = c.body.kind === "json" ? JSON.stringify(c.body.value) : c.body.kind === "raw" ? String(c.body.raw.bytes) : ""
      record(await sendCase(h, route, c), `${new URLSearchParams(c.query).toString()} ${c.query} ${JSON.stringify(c.params)} ${body}`)
    }
    if (route.key === "DELETE /integration" || route.key === "POST /integration/activate") await setState(state)
  }

  beforeAll(async () => {
    h = await startHarness({ storage: "file", logLevel: "trace", sync: { ratePerSecond: 1_000, burst: 1_000, pollIntervalMs: 20, backoffBaseMs: 10, backoffMaxMs: 50 } })
    world = await buildWorld(h)
    for (const state of STATES) {
      await setState(state)
      const before = tally.requests
      const events = [0, 1].map((n) => ({
        id: `evt-secrets-${state}-${n}`,
        type: "push_requested",
        personKey: `email:canary${n}@northwind.example`,
        occurredAt: "2026-12-04T12:00:00Z",
        contact: { personKey: `email:canary${n}@northwind.example`, source: "outreach", name: `Canary ${n}`, emails: [`canary${n}@northwind.example`] },
      }))
      record(await h.request("POST", "/events", { json: events }))
      for (const route of ROUTE_LIST) await tourRoute(route, state)
      tally.byState[state] = tally.requests - before
    }
    await h.server.context.sync.stop()
    dbWhileOpen = h.dbFiles()
    await h.server.close()
    dbAfterClose = h.dbFiles()
    writeFigures("secrets", "secrets never leak", {
      requests: tally.requests,
      byState: tally.byState,
      statuses: [...tally.statuses].sort(),
      logLines: h.logs.length,
      formsSearched: h.scanner.formCount,
      errorsToInputCanaryRequests: errorTranscripts.length,
      dbFiles: { whileOpen: Object.keys(dbWhileOpen), afterClose: Object.keys(dbAfterClose) },
    })
  }, 300_000)

  afterAll(async () => {
    await h.close()
  })

  it("drove every route in every state, through the statuses that carry errors", () => {
    expect(Object.keys(tally.byState)).toEqual(STATES)
    expect(tally.requests).toBeGreaterThan(ROUTE_LIST.length * CALLERS.length * STATES.length)
    for (const status of [200, 201, 204, 400, 401, 403, 404, 409, 415, 422, 429, 502]) expect([...tally.statuses], String(status)).toContain(status)
  })

  it("logged at trace, including Clockwork failures and errors", () => {
    expect(h.server.logger.level).toBe("trace")
    expect(h.logs.some((l) => /"level":(40|50)/.test(l))).toBe(true)
    expect(h.logs.some((l) => l.includes('"msg":"Clockwork call failed"') || l.includes("needs_attention") || l.includes("cannot be decrypted"))).toBe(true)
  })

  it("finds no canary credential in any response body or header", () => {
    expect(h.scanner.scan({ responses: transcripts })).toEqual([])
  })

  it("finds no canary credential in any log line", () => {
    expect(h.scanner.scan({ logs: h.logs })).toEqual([])
  })

  it("holds no canary credential in the database files, open (with its WAL) or closed", () => {
    expect(Object.keys(dbWhileOpen).some((f) => f.endsWith("-wal"))).toBe(true)
    expect(Object.keys(dbAfterClose)).toContain("cogsync.db")
    expect(h.scanner.scan({ openDatabaseFiles: Object.values(dbWhileOpen), closedDatabaseFiles: Object.values(dbAfterClose) })).toEqual([])
    // The scan reads real content: the firm name (not a secret) is there.
    expect([...Object.values(dbWhileOpen), ...Object.values(dbAfterClose)].some((t) => t.includes(h.canaries.team.firm))).toBe(true)
  })

  it("never echoes a credential-like input in the error it caused, nor logs one", () => {
    expect(errorTranscripts.length, "errors answered to requests carrying an input canary").toBeGreaterThan(100)
    expect(inputScanner.scan({ errors: errorTranscripts, logs: h.logs })).toEqual([])
  })

  it("the scan finds a canary where one is, in every encoding it claims", () => {
    const { apiKey, apiSecret } = h.canaries.team
    const samples = [
      apiKey,
      encodeURIComponent(apiSecret),
      Buffer.from(`x${apiSecret}`).toString("base64"),
      Buffer.from(`xy${apiKey}`).toString("base64url"),
      Buffer.from(apiKey).toString("hex"),
      `Token ${Buffer.from(`${apiKey}:${apiSecret}`).toString("base64")}`,
      apiSecret.slice(-12, -1),
    ]
    for (const s of samples) expect(h.scanner.find(`{"x":"${s}"}`), s).toBeDefined()
  })
})
