// A Cogsync server with its sync worker, for the sync engine's tests: the real startServer (temp
// database through the migrations, real HTTP on loopback) pointed at a Clockwork sandbox listening
// on its own loopback port, with fast engine knobs. Every response is checked against the route
// table; `close()` fails the test when a Clockwork credential shows up in a response or log line.
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { type Campaign, type OutreachEventInput, type ProfileCaptureInput, type SyncLog, type SyncStatus, type TeamSettingsPatch } from "@shared/index"
import { DEMO_ACTIVATION, DEMO_FIRM, createClockworkClient, createSandbox, type LedgerEntry, type Sandbox } from "../../../server/clockwork/index"
import { checkContract, findLeaks } from "../helpers/test-server"
import { systemClock } from "../../../server/services/clock"
import { createTeam } from "../../../server/services/teams"
import { startServer, type RunningServer } from "../../../server/start-server"
import type { SyncEngineOptions } from "../../../server/sync/engine"

/** Knobs that keep the tests quick: no real waiting unless Clockwork asks for it. */
export const FAST_KNOBS: SyncEngineOptions = {
  pollIntervalMs: 20,
  backoffBaseMs: 10,
  backoffMaxMs: 100,
  ratePerSecond: 2000,
  burst: 200,
  clientTimeoutMs: 1000,
  clientBackoffBaseMs: 2,
  clientBackoffMaxMs: 20,
  circuitBaseMs: 20,
  circuitMaxMs: 200,
}

export interface Res<T = unknown> {
  status: number
  body: T
  text: string
  headers: Headers
}

export interface SyncWorld {
  server: RunningServer
  sandbox: Sandbox
  sandboxUrl: string
  teamId: string
  token: string
  /** A second team (same firm, its own credentials) for isolation checks. */
  other: { teamId: string; token: string }
  request<T = unknown>(method: string, url: string, body?: unknown, token?: string | null): Promise<Res<T>>
  /** Activates the demo firm for the first team (or `token`'s team). */
  activate(token?: string): Promise<void>
  /** Patches the first team's settings (or `token`'s team's). */
  settings(patch: TeamSettingsPatch, token?: string): Promise<void>
  /** Creates a campaign of the first team (or `token`'s team). */
  campaign(name: string, options?: Record<string, unknown>, token?: string): Promise<Campaign>
  /** POSTs events (one or a list); throws unless 202. */
  send(events: OutreachEventInput | OutreachEventInput[], token?: string): Promise<void>
  /** Waits until no job is pending or running. */
  drain(timeoutMs?: number): Promise<void>
  log(personKey: string): Promise<SyncLog>
  status(token?: string): Promise<SyncStatus>
  /** The sandbox's write ledger of the demo firm since the world started (or since `mark()`). */
  writes(kind?: string): LedgerEntry[]
  /** Forgets earlier writes for `writes()`. */
  mark(): void
  /** Every log line and response so far. */
  logs: string[]
  transcript: string[]
  close(): Promise<void>
}

const SECRETS = [DEMO_FIRM.apiKey, DEMO_FIRM.apiSecret, DEMO_FIRM.serviceKey]

/**
 * A clock that runs with real time but skips every wait made through its `sleep`: virtual time
 * jumps ahead instead. Shared by the sandbox (`now`) and the engine (clock, sleep), a Retry-After
 * of a second costs no real time, yet both sides agree on when it has passed.
 */
export class WarpClock {
  offset = 0
  readonly now = () => Date.now() + this.offset
  readonly date = () => new Date(this.now())
  readonly sleep = async (ms: number) => {
    this.offset += Math.max(0, ms)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

export interface SyncWorldOptions {
  sync?: SyncEngineOptions & { worker?: boolean }
  /** Compressed time for the sandbox and the engine. */
  clock?: WarpClock
  seed?: number
  /** Where the database's temp directory goes (default: the OS temp directory). */
  dataRoot?: string
  /** The Clockwork client's transport (default: fetch to the sandbox's port), e.g. a gate in front of it. */
  fetch?: (req: Request) => Promise<Response>
}

export async function startSyncWorld(opts: SyncWorldOptions = {}): Promise<SyncWorld> {
  const dataDir = mkdtempSync(path.join(opts.dataRoot ?? tmpdir(), "cogsync-sync-"))
  const warp = opts.clock
  const sandbox = createSandbox({ seed: opts.seed ?? 7, ...(warp ? { now: warp.date } : {}) })
  sandbox.seedDemoFirm()
  const listener = await sandbox.listen(0)
  const logs: string[] = []
  const transcript: string[] = []
  const server = await startServer({
    databasePath: path.join(dataDir, "cogsync.db"),
    secretKey: randomBytes(32).toString("base64"),
    clockworkApiUrl: listener.url,
    logDestination: { write: (line: string) => void logs.push(line) },
    logLevel: "debug",
    clockwork: (credentials, hooks) => createClockworkClient({ baseUrl: listener.url, credentials, ...hooks, ...(opts.fetch ? { fetch: opts.fetch } : {}) }),
    sync: { ...FAST_KNOBS, ...opts.sync, ...(warp ? { sleep: warp.sleep } : {}) },
    ...(warp ? { clock: { now: warp.date } } : {}),
  })
  const team = createTeam(server.db, systemClock, { name: "Northwind", adminName: "Ada Admin" })
  const other = createTeam(server.db, systemClock, { name: "Globex", adminName: "Gil Admin" })
  let ledgerMark = 0

  async function request<T>(method: string, url: string, body?: unknown, token: string | null = team.token): Promise<Res<T>> {
    const headers: Record<string, string> = {}
    if (token) headers.authorization = `Bearer ${token}`
    if (body !== undefined) headers["content-type"] = "application/json"
    const res = await fetch(`${server.url}${url}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
    const text = await res.text()
    transcript.push(`${method} ${url} -> ${res.status}\n${text}`)
    const parsed: unknown = (res.headers.get("content-type") ?? "").includes("application/json") && text ? JSON.parse(text) : text
    checkContract(method, url, res.status, parsed)
    return { status: res.status, body: parsed as T, text, headers: res.headers }
  }

  const world: SyncWorld = {
    server,
    sandbox,
    sandboxUrl: listener.url,
    teamId: team.team.id,
    token: team.token,
    other: { teamId: other.team.id, token: other.token },
    request,
    async activate(token = team.token) {
      const res = await request("POST", "/integration/activate", DEMO_ACTIVATION, token)
      if (res.status !== 200) throw new Error(`activation answered ${res.status}: ${res.text}`)
    },
    async settings(patch, token = team.token) {
      const res = await request("PATCH", "/settings", patch, token)
      if (res.status !== 200) throw new Error(`PATCH /settings answered ${res.status}: ${res.text}`)
    },
    async campaign(name, options = {}, token = team.token) {
      const res = await request<Campaign>("POST", "/campaigns", { name, options: { tags: [], ...options } }, token)
      if (res.status !== 201) throw new Error(`POST /campaigns answered ${res.status}: ${res.text}`)
      return res.body
    },
    async send(events, token = team.token) {
      const res = await request("POST", "/events", events, token)
      if (res.status !== 202) throw new Error(`POST /events answered ${res.status}: ${res.text}`)
    },
    drain: (timeoutMs = 60_000) => server.context.sync.drain({ timeoutMs }),
    async log(personKey) {
      return (await request<SyncLog>("GET", `/sync/log?personKey=${encodeURIComponent(personKey)}`)).body
    },
    async status(token = team.token) {
      return (await request<SyncStatus>("GET", "/sync/status", undefined, token)).body
    },
    writes: (kind) => sandbox.ledger(DEMO_FIRM.firm).filter((e) => e.seq > ledgerMark && (!kind || e.kind === kind)),
    mark() {
      ledgerMark = sandbox.ledger(DEMO_FIRM.firm).at(-1)?.seq ?? 0
    },
    logs,
    transcript,
    async close() {
      await server.close()
      await sandbox.close()
      rmSync(dataDir, { recursive: true, force: true })
      const leaks = findLeaks(SECRETS, { transcript, logs })
      if (leaks.length) throw new Error(`Clockwork credentials leaked:\n${leaks.join("\n")}`)
    },
  }
  return world
}

let counter = 0
const now = () => new Date().toISOString()

/** A fresh contact: unique LinkedIn slug, email and name. */
export function contact(label: string, extra: Partial<ProfileCaptureInput> = {}): ProfileCaptureInput & { personKey: string } {
  const slug = `${label}-${process.pid}-${++counter}`.toLowerCase().replace(/[^a-z0-9-]/g, "-")
  return {
    personKey: `li:${slug}`,
    source: "linkedin",
    name: `${label.replace(/[^A-Za-z]/g, " ").trim() || "Test"} Person ${counter}`,
    linkedinUrl: `https://www.linkedin.com/in/${slug}`,
    emails: [`${slug}@example.com`],
    ...extra,
  }
}

/** Builders for events: `ev.added(c, campaignId)`, `ev.replied(c, …)`, … each with a fresh id. */
export const ev = {
  id: (kind: string) => `evt-${kind}-${process.pid}-${++counter}`,
  added: (c: ProfileCaptureInput, campaignId?: string): OutreachEventInput => ({ id: ev.id("added"), type: "added_to_campaign", personKey: c.personKey, ...(campaignId ? { campaignId } : {}), occurredAt: now(), contact: c }),
  activity: (c: ProfileCaptureInput, channel: "email" | "linkedin_message" | "inmail" | "call" | "sms", body: string, campaignId?: string, subject?: string): OutreachEventInput => ({
    id: ev.id("activity"),
    type: "activity",
    channel,
    body,
    ...(subject ? { subject } : {}),
    personKey: c.personKey,
    ...(campaignId ? { campaignId } : {}),
    occurredAt: now(),
    contact: c,
  }),
  replied: (c: ProfileCaptureInput, body = "Happy to talk", campaignId?: string): OutreachEventInput => ({ id: ev.id("replied"), type: "replied", body, personKey: c.personKey, ...(campaignId ? { campaignId } : {}), occurredAt: now(), contact: c }),
  interested: (c: ProfileCaptureInput, campaignId?: string): OutreachEventInput => ({ id: ev.id("interested"), type: "interested", personKey: c.personKey, ...(campaignId ? { campaignId } : {}), occurredAt: now(), contact: c }),
  stage: (c: ProfileCaptureInput, stage: string, campaignId?: string): OutreachEventInput =>
    ({ id: ev.id("stage"), type: "stage_changed", stage, personKey: c.personKey, ...(campaignId ? { campaignId } : {}), occurredAt: now() }) as OutreachEventInput,
  manual: (c: ProfileCaptureInput, fields: Record<string, string>): OutreachEventInput => ({ id: ev.id("manual"), type: "manual_update", fields, personKey: c.personKey, occurredAt: now() }),
  push: (c: ProfileCaptureInput, campaignId?: string): OutreachEventInput => ({ id: ev.id("push"), type: "push_requested", personKey: c.personKey, ...(campaignId ? { campaignId } : {}), occurredAt: now(), contact: c }),
}

/** Sandbox people whose LinkedIn URLs carry this slug. */
export function peopleWithSlug(sandbox: Sandbox, slug: string) {
  const state = sandbox.state(DEMO_FIRM.firm)!
  return Object.values(state.people).filter((p) => p.linkedinUrls.some((l) => l.url.toLowerCase().includes(`/in/${slug.toLowerCase()}`)))
}

/** The sandbox person a contact was synced to (via the ledger entry of its LinkedIn URL). */
export function personOf(sandbox: Sandbox, c: { personKey: string }) {
  const slug = c.personKey.replace(/^li:/, "")
  const found = peopleWithSlug(sandbox, slug)
  return found.length === 1 ? sandbox.person(DEMO_FIRM.firm, found[0]!.id) : undefined
}

export interface SeedSpec {
  name: string
  linkedinUrl?: string
  emails?: string[]
  phones?: string[]
  biography?: string
  position?: { title: string; companyName: string; startYear?: number }
  location?: string
  cvUrl?: string
  doNotContact?: boolean
  tagNames?: string[]
}

/** Creates a person straight in the sandbox (as a recruiter would in Clockwork); returns its id. */
export async function seedPerson(w: SyncWorld, spec: SeedSpec): Promise<string> {
  const client = createClockworkClient({ baseUrl: w.sandboxUrl, credentials: DEMO_FIRM })
  const p = await client.createPerson({
    name: spec.name,
    ...(spec.biography ? { biography: spec.biography } : {}),
    ...(spec.doNotContact ? { doNotContact: true } : {}),
    ...(spec.tagNames ? { tagNames: spec.tagNames } : {}),
  })
  if (spec.linkedinUrl) await client.addLinkedinUrl(p.id, spec.linkedinUrl)
  for (const address of spec.emails ?? []) await client.addEmail(p.id, { address })
  for (const digits of spec.phones ?? []) await client.addPhone(p.id, { digits })
  if (spec.position) await client.addPosition(p.id, spec.position)
  if (spec.location) await client.addAddress(p.id, { city: spec.location })
  if (spec.cvUrl) await client.uploadAttachment(p.id, { url: spec.cvUrl, fileName: "cv.pdf", attachmentType: "resume" })
  return p.id
}

/** A write's body without its resource wrapper (`{ person: {…} }` → `{…}`). */
export function bodyOf<T = Record<string, unknown>>(entry: LedgerEntry): T {
  const body = entry.body as Record<string, unknown>
  const keys = Object.keys(body)
  return (keys.length === 1 && body[keys[0]!] && typeof body[keys[0]!] === "object" ? body[keys[0]!] : body) as T
}
