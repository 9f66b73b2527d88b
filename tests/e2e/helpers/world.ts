// The real back end for an end-to-end file: a Clockwork sandbox on its own loopback port with the
// demo firm, and the Cogsync server (startServer: temp SQLite file and key file, the sync worker
// running) pointed at it, with a team of one admin and one recruiter. The server can be stopped
// and started again on the same port and database, as an outage would.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import type { TeamSettingsPatch } from "@shared/index"
import { DEMO_FIRM, DEMO_SEED, createSandbox, type ClockworkCredentials, type LedgerEntry, type Sandbox, type SandboxListener } from "../../../server/clockwork/index"
import { systemClock } from "../../../server/services/clock"
import { createTeam, createUser } from "../../../server/services/teams"
import { startServer, type RunningServer } from "../../../server/start-server"

/** The credentials an admin types at activation (the firm is the demo firm's). */
type TypedCredentials = Omit<ClockworkCredentials, "firm">

export interface ApiResponse<T = unknown> {
  status: number
  body: T
}

export interface E2eWorld {
  sandbox: Sandbox
  /** The demo firm's credentials in this sandbox (the public demo ones unless told otherwise). */
  credentials: ClockworkCredentials
  /** e.g. http://127.0.0.1:43123 (stays the same across restarts). */
  url: string
  server(): RunningServer
  teamId: string
  admin: { name: string; token: string }
  recruiter: { name: string; token: string }
  /** Calls the server's API (as the admin unless told otherwise). */
  api<T = unknown>(method: string, pathAndQuery: string, body?: unknown, token?: string): Promise<ApiResponse<T>>
  settings(patch: TeamSettingsPatch): Promise<void>
  /** Waits until the sync worker has no pending or running job. */
  drain(): Promise<void>
  /** Rows of the server's database (read-only checks). */
  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): T[]
  /** The sandbox's write ledger for the demo firm (of one kind, when given). */
  ledger(kind?: string): LedgerEntry[]
  /** Access-log lines (`METHOD /path -> status`) of every request the server answered. */
  requests(): string[]
  stopServer(): Promise<void>
  startServerAgain(): Promise<void>
  close(): Promise<void>
}

/** Engine knobs for a quick run: no pacing worth the name against the loopback sandbox. */
const E2E_SYNC = { pollIntervalMs: 50, ratePerSecond: 500, burst: 100, backoffBaseMs: 50, backoffMaxMs: 500, clientTimeoutMs: 5000 }

export async function startE2eWorld(opts: { credentials?: TypedCredentials } = {}): Promise<E2eWorld> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cogsync-e2e-"))
  const credentials = { firm: DEMO_FIRM.firm, ...(opts.credentials ?? { apiKey: DEMO_FIRM.apiKey, apiSecret: DEMO_FIRM.apiSecret, serviceKey: DEMO_FIRM.serviceKey }) }
  const sandbox = createSandbox({ seed: 7 })
  sandbox.seedFirm({ ...DEMO_SEED, ...credentials })
  const listener: SandboxListener = await sandbox.listen(0)
  const logLines: string[] = []
  const options = {
    databasePath: path.join(dataDir, "cogsync.db"),
    secretKeyFile: path.join(dataDir, "secret.key"),
    clockworkApiUrl: listener.url,
    logLevel: "info" as const,
    logDestination: { write: (line: string) => void logLines.push(line) },
    sync: E2E_SYNC,
  }
  let server = await startServer(options)
  const port = server.port
  const url = server.url
  let running = true

  const team = createTeam(server.db, systemClock, { name: "Demo Recruiting", adminName: "Ada Admin", adminEmail: "ada@example.com" })
  const recruiter = createUser(server.db, systemClock, team.team.id, { name: "Riley Recruiter", email: "riley@example.com", role: "recruiter" })

  const world: E2eWorld = {
    sandbox,
    credentials,
    url,
    server: () => server,
    teamId: team.team.id,
    admin: { name: "Ada Admin", token: team.token },
    recruiter: { name: "Riley Recruiter", token: recruiter.token },
    async api<T>(method: string, pathAndQuery: string, body?: unknown, token = team.token) {
      const res = await fetch(`${url}${pathAndQuery}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      })
      const text = await res.text()
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T }
    },
    async settings(patch) {
      const res = await world.api("PATCH", "/settings", patch)
      if (res.status !== 200) throw new Error(`PATCH /settings answered ${res.status}: ${JSON.stringify(res.body)}`)
    },
    drain: () => server.context.sync.drain({ timeoutMs: 30_000 }),
    sql: (query, ...params) => server.db.$client.prepare(query).all(...params) as never,
    ledger: (kind) => sandbox.ledger(credentials.firm).filter((e) => !kind || e.kind === kind),
    requests: () =>
      logLines.flatMap((line) => {
        const entry = JSON.parse(line) as { msg?: string; method?: string; path?: string; status?: number }
        return entry.msg === "request" ? [`${entry.method} ${entry.path} -> ${entry.status}`] : []
      }),
    async stopServer() {
      if (!running) return
      running = false
      await server.close()
    },
    async startServerAgain() {
      if (running) return
      server = await startServer({ ...options, port })
      running = true
    },
    async close() {
      if (running) await server.close()
      running = false
      await sandbox.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return world
}
