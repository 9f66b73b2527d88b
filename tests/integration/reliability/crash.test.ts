// Crashes (RELIABILITY.md row 6): the server process is killed with SIGKILL again and again at
// random points of a bulk sync, and restarted on the same database each time. After the last
// restart the sync must finish with every contact in Clockwork exactly once (the sandbox's write
// ledger holds exactly one accepted create per contact, and one note per activity), every job
// done, and a database that passes `PRAGMA integrity_check` and `PRAGMA foreign_key_check`.
// Defaults (npm test): 1,000 contacts, 20 kills. COGSYNC_CRASH_KILLS and COGSYNC_CRASH_CONTACTS
// raise them; COGSYNC_CRASH_SEED picks other kill points (the seed is printed).
// The sandbox stays in this process; the server is a real `node` child process.
import { spawn, type ChildProcess } from "node:child_process"
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import path from "node:path"
import { afterAll, beforeAll, expect, it } from "vitest"
import type { BulkSyncProgress, Campaign, OutreachEventInput, SyncStatus } from "@shared/index"
import { DEMO_ACTIVATION, DEMO_FIRM, createSandbox, type Sandbox, type SandboxListener } from "../../../server/clockwork/index"
import { openDatabase } from "../../../server/db/client"
import { systemClock } from "../../../server/services/clock"
import { createTeam } from "../../../server/services/teams"
import { contact, ev } from "../sync/helpers"
import { writeFigures } from "./helpers/figures"
import { DEFAULT_SEED, clockworkProblems, envInt, fastTmpRoot, figuresFile, prng, writesOf } from "./helpers/upstream"

const KILLS = envInt("COGSYNC_CRASH_KILLS", 20, 0)
const CONTACTS = envInt("COGSYNC_CRASH_CONTACTS", 1000)
const SEED = envInt("COGSYNC_CRASH_SEED", DEFAULT_SEED, 0)
/** Every NOTE_EVERY-th contact also gets an email activity (a note), so kills land on notes too. */
const NOTE_EVERY = 4
const root = path.resolve(import.meta.dirname, "../../..")

let sandbox: Sandbox
let listener: SandboxListener
let dataDir: string
let dbPath: string
let token: string
let teamId: string
const secretKey = randomBytes(32).toString("base64")

beforeAll(async () => {
  sandbox = createSandbox({ seed: 3 })
  sandbox.seedDemoFirm()
  listener = await sandbox.listen(0)
  dataDir = mkdtempSync(path.join(fastTmpRoot(), "cogsync-crash-"))
  dbPath = path.join(dataDir, "cogsync.db")
  const db = openDatabase(dbPath)
  const created = createTeam(db, systemClock, { name: "Crash Test", adminName: "Ada Admin" })
  token = created.token
  teamId = created.team.id
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
      // Several requests in flight, so a kill often interrupts more than one.
      CLOCKWORK_MAX_IN_FLIGHT: "4",
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

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

it(
  `finishes a bulk sync of ${CONTACTS} contacts with none lost and none duplicated after ${KILLS} SIGKILLs (seed ${SEED})`,
  async () => {
    console.log(`crash drill: ${CONTACTS} contacts, ${KILLS} SIGKILLs, seed ${SEED} (COGSYNC_CRASH_SEED=${SEED} replays these kill points)`)
    const started = Date.now()
    const random = prng(SEED)
    let child = await startChild()
    const activated = await call(child, "POST", "/integration/activate", DEMO_ACTIVATION)
    expect(activated.status).toBe(200)
    const settings = { adding: { addPersonWhen: "replied" }, defaults: { tags: ["Outreach"] }, notes: { createFrom: ["email"], typeMapping: { email: "nt-email" } } }
    expect((await call(child, "PATCH", "/settings", settings)).status).toBe(200)
    const campaign = (await call<Campaign>(child, "POST", "/campaigns", { name: "Crash drill", options: { tags: ["Engineering"] } })).body
    const people = Array.from({ length: CONTACTS }, (_, i) => contact(`crash-${i}`, { phones: [`+1 555 ${String(i).padStart(7, "0")}`] }))
    const send = async (events: OutreachEventInput[]) => {
      for (let i = 0; i < events.length; i += 500) expect((await call(child, "POST", "/events", events.slice(i, i + 500))).status).toBe(202)
    }
    await send(people.map((c) => ev.added(c, campaign.id)))
    // Every write takes a few ms, so kills often land while a request is in flight.
    sandbox.setFaults(DEMO_FIRM.firm, { latencyMs: 3, methods: ["POST"] })
    expect((await call(child, "POST", `/campaigns/${campaign.id}/sync`)).status).toBe(202)
    // Activities queue behind each person's push, so notes are written all through the run.
    const activities = people.map((c, i) => (i % NOTE_EVERY === 0 ? ev.activity(c, "email", `Hello ${c.name}`, campaign.id) : undefined))
    await send(activities.filter((a): a is OutreachEventInput => a !== undefined))

    // Kill points: a random request count within each of KILLS equal slices of the requests the
    // sync needs (6 per create, 2 per note), then a random 0-3 ms more; so kills spread over the
    // whole run and land before, during and after requests.
    const expectedRequests = CONTACTS * 6 + Math.ceil(CONTACTS / NOTE_EVERY) * 2
    const killedAt: number[] = []
    let restartMs = 0
    for (let k = 0; k < KILLS; k++) {
      const target = Math.max(sandbox.stats(DEMO_FIRM.firm).requests + 1, Math.floor(((k + random()) * expectedRequests) / KILLS))
      const deadline = Date.now() + 30_000
      while (sandbox.stats(DEMO_FIRM.firm).requests < target && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve))
      await tick(Math.floor(random() * 4))
      killedAt.push(sandbox.stats(DEMO_FIRM.firm).requests)
      child.process.kill("SIGKILL")
      await child.exited
      const restarting = Date.now()
      child = await startChild()
      restartMs += Date.now() - restarting
    }
    const lastKillMs = Date.now() - started

    // After the last restart: wait until nothing is pending (checked every 100 ms), then stop cleanly.
    const deadline = Date.now() + 60_000 + CONTACTS * 100
    let status: SyncStatus | undefined
    for (;;) {
      status = (await call<SyncStatus>(child, "GET", "/sync/status")).body
      if ((status.counts.pending === 0 && status.counts.running === 0) || Date.now() > deadline) break
      await tick(100)
    }
    const progress = await fetch(`${child.url}/campaigns/${campaign.id}/sync/progress?once=true`, { headers: { authorization: `Bearer ${token}` } })
    const run = JSON.parse(/data: (.*)/.exec(await progress.text())![1]!) as BulkSyncProgress
    child.process.kill("SIGTERM")
    expect(await child.exited).toBe(0)
    const notes = activities.filter(Boolean).length
    expect(run).toMatchObject({ total: CONTACTS, done: CONTACTS, failed: 0, pending: 0 })
    expect(status.counts).toMatchObject({ pending: 0, running: 0, paused: 0, failed: 0, dead: 0, done: 2 * CONTACTS + notes })

    // Clockwork: every contact exactly once (by LinkedIn slug, email and name), created by exactly
    // one accepted POST /people, with each contact detail once; every note exactly once.
    expect(clockworkProblems(sandbox, DEMO_FIRM.firm, teamId, people, activities)).toEqual({ lost: [], duplicated: [], createdThoughRefused: [], noteProblems: [] })
    expect({ personCreates: writesOf(sandbox, DEMO_FIRM.firm, "person.create"), noteCreates: writesOf(sandbox, DEMO_FIRM.firm, "note.create") }).toEqual({ personCreates: CONTACTS, noteCreates: notes })
    const doubledDetails = Object.values(sandbox.state(DEMO_FIRM.firm)!.people)
      .filter((p) => p.name.startsWith("crash Person"))
      .filter((p) => p.linkedinUrls.length !== 1 || p.emails.length !== 1 || p.phoneNumbers.length !== 1)
      .map((p) => p.name)
    expect(doubledDetails).toEqual([])
    expect(sandbox.stats(DEMO_FIRM.firm).violations).toBe(0)

    // The database: intact, every event with exactly one job, every job done.
    const db = openDatabase(dbPath, { migrate: false })
    let recovered: number
    try {
      expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok")
      expect(db.$client.pragma("foreign_key_check")).toEqual([])
      const orphans = db.$client.prepare("select count(*) as n from events e where (select count(*) from jobs j where j.team_id = e.team_id and j.event_id = e.event_id) <> 1").get() as { n: number }
      expect(orphans.n).toBe(0)
      const states = db.$client.prepare("select state, count(*) as n from jobs group by state").all()
      expect(states).toEqual([{ state: "done", n: 2 * CONTACTS + notes }])
      recovered = (db.$client.prepare("select count(*) as n from jobs where reason like '%answer was lost%'").get() as { n: number }).n
    } finally {
      db.$client.close()
    }
    const isDefault = CONTACTS === 1000 && KILLS === 20 && SEED === DEFAULT_SEED
    writeFigures(figuresFile("crash", `${CONTACTS}x${KILLS}-seed${SEED}`, isDefault), "SIGKILL during a bulk sync", {
      contacts: CONTACTS,
      kills: KILLS,
      seed: SEED,
      notes,
      killedAtRequest: killedAt,
      createsRecovered: recovered,
      clockworkRequests: sandbox.stats(DEMO_FIRM.firm).requests,
      personCreates: writesOf(sandbox, DEMO_FIRM.firm, "person.create"),
      noteCreates: writesOf(sandbox, DEMO_FIRM.firm, "note.create"),
      durationMs: Date.now() - started,
      lastKillMs,
      restartMs,
    })
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
    while (!second.output().includes("another worker runs on this database") && Date.now() < deadline) await tick(50)
    expect(second.output()).toContain("another worker runs on this database; standing by")
    const activation = DEMO_ACTIVATION
    expect((await call(second, "POST", "/integration/activate", activation, bearer)).status).toBe(200)
    await call(second, "PATCH", "/settings", { adding: { addPersonWhen: "added_to_campaign" } }, bearer)
    const before = contact("two-servers-a")
    const after = contact("two-servers-b")
    const creates = () => sandbox.ledger(DEMO_FIRM.firm).filter((e) => e.kind === "person.create" && /two servers/i.test(JSON.stringify(e.body))).length
    expect((await call(second, "POST", "/events", ev.added(before), bearer)).status).toBe(202)
    const until = async (n: number) => {
      const stop = Date.now() + 20_000
      while (creates() < n && Date.now() < stop) await tick(50)
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
