// The reliability suite's server: the real `startServer` (same Hono stack, migrations, auth,
// validators, sync worker) with requests sent in-process through `app.fetch` for speed (or over
// loopback HTTP when asked), logs captured at `trace`, and Clockwork pointed at an in-process
// sandbox behind a recorder. The recorder sees every request the server sends toward Clockwork;
// one for any origin but the configured Clockwork URL, or any path outside `/v3.0/<firm>/`, is
// refused and recorded as a violation (and `close()` fails the test).
import { randomBytes } from "node:crypto"
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import {
  DEMO_SEED,
  createClockworkClient,
  createSandbox,
  type ClockworkClientOptions,
  type ClockworkCredentials,
  type Sandbox,
} from "../../../../server/clockwork/index"
import type { LogLevel } from "../../../../server/env"
import { startServer, type RunningServer, type StartServerOptions } from "../../../../server/start-server"
import { makeTeamFixture, type TeamFixture } from "../../helpers/test-server"
import { LeakScanner, activationBody, makeCanaries, type CanaryCredentials } from "./leaks"

/** The Clockwork base URL the server is configured with (never resolved: the recorder answers in-process). */
export const CLOCKWORK_URL = "http://clockwork.reliability.test"
const CLOCKWORK_ORIGIN = new URL(CLOCKWORK_URL).origin
/** Every path the client may call: `/v3.0/<firm>/…` with a valid firm. */
export const CLOCKWORK_PATH = /^\/v3\.0\/[a-z0-9][a-z0-9-]{0,62}\//

export interface OutgoingRequest {
  method: string
  url: string
}

export interface HarnessResponse<T = unknown> {
  status: number
  headers: Headers
  /** Parsed JSON when the response says JSON and parses, else the text. */
  body: T
  text: string
  /** Status, headers and body (not the request), for leak scans. */
  transcript: string
}

export interface HarnessRequest {
  /** Bearer token; default the first team's admin. `null`: no Authorization header. */
  token?: string | null
  /** Sent as JSON (Content-Type application/json unless `contentType` says otherwise). */
  json?: unknown
  /** Sent as-is. */
  raw?: string | Uint8Array
  /** Content-Type header; `null` sends none. */
  contentType?: string | null
  headers?: Record<string, string>
  /** "inprocess" (default): `app.fetch`; "http": a real loopback request. */
  via?: "inprocess" | "http"
}

export interface HarnessOptions {
  /** "memory" (default) or "file": a temp directory whose database files can be scanned. */
  storage?: "memory" | "file"
  /** Reuse a database file (with `secretKey`), e.g. to restart on a tampered database. */
  databasePath?: string
  secretKey?: string
  logLevel?: LogLevel
  /** Activate team A with canary credentials (default true); team B gets its own canaries. */
  activate?: boolean
  /** Answers Clockwork requests instead of (or before) the sandbox. */
  clockwork?: (req: Request, sandbox: (req: Request) => Promise<Response>) => Promise<Response>
  /** Extra client options (e.g. a short timeout). */
  clientOptions?: Partial<ClockworkClientOptions>
  /** Sync engine knobs (e.g. a fast pace), passed to startServer. */
  sync?: StartServerOptions["sync"]
}

export interface Harness {
  server: RunningServer
  sandbox: Sandbox
  team: TeamFixture
  otherTeam: TeamFixture
  /** Canary credentials of each team's firm (seeded in the sandbox). */
  canaries: { team: CanaryCredentials; otherTeam: CanaryCredentials }
  /** Finds any canary (in any encoding) in a text. */
  scanner: LeakScanner
  logs: string[]
  outgoing: OutgoingRequest[]
  /** Outgoing requests refused because they left the configured Clockwork URL. */
  violations: OutgoingRequest[]
  dataDir: string | undefined
  databasePath: string
  secretKey: string
  request<T = unknown>(method: string, urlPath: string, opts?: HarnessRequest): Promise<HarnessResponse<T>>
  /** A digest of every row of every table: equal digests mean nothing was written. */
  dbFingerprint(): string
  /** Contents of the database files (main, -wal, -shm) as latin1 text; empty for in-memory storage. */
  dbFiles(): Record<string, string>
  close(): Promise<void>
}

/** The body as text; of an event stream only the first chunk (streams may stay open for minutes). */
async function readBody(res: Response): Promise<string> {
  if (!(res.headers.get("content-type") ?? "").startsWith("text/event-stream") || !res.body) return res.text()
  const reader = res.body.getReader()
  const first = await reader.read()
  await reader.cancel()
  return first.value ? new TextDecoder().decode(first.value) : ""
}

/** Seeds a firm like the demo firm (people, statuses, projects) under canary credentials. */
function seedCanaryFirm(sandbox: Sandbox, firm: string): CanaryCredentials {
  const canaries = makeCanaries(firm)
  sandbox.seedFirm({ ...DEMO_SEED, ...canaries })
  return canaries
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const logs: string[] = []
  const outgoing: OutgoingRequest[] = []
  const violations: OutgoingRequest[] = []
  const dataDir = opts.storage === "file" && !opts.databasePath ? mkdtempSync(path.join(tmpdir(), "cogsync-reliability-")) : undefined
  const databasePath = opts.databasePath ?? (dataDir ? path.join(dataDir, "cogsync.db") : ":memory:")
  const secretKey = opts.secretKey ?? randomBytes(32).toString("base64")

  const sandbox = createSandbox({ seed: 7 })
  const canaries = { team: seedCanaryFirm(sandbox, "northwind-canary"), otherTeam: seedCanaryFirm(sandbox, "globex-canary") }
  const sandboxFetch = async (req: Request) => sandbox.app.fetch(req)

  const recorder = async (req: Request): Promise<Response> => {
    const entry = { method: req.method, url: req.url }
    outgoing.push(entry)
    const url = new URL(req.url)
    if (url.origin !== CLOCKWORK_ORIGIN || !CLOCKWORK_PATH.test(url.pathname)) {
      violations.push(entry)
      throw new TypeError("blocked by the reliability harness: not the configured Clockwork URL")
    }
    return opts.clockwork ? opts.clockwork(req, sandboxFetch) : sandboxFetch(req)
  }

  const server = await startServer({
    databasePath,
    secretKey,
    clockworkApiUrl: CLOCKWORK_URL,
    logLevel: opts.logLevel ?? "trace",
    logDestination: { write: (line: string) => void logs.push(line) },
    ...(opts.sync ? { sync: opts.sync } : {}),
    // NOTE: a factory may be handed client hooks (the sync engine's pacing); they are kept, but the
    // recorder always stays the transport.
    clockwork: (credentials: ClockworkCredentials, hooks?: Partial<ClockworkClientOptions>) =>
      createClockworkClient({
        sleep: async () => {},
        timeoutMs: 2_000,
        ...hooks,
        ...opts.clientOptions,
        baseUrl: CLOCKWORK_URL,
        credentials,
        fetch: recorder,
      }),
  })

  const team = makeTeamFixture(server.db, server.context.clock, "Northwind")
  const otherTeam = makeTeamFixture(server.db, server.context.clock, "Globex")
  const scanner = new LeakScanner([canaries.team, canaries.otherTeam])

  async function request<T = unknown>(method: string, urlPath: string, ropts: HarnessRequest = {}): Promise<HarnessResponse<T>> {
    const headers = new Headers(ropts.headers)
    const token = ropts.token === undefined ? team.tokens.admin : ropts.token
    if (token !== null) headers.set("authorization", `Bearer ${token}`)
    let body: string | Uint8Array | undefined
    if (ropts.json !== undefined) {
      body = JSON.stringify(ropts.json)
      if (ropts.contentType === undefined) headers.set("content-type", "application/json")
    } else if (ropts.raw !== undefined) body = ropts.raw
    if (ropts.contentType !== undefined && ropts.contentType !== null) headers.set("content-type", ropts.contentType)
    const init: RequestInit = { method, headers, ...(body !== undefined ? { body: body as BodyInit } : {}) }
    const res = ropts.via === "http" ? await fetch(`${server.url}${urlPath}`, init) : await server.app.fetch(new Request(`http://cogsync.local${urlPath}`, init))
    const text = await readBody(res)
    let parsed: unknown = text
    if ((res.headers.get("content-type") ?? "").includes("application/json") && text) {
      try {
        parsed = JSON.parse(text)
      } catch {
        parsed = text
      }
    }
    const transcript = `HTTP ${res.status}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n\n${text}`
    return { status: res.status, headers: res.headers, body: parsed as T, text, transcript }
  }

  if (opts.activate !== false) {
    for (const [fixture, creds] of [
      [team, canaries.team],
      [otherTeam, canaries.otherTeam],
    ] as const) {
      const res = await request("POST", "/integration/activate", { token: fixture.tokens.admin, json: activationBody(creds) })
      if (res.status !== 200) throw new Error(`activating ${creds.firm} answered ${res.status}: ${res.text}`)
    }
  }

  const sqlite = server.db.$client
  return {
    server,
    sandbox,
    team,
    otherTeam,
    canaries,
    scanner,
    logs,
    outgoing,
    violations,
    dataDir,
    databasePath,
    secretKey,
    request,
    dbFingerprint() {
      const tables = sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]
      return JSON.stringify(tables.map(({ name }) => [name, sqlite.prepare(`select * from "${name}"`).raw().all()]))
    },
    dbFiles() {
      if (databasePath === ":memory:") return {}
      const dir = path.dirname(databasePath)
      const base = path.basename(databasePath)
      return Object.fromEntries(
        readdirSync(dir)
          .filter((f) => f.startsWith(base))
          .map((f) => [f, readFileSync(path.join(dir, f)).toString("latin1")]),
      )
    },
    async close() {
      await server.close()
      await sandbox.close()
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
      if (violations.length) {
        throw new Error(`Requests left for somewhere other than the configured Clockwork URL:\n${violations.map((v) => `${v.method} ${v.url}`).join("\n")}`)
      }
    },
  }
}

/** Team A's activation body (canary credentials). */
export function canaryActivation(h: Harness): ReturnType<typeof activationBody> {
  return activationBody(h.canaries.team)
}
