// A fresh Cogsync server for one test: temp database through the real migrations, a random key,
// port 0 on loopback, every log line captured, Clockwork pointed at an in-process sandbox (also on
// port 0) seeded with the demo firm. Creates a team with an admin and a recruiter (and optionally
// a second team). `close()` fails the test when any response or log line carried a Clockwork
// credential that was sent to the server or seeded in the sandbox.
import { randomBytes } from "node:crypto"
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { ApiErrorSchema, type ApiError, type User } from "@shared/index"
import { DEMO_ACTIVATION, DEMO_FIRM, createClockworkClient, createSandbox, type ClockworkClientOptions, type Sandbox } from "../../../server/clockwork/index"
import type { RunningServer } from "../../../server/start-server"
import { startServer } from "../../../server/start-server"
import type { Db } from "../../../server/db/client"
import type { Clock } from "../../../server/services/clock"
import { createTeam, createUser } from "../../../server/services/teams"
import { findRoute } from "../../../server/routes/table"

/** A clock tests move by hand. */
export class TestClock implements Clock {
  #ms: number
  constructor(start = Date.parse("2026-12-04T12:00:00.000Z")) {
    this.#ms = start
  }
  now(): Date {
    return new Date(this.#ms)
  }
  advance(ms: number): void {
    this.#ms += ms
  }
}

export interface TestResponse<T = unknown> {
  status: number
  headers: Headers
  /** Parsed JSON when the response is JSON, else the text. */
  body: T
  text: string
}

export interface RequestOptions {
  /** Bearer token; default the first team's admin. `null` sends no Authorization header. */
  token?: string | null
  /** Sent as JSON. */
  body?: unknown
  /** Sent as-is (with `headers` deciding the content type). */
  rawBody?: string
  headers?: Record<string, string>
}

export interface TeamFixture {
  id: string
  name: string
  admin: User
  recruiter: User
  tokens: { admin: string; recruiter: string }
}

/** A team named `name` with an admin and a recruiter, and their tokens. */
export function makeTeamFixture(db: Db, clock: Clock, name: string): TeamFixture {
  const created = createTeam(db, clock, { name, adminName: `${name} Admin`, adminEmail: `admin@${name.toLowerCase()}.example` })
  const recruiter = createUser(db, clock, created.team.id, { name: `${name} Recruiter`, email: `recruiter@${name.toLowerCase()}.example`, role: "recruiter" })
  return { id: created.team.id, name: created.team.name, admin: created.admin, recruiter: recruiter.user, tokens: { admin: created.token, recruiter: recruiter.token } }
}

export interface TestServerOptions {
  /** Create a second team (admin + recruiter) for cross-team checks. */
  secondTeam?: boolean
  /** Default: a TestClock. */
  clock?: Clock
  metadataTtlMs?: number
  /** Overrides of the Clockwork client options (default: no backoff waits). */
  clockworkClient?: Partial<Omit<ClockworkClientOptions, "credentials" | "baseUrl">>
}

export interface TestServer {
  url: string
  server: RunningServer
  team: TeamFixture
  /** Present with `secondTeam: true`. */
  otherTeam: TeamFixture | undefined
  /** Shortcut: the first team's tokens. */
  tokens: { admin: string; recruiter: string }
  request<T = unknown>(method: string, path: string, opts?: RequestOptions): Promise<TestResponse<T>>
  /** Every log line so far (raw JSON lines). */
  logs: string[]
  /** Every response (status line, headers and body) so far. */
  transcript: string[]
  sandbox: Sandbox
  sandboxUrl: string
  /** The sandbox's demo firm credentials, as an activation request body. */
  demo: { apiKey: string; apiSecret: string; subdomain: string; serviceKey: string }
  /** Activates the demo firm for the first team (as its admin); throws unless it answers 200. */
  activateDemo(token?: string): Promise<void>
  clock: Clock
  dataDir: string
  /** Credentials planted so far (sent in request bodies or seeded in the sandbox). */
  secrets: Set<string>
  close(): Promise<void>
}

const SECRET_KEYS = new Set(["apiKey", "apiSecret", "serviceKey"])

/** Collects credential values from a JSON body. */
function plantedIn(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => plantedIn(v, into))
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEYS.has(k) && typeof v === "string" && v.trim().length >= 6) into.add(v.trim())
      else plantedIn(v, into)
    }
  }
}

/** The error of an error response (throws when the body is not an ApiError). */
export function apiError(res: TestResponse<unknown>): ApiError["error"] {
  return ApiErrorSchema.parse(res.body).error
}

/** Finds every planted secret in the texts; returns where each was found. */
export function findLeaks(secrets: Iterable<string>, texts: Record<string, readonly string[]>): string[] {
  const found: string[] = []
  for (const secret of secrets) {
    for (const [where, list] of Object.entries(texts)) {
      const i = list.findIndex((t) => t.includes(secret))
      if (i >= 0) found.push(`a credential ending “…${secret.slice(-3)}” appears in ${where}[${i}]`)
    }
  }
  return found
}

/**
 * Every response must match the route table: the success status with its response schema, or an
 * ApiErrorSchema body for 4xx/5xx. Throws a descriptive error otherwise.
 */
export function checkContract(method: string, urlPath: string, status: number, body: unknown): void {
  const route = findRoute(method, new URL(urlPath, "http://x").pathname)
  if (status >= 400) {
    const parsed = ApiErrorSchema.safeParse(body)
    if (!parsed.success) throw new Error(`${method} ${urlPath} answered ${status} with a body that is not an ApiError: ${JSON.stringify(body)}`)
    return
  }
  if (!route) throw new Error(`${method} ${urlPath} answered ${status} but matches no route of the table`)
  if (route.response && status !== 204) {
    const parsed = route.response.safeParse(body)
    if (!parsed.success) throw new Error(`${method} ${urlPath}: the response does not match its schema: ${parsed.error.message}`)
  }
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cogsync-test-"))
  const clock = opts.clock ?? new TestClock()
  const logs: string[] = []
  const transcript: string[] = []
  const secrets = new Set<string>([DEMO_FIRM.apiKey, DEMO_FIRM.apiSecret, DEMO_FIRM.serviceKey])

  const sandbox = createSandbox({ seed: 1 })
  sandbox.seedDemoFirm()
  const sandboxServer = await sandbox.listen(0)
  const clientOptions = { sleep: async () => {}, ...opts.clockworkClient }

  const server = await startServer({
    databasePath: path.join(dataDir, "cogsync.db"),
    secretKey: randomBytes(32).toString("base64"),
    clockworkApiUrl: sandboxServer.url,
    clock,
    logDestination: {
      write(line: string) {
        logs.push(line)
      },
    },
    logLevel: "debug",
    clockwork: (credentials) => createClockworkClient({ baseUrl: sandboxServer.url, credentials, ...clientOptions }),
    ...(opts.metadataTtlMs !== undefined ? { metadataTtlMs: opts.metadataTtlMs } : {}),
  })

  const makeTeam = (name: string) => makeTeamFixture(server.db, clock, name)
  const team = makeTeam("Northwind")
  const otherTeam = opts.secondTeam ? makeTeam("Globex") : undefined

  async function request<T = unknown>(method: string, urlPath: string, ropts: RequestOptions = {}): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...ropts.headers }
    const token = ropts.token === undefined ? team.tokens.admin : ropts.token
    if (token !== null) headers.authorization = `Bearer ${token}`
    let body: string | undefined
    if (ropts.body !== undefined) {
      plantedIn(ropts.body, secrets)
      body = JSON.stringify(ropts.body)
      headers["content-type"] ??= "application/json"
    } else if (ropts.rawBody !== undefined) body = ropts.rawBody
    const res = await fetch(`${server.url}${urlPath}`, { method, headers, ...(body !== undefined ? { body } : {}) })
    const text = await res.text()
    transcript.push(`${method} ${urlPath} -> ${res.status}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n\n${text}`)
    const isJson = (res.headers.get("content-type") ?? "").includes("application/json")
    const parsed: unknown = isJson && text ? JSON.parse(text) : text
    checkContract(method, urlPath, res.status, parsed)
    return { status: res.status, headers: res.headers, body: parsed as T, text }
  }

  const demo = DEMO_ACTIVATION

  return {
    url: server.url,
    server,
    team,
    otherTeam,
    tokens: team.tokens,
    request,
    logs,
    transcript,
    sandbox,
    sandboxUrl: sandboxServer.url,
    demo,
    async activateDemo(token = team.tokens.admin) {
      const res = await request("POST", "/integration/activate", { token, body: demo })
      if (res.status !== 200) throw new Error(`activating the demo firm answered ${res.status}: ${res.text}`)
    },
    clock,
    dataDir,
    secrets,
    async close() {
      await server.close()
      await sandbox.close()
      // The database files (main, WAL) must not hold a credential in plaintext either.
      const dbFiles = readdirSync(dataDir)
        .filter((f) => f.startsWith("cogsync.db"))
        .map((f) => readFileSync(path.join(dataDir, f)).toString("latin1"))
      rmSync(dataDir, { recursive: true, force: true })
      const leaks = findLeaks(secrets, { responses: transcript, logs, databaseFiles: dbFiles })
      if (leaks.length) throw new Error(`Secrets leaked:\n${leaks.join("\n")}`)
    },
  }
}
