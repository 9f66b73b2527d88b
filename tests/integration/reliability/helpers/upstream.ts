// Upstream drills (RELIABILITY.md row 5): the sync engine's world (real startServer, real SQLite,
// the Clockwork sandbox on its own loopback port) with a gate in front of Clockwork for what the
// sandbox has no switch for (revoked credentials, a person deleted in Clockwork), cohorts of
// contacts with one `added_to_campaign` and one email activity each, and the checks every drill
// ends with: from the sandbox's state and write ledger, and from the engine's job table.
import { existsSync } from "node:fs"
import { tmpdir } from "node:os"
import { expect } from "vitest"
import { linkedInSlug, type OutreachEventInput, type SyncStatus } from "@shared/index"
import { DEMO_FIRM, DEMO_SEED, type Sandbox } from "../../../../server/clockwork/index"
import { contact, ev, startSyncWorld, type SyncWorld, type SyncWorldOptions } from "../../sync/helpers"
import { mulberry32 } from "../../../../server/clockwork/sandbox/faults"
import { DEFAULT_SEED, envInt, writeFigures } from "./figures"

export { DEFAULT_SEED, envInt }

/** Contacts per drill (COGSYNC_FAULT_CONTACTS, default 500). */
const DEFAULT_FAULT_CONTACTS = 500
export const FAULT_CONTACTS = envInt("COGSYNC_FAULT_CONTACTS", DEFAULT_FAULT_CONTACTS)
/** Seed of the sandbox's fault draws and of every random choice of the drills (COGSYNC_FAULT_SEED). */
export const FAULT_SEED = envInt("COGSYNC_FAULT_SEED", DEFAULT_SEED, 0)

/** mulberry32, the sandbox's own PRNG: random but repeatable for a seed. */
export const prng = mulberry32

/**
 * A RAM-backed temp directory when the machine has one. The database stays a real SQLite file in
 * WAL mode; only its fsyncs cost nothing there (a killed process loses nothing either way: the
 * kernel keeps what was written).
 */
export function fastTmpRoot(): string {
  return existsSync("/dev/shm") ? "/dev/shm" : tmpdir()
}

/** A second firm beside the demo firm, seeded like it under its own credentials. */
export const ACME = { firm: "acme", apiKey: "acme-key-5Tq8Wm2Rx", apiSecret: "acme-secret-9Lk3Vb7Nz", serviceKey: "acme-service-4Hd6Jp1Cy" }

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })

/**
 * Sits between the server's Clockwork client and the sandbox and plays what a Clockwork admin
 * does outside the API: revoking a firm's credentials (every call answers 401, as the sandbox does
 * for a wrong key) and deleting a person (every call on the id answers 404, as the sandbox does
 * for an unknown id). Everything else goes through untouched, over HTTP.
 */
export class ClockworkGate {
  readonly #revoked = new Set<string>()
  readonly #deleted = new Set<string>()
  /** Answers the gate gave instead of Clockwork, per firm. */
  readonly unauthorized = new Map<string, number>()
  readonly notFound = new Map<string, number>()
  /** Requests that got no answer (a reset, a dropped commit, a hang the client gave up on), per route, e.g. `POST people/:id/notes`. */
  readonly unanswered = new Map<string, number>()

  revoke(firm: string): void {
    this.#revoked.add(firm)
  }

  restore(firm: string): void {
    this.#revoked.delete(firm)
  }

  deletePerson(firm: string, personId: string): void {
    this.#deleted.add(`${firm}/${personId}`)
  }

  readonly fetch = async (req: Request): Promise<Response> => {
    const m = /^\/v3\.0\/([^/]+)\/(.*)$/.exec(new URL(req.url).pathname)
    if (m) {
      const firm = m[1]!
      if (this.#revoked.has(firm)) {
        this.unauthorized.set(firm, (this.unauthorized.get(firm) ?? 0) + 1)
        return json(401, { message: "Invalid credentials" })
      }
      const id = /^people\/([^/]+)/.exec(m[2]!)?.[1]
      if (id && this.#deleted.has(`${firm}/${decodeURIComponent(id)}`)) {
        this.notFound.set(firm, (this.notFound.get(firm) ?? 0) + 1)
        return json(404, { message: `Person ${decodeURIComponent(id)} not found` })
      }
    }
    try {
      return await fetch(req)
    } catch (err) {
      const route = `${req.method} ${(m?.[2] ?? "").split("/").map((s) => (/^[a-z_]+$/.test(s) ? s : ":id")).join("/")}`
      this.unanswered.set(route, (this.unanswered.get(route) ?? 0) + 1)
      throw err
    }
  }
}

export interface Drill {
  w: SyncWorld
  gate: ClockworkGate
  /** When the drill started (real time), for the figures. */
  startedAt: number
}

/** The sync world on a RAM-backed database, with the gate as the Clockwork client's transport. */
export async function startDrill(opts: SyncWorldOptions = {}): Promise<Drill> {
  const gate = new ClockworkGate()
  const w = await startSyncWorld({ seed: FAULT_SEED, ...opts, dataRoot: fastTmpRoot(), fetch: gate.fetch })
  return { w, gate, startedAt: Date.now() }
}

export type Contact = ReturnType<typeof contact>

/** One team's contacts in one drill, with the events sent (or to be sent) for them. */
export interface Cohort {
  teamId: string
  token: string
  firm: string
  campaignId: string
  contacts: Contact[]
  added: OutreachEventInput[]
  activities: OutreachEventInput[]
}

/**
 * Activates `token`'s team on `firm` (seeded like the demo firm when it is not the demo firm),
 * sets it to add people on `added_to_campaign` and to note every email (typed), and builds `n`
 * contacts (or takes `contacts`) with their events (nothing sent yet).
 */
export async function prepareCohort(d: Drill, opts: { token?: string; firm?: typeof ACME; n: number; label: string; contacts?: Contact[] }): Promise<Cohort> {
  const { w } = d
  const token = opts.token ?? w.token
  const creds = opts.firm ?? DEMO_FIRM
  if (creds.firm !== DEMO_FIRM.firm && !w.sandbox.hasFirm(creds.firm)) w.sandbox.seedFirm({ ...DEMO_SEED, ...creds })
  const activated = await w.request("POST", "/integration/activate", { apiKey: creds.apiKey, apiSecret: creds.apiSecret, subdomain: creds.firm, serviceKey: creds.serviceKey }, token)
  if (activated.status !== 200) throw new Error(`activation on ${creds.firm} answered ${activated.status}: ${activated.text}`)
  await w.settings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false }, notes: { createFrom: ["email"], typeMapping: { email: "nt-email" } } }, token)
  const campaign = await w.campaign(`${opts.label} drill`, {}, token)
  const me = await w.request<{ team: { id: string } }>("GET", "/me", undefined, token)
  const contacts = opts.contacts ?? Array.from({ length: opts.n }, (_, i) => contact(`${opts.label}-${i}`))
  return {
    teamId: me.body.team.id,
    token,
    firm: creds.firm,
    campaignId: campaign.id,
    contacts,
    added: contacts.map((c) => ev.added(c, campaign.id)),
    activities: contacts.map((c) => ev.activity(c, "email", `Hello ${c.name}, about the role`, campaign.id)),
  }
}

/** POSTs events in batches of 500 (the route's limit). */
export async function sendAll(d: Drill, cohort: Cohort, events: OutreachEventInput[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) await d.w.send(events.slice(i, i + 500), cohort.token)
}

/** Resolves once `test` holds, checking at every job outcome (and at least every 50 ms); rejects after `timeoutMs`. */
export async function until(d: Drill, what: string, test: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await d.w.server.context.sync.changed(50)
  }
}

/** Ledger entries of a kind in a firm. */
export function writesOf(sandbox: Sandbox, firm: string, kind: string): number {
  return sandbox.ledger(firm).filter((e) => e.kind === kind).length
}

export interface Expected {
  /**
   * Contacts Clockwork refuses for good (a 422 on create): never created; both their jobs are
   * dead letters (the activity of a person not in Clockwork tries the create again, and gets the same 422).
   */
  refused?: ReadonlySet<string>
  /** Contacts whose Clockwork person is deleted before their activity: created once; the activity's job is a dead letter. */
  deleted?: ReadonlySet<string>
}

export interface Verified {
  contacts: number
  people: number
  notes: number
  jobs: Record<string, number>
  deadLetters: number
  personCreates: number
  noteCreates: number
}

interface JobRowView {
  eventId: string
  personKey: string
  state: string | null
  reason: string | null
  jobs: number
}

export interface ClockworkProblems {
  lost: string[]
  duplicated: string[]
  createdThoughRefused: string[]
  noteProblems: string[]
}

/**
 * What is wrong in Clockwork (the sandbox's state of `firm`) for these contacts: each must be one
 * person, the same by LinkedIn slug and by email, with no bare record of its name beside it (none
 * of any for a refused contact), and
 * `activities[i]` (when given) must have left exactly one note, found by its marker, on contact i's
 * person (none for a refused or deleted contact).
 */
export function clockworkProblems(
  sandbox: Sandbox,
  firm: string,
  teamId: string,
  contacts: readonly Contact[],
  activities: readonly (OutreachEventInput | undefined)[],
  expected: Expected = {},
): ClockworkProblems {
  const refused = expected.refused ?? new Set<string>()
  const deleted = expected.deleted ?? new Set<string>()
  const state = sandbox.state(firm)!
  const people = Object.values(state.people)
  const notes = Object.values(state.notes)
  const bySlug = new Map<string, string[]>()
  const byEmail = new Map<string, string[]>()
  // A create whose answer was lost and that was never adopted leaves a record with the name only.
  const bareByName = new Map<string, string[]>()
  const push = (m: Map<string, string[]>, k: string, id: string) => m.set(k, [...(m.get(k) ?? []), id])
  for (const p of people) {
    for (const l of p.linkedinUrls) push(bySlug, linkedInSlug(l.url) ?? l.url, p.id)
    for (const e of p.emails) push(byEmail, e.address.toLowerCase(), p.id)
    if (p.linkedinUrls.length === 0 && p.emails.length === 0) push(bareByName, p.name, p.id)
  }
  const lost: string[] = []
  const duplicated: string[] = []
  const created: string[] = []
  const noteProblems: string[] = []
  contacts.forEach((c, i) => {
    const ids = [bySlug.get(linkedInSlug(c.linkedinUrl!)!) ?? [], byEmail.get(c.emails![0]!.toLowerCase()) ?? []]
    const orphans = bareByName.get(c.name) ?? []
    if (refused.has(c.personKey)) {
      if (ids.some((x) => x.length > 0) || orphans.length > 0) created.push(c.name)
    } else {
      if (ids[0]!.length === 0 || ids[1]!.length === 0) lost.push(c.name)
      if (ids.some((x) => x.length > 1) || new Set(ids.flat()).size > 1 || orphans.length > 0) duplicated.push(c.name)
    }
    const activity = activities[i]
    if (!activity) return
    const marker = `cogsync:${teamId}:${activity.id}`
    const marked = notes.filter((n) => n.content.includes(marker))
    const want = refused.has(c.personKey) || deleted.has(c.personKey) ? 0 : 1
    if (marked.length !== want || (want === 1 && marked[0]!.personId !== ids[0]![0])) noteProblems.push(`${c.name}: ${marked.length} notes with its marker`)
  })
  return { lost, duplicated, createdThoughRefused: created, noteProblems }
}

/**
 * The end of every drill. From the sandbox: each contact is one person (by LinkedIn slug and by
 * email, and no bare record of its name beside it), created by exactly one accepted `POST /people`; each activity left exactly one
 * note (by its marker) on that person, and no other note was created; no request came before a
 * Retry-After had passed. From the job table: every event has exactly one job, in a terminal
 * state; `dead` exactly for the permanent errors expected (with Clockwork's reason), `failed`
 * never. From the API: GET /sync/status says the same.
 */
export async function verifyCohort(d: Drill, cohort: Cohort, expected: Expected = {}): Promise<Verified> {
  const { w } = d
  const refused = expected.refused ?? new Set<string>()
  const deleted = expected.deleted ?? new Set<string>()
  const problems = clockworkProblems(w.sandbox, cohort.firm, cohort.teamId, cohort.contacts, cohort.activities, expected)
  const expectedPeople = cohort.contacts.length - refused.size
  const expectedNotes = cohort.contacts.length - refused.size - deleted.size
  const personCreates = writesOf(w.sandbox, cohort.firm, "person.create")
  const noteCreates = writesOf(w.sandbox, cohort.firm, "note.create")
  expect(problems).toEqual({ lost: [], duplicated: [], createdThoughRefused: [], noteProblems: [] })
  // The ledger counts every accepted write, answered or not: a create or note sent twice shows here.
  expect({ personCreates, noteCreates }).toEqual({ personCreates: expectedPeople, noteCreates: expectedNotes })
  expect(w.sandbox.stats(cohort.firm).violations).toBe(0)

  // The job table: one job per event, each finished; dead letters exactly for the permanent errors.
  const rows = w.server.db.$client
    .prepare(
      `select e.event_id as eventId, e.person_key as personKey, max(j.state) as state, max(j.reason) as reason, count(j.id) as jobs
       from events e left join jobs j on j.team_id = e.team_id and j.event_id = e.event_id
       where e.team_id = ? group by e.event_id, e.person_key`,
    )
    .all(cohort.teamId) as JobRowView[]
  const addedIds = new Set(cohort.added.map((e) => e.id))
  const activityIds = new Set(cohort.activities.map((e) => e.id))
  expect(rows.filter((r) => addedIds.has(r.eventId) || activityIds.has(r.eventId))).toHaveLength(cohort.added.length + cohort.activities.length)
  const wrong: string[] = []
  const counts: Record<string, number> = {}
  for (const r of rows) {
    counts[r.state ?? "none"] = (counts[r.state ?? "none"] ?? 0) + 1
    const permanent = refused.has(r.personKey) || (activityIds.has(r.eventId) && deleted.has(r.personKey))
    const want = permanent ? "dead" : "done"
    if (r.jobs !== 1 || r.state !== want) wrong.push(`${r.eventId} (${r.personKey}): ${r.jobs} jobs, ${r.state}, ${r.reason}`)
    else if (permanent && refused.has(r.personKey) && !/Clockwork refused POST .*\/people \(422\)/.test(r.reason ?? "")) wrong.push(`${r.eventId}: dead for “${r.reason}”`)
    else if (permanent && deleted.has(r.personKey) && !/no longer exists|deleted in Clockwork/.test(r.reason ?? "")) wrong.push(`${r.eventId}: dead for “${r.reason}”`)
  }
  expect(wrong).toEqual([])

  const status = (await w.request<SyncStatus>("GET", "/sync/status", undefined, cohort.token)).body
  const dead = 2 * refused.size + deleted.size
  expect(status.counts).toMatchObject({ pending: 0, running: 0, paused: 0, failed: 0, dead, done: rows.length - dead })
  expect(status.integration).toMatchObject({ state: "connected", paused: false })
  return { contacts: cohort.contacts.length, people: expectedPeople, notes: expectedNotes, jobs: counts, deadLetters: dead, personCreates, noteCreates }
}

/** Picks `n` distinct contacts with the seeded random source. */
export function pick(random: () => number, contacts: Contact[], n: number, except: ReadonlySet<string> = new Set()): Set<string> {
  const out = new Set<string>()
  while (out.size < n) {
    const c = contacts[Math.floor(random() * contacts.length)]!
    if (!except.has(c.personKey)) out.add(c.personKey)
  }
  return out
}

/**
 * The figures file of a run: `<file>` for the default run, else `<file>.<label>` (e.g.
 * `faults-mixed.2000-seed4242`), so a default run (say, someone's `npm test`) never overwrites a
 * long run's figures.
 */
export function figuresFile(file: string, label: string, isDefault: boolean): string {
  return isDefault ? file : `${file}.${label}`
}

/** Records a drill's figures (test-results/reliability/<file>[.<contacts>-<seed>].json) for RELIABILITY.md. */
export function drillFigures(d: Drill, file: string, suite: string, extra: Record<string, unknown>): void {
  const firms = [...new Set([DEMO_FIRM.firm, ...(d.w.sandbox.hasFirm(ACME.firm) ? [ACME.firm] : [])])]
  writeFigures(figuresFile(file, `${FAULT_CONTACTS}-seed${FAULT_SEED}`, FAULT_CONTACTS === DEFAULT_FAULT_CONTACTS && FAULT_SEED === DEFAULT_SEED), suite, {
    contactsPerDrill: FAULT_CONTACTS,
    faultSeed: FAULT_SEED,
    durationMs: Date.now() - d.startedAt,
    clockwork: Object.fromEntries(firms.map((f) => [f, d.w.sandbox.stats(f)])),
    gate: { unauthorized: Object.fromEntries(d.gate.unauthorized), notFound: Object.fromEntries(d.gate.notFound), unanswered: Object.fromEntries(d.gate.unanswered) },
    ...extra,
  })
}
