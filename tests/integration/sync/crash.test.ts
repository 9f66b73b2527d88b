// The server process is killed (SIGKILL) again and again in the middle of a bulk sync and
// restarted on the same database; the sync must still finish with every contact in Clockwork
// exactly once and an intact database. COGSYNC_CRASH_KILLS and COGSYNC_CRASH_CONTACTS raise the
// numbers (defaults keep `npm test` quick); COGSYNC_CRASH_SEED picks other kill points.
import { spawn, type ChildProcess } from "node:child_process"
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterAll, beforeAll, expect, it } from "vitest"
import type { BulkSyncProgress, Campaign } from "@shared/index"
import { DEMO_FIRM, createSandbox, type Sandbox, type SandboxListener } from "../../../server/clockwork/index"
import { openDatabase } from "../../../server/db/client"
import { systemClock } from "../../../server/services/clock"
import { createTeam } from "../../../server/services/teams"
import { contact, ev } from "./helpers"

const KILLS = Number(process.env.COGSYNC_CRASH_KILLS ?? 5)
const CONTACTS = Number(process.env.COGSYNC_CRASH_CONTACTS ?? 200)
const SEED = Number(process.env.COGSYNC_CRASH_SEED ?? 20261204)
const root = path.resolve(import.meta.dirname, "../../..")

/** mulberry32: the kill points are random but repeatable for a seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

let sandbox: Sandbox
let listener: SandboxListener
let dataDir: string
let dbPath: string
let token: string
const secretKey = randomBytes(32).toString("base64")

beforeAll(async () => {
  sandbox = createSandbox({ seed: 3 })
  sandbox.seedDemoFirm()
  listener = await sandbox.listen(0)
  dataDir = mkdtempSync(path.join(tmpdir(), "cogsync-crash-"))
  dbPath = path.join(dataDir, "cogsync.db")
  const db = openDatabase(dbPath)
  token = createTeam(db, systemClock, { name: "Crash Test", adminName: "Ada Admin" }).token
  db.$client.close()
})

afterAll(async () => {
  await sandbox.close()
  rmSync(dataDir, { recursive: true, force: true })
})

interface Child {
  process: ChildProcess
  url: string
  exited: Promise<number | null>
  /** Everything it printed so far. */
  output: () => string
}

/**
 * Starts `node --import tsx server/index.ts` on the database; resolves with its URL once it
 * listens. NOTE: not the `tsx` CLI, which runs the server in a grandchild that survives a SIGKILL.
 */
async function startChild(database = dbPath): Promise<Child> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_PATH: database,
      CLOCKWORK_API_URL: listener.url,
      COGSYNC_SECRET_KEY: secretKey,
      LOG_LEVEL: "info",
      SYNC_POLL_INTERVAL_MS: "20",
      SYNC_BACKOFF_BASE_MS: "10",
      SYNC_BACKOFF_MAX_MS: "200",
      CLOCKWORK_RATE_PER_SECOND: "2000",
      CLOCKWORK_BURST: "200",
      CLOCKWORK_TIMEOUT_MS: "3000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  })
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
  let out = ""
  let err = ""
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${err || out}`)), 30_000)
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()))
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString()
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)".*cogsync server listening|cogsync server listening.*"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve((m[1] ?? m[2])!)
      }
    })
    void exited.then((code) => reject(new Error(`the server exited (${code}) before listening: ${err || out}`)))
  })
  return { process: child, url, exited, output: () => out + err }
}

async function call<T>(child: Child, method: string, url: string, body?: unknown, bearer = token): Promise<{ status: number; body: T }> {
  const res = await fetch(`${child.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  const text = await res.text()
  return { status: res.status, body: (text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : text) as T }
}

it(
  `finishes a bulk sync of ${CONTACTS} contacts with none lost and none duplicated after ${KILLS} SIGKILLs`,
  async () => {
    const random = prng(SEED)
    let child = await startChild()
    const activated = await call(child, "POST", "/integration/activate", {
      apiKey: DEMO_FIRM.apiKey,
      apiSecret: DEMO_FIRM.apiSecret,
      subdomain: DEMO_FIRM.firm,
      serviceKey: DEMO_FIRM.serviceKey,
    })
    expect(activated.status).toBe(200)
    expect((await call(child, "PATCH", "/settings", { adding: { addPersonWhen: "replied" }, defaults: { tags: ["Outreach"] } })).status).toBe(200)
    const campaign = (await call<Campaign>(child, "POST", "/campaigns", { name: "Crash drill", options: { tags: ["Engineering"] } })).body
    const people = Array.from({ length: CONTACTS }, (_, i) => contact(`crash-${i}`, { phones: [`+1 555 01${String(i).padStart(4, "0")}`] }))
    for (let i = 0; i < people.length; i += 500) {
      const res = await call(child, "POST", "/events", people.slice(i, i + 500).map((c) => ev.added(c, campaign.id)))
      expect(res.status).toBe(202)
    }
    // Every write takes a few ms, so kills often land while a request is in flight.
    sandbox.setFaults(DEMO_FIRM.firm, { latencyMs: 3, methods: ["POST"] })
    expect((await call(child, "POST", `/campaigns/${campaign.id}/sync`)).status).toBe(202)

    const expectedRequests = CONTACTS * 6
    for (let k = 0; k < KILLS; k++) {
      const from = sandbox.stats(DEMO_FIRM.firm).requests
      const target = from + 1 + Math.floor(random() * (expectedRequests / (KILLS + 1)))
      const deadline = Date.now() + 20_000
      while (sandbox.stats(DEMO_FIRM.firm).requests < target && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve))
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 4)))
      child.process.kill("SIGKILL")
      await child.exited
      child = await startChild()
    }

    const deadline = Date.now() + 60_000 + CONTACTS * 100
    let progress: BulkSyncProgress | undefined
    for (;;) {
      const res = await fetch(`${child.url}/campaigns/${campaign.id}/sync/progress?once=true`, { headers: { authorization: `Bearer ${token}` } })
      const data = /data: (.*)/.exec(await res.text())?.[1]
      progress = data ? (JSON.parse(data) as BulkSyncProgress) : undefined
      if (progress?.pending === 0 || Date.now() > deadline) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    child.process.kill("SIGTERM")
    expect(await child.exited).toBe(0)
    expect(progress).toMatchObject({ total: CONTACTS, done: CONTACTS, failed: 0, pending: 0 })

    // Clockwork: every contact exactly once, created exactly once, with its details.
    const state = sandbox.state(DEMO_FIRM.firm)!
    const byName = new Map<string, number>()
    for (const p of Object.values(state.people)) byName.set(p.name, (byName.get(p.name) ?? 0) + 1)
    const lost = people.filter((c) => !byName.has(c.name)).map((c) => c.name)
    const duplicated = people.filter((c) => (byName.get(c.name) ?? 0) > 1).map((c) => c.name)
    expect({ lost, duplicated }).toEqual({ lost: [], duplicated: [] })
    expect(sandbox.ledger(DEMO_FIRM.firm).filter((e) => e.kind === "person.create")).toHaveLength(CONTACTS)
    for (const p of Object.values(state.people).filter((x) => x.name.includes("crash"))) {
      expect(p.linkedinUrls, p.name).toHaveLength(1)
      expect(p.emails, p.name).toHaveLength(1)
      expect(p.phoneNumbers, p.name).toHaveLength(1)
    }
    expect(sandbox.stats(DEMO_FIRM.firm).violations).toBe(0)

    // The database: intact, every job finished.
    const db = openDatabase(dbPath, { migrate: false })
    try {
      expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok")
      const states = db.$client.prepare("select state, count(*) as n from jobs group by state").all()
      expect(states).toEqual([{ state: "done", n: CONTACTS * 2 }])
    } finally {
      db.$client.close()
    }
  },
  90_000 + KILLS * 6_000 + CONTACTS * 150,
)

it("keeps a second server on the same database standing by until the first one dies", async () => {
  const db2 = path.join(dataDir, "second.db")
  const db = openDatabase(db2)
  const bearer = createTeam(db, systemClock, { name: "Two servers", adminName: "Ada Admin" }).token
  db.$client.close()
  const first = await startChild(db2)
  const second = await startChild(db2)
  try {
    const deadline = Date.now() + 10_000
    while (!second.output().includes("another worker runs on this database") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(second.output()).toContain("another worker runs on this database; standing by")
    const activation = { apiKey: DEMO_FIRM.apiKey, apiSecret: DEMO_FIRM.apiSecret, subdomain: DEMO_FIRM.firm, serviceKey: DEMO_FIRM.serviceKey }
    expect((await call(second, "POST", "/integration/activate", activation, bearer)).status).toBe(200)
    await call(second, "PATCH", "/settings", { adding: { addPersonWhen: "added_to_campaign" } }, bearer)
    const before = contact("two-servers-a")
    const after = contact("two-servers-b")
    const creates = () => sandbox.ledger(DEMO_FIRM.firm).filter((e) => e.kind === "person.create" && /two servers/i.test(JSON.stringify(e.body))).length
    expect((await call(second, "POST", "/events", ev.added(before), bearer)).status).toBe(202)
    const until = async (n: number) => {
      const stop = Date.now() + 20_000
      while (creates() < n && Date.now() < stop) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    await until(1)
    first.process.kill("SIGKILL")
    await first.exited
    expect((await call(second, "POST", "/events", ev.added(after), bearer)).status).toBe(202)
    await until(2)
    expect(creates()).toBe(2)
    const names = Object.values(sandbox.state(DEMO_FIRM.firm)!.people).map((p) => p.name)
    expect(names.filter((n) => n === before.name || n === after.name).sort()).toEqual([before.name, after.name].sort())
  } finally {
    first.process.kill("SIGKILL")
    second.process.kill("SIGTERM")
    await Promise.all([first.exited, second.exited])
  }
})
