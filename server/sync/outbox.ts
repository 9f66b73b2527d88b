// The durable outbox in SQLite: events are stored with their job in one transaction, workers claim
// jobs (FIFO per person) with a conditional update, and every outcome is written back. Also the
// read side: a person's sync log, a team's status and a bulk run's progress.
import { randomUUID } from "node:crypto"
import { and, desc, eq, inArray, sql } from "drizzle-orm"
import {
  OutreachEventSchema,
  type BulkSyncProgress,
  type EventsAccepted,
  type JobState,
  type OutreachEvent,
  type ProfileCapture,
  type SyncDecision,
  type SyncJob,
} from "@shared/index"
import { writeTransaction, type Db, type DbLike } from "../db/client"
import { campaignMembers, events, integrations, jobs, syncRuns, type JobWrite } from "../db/schema"
import { ApiFailure, conflict, notFound, unprocessable } from "../http/errors"
import { getCampaign, membersOf, requireCampaign } from "../services/campaigns"
import { newId, type Clock } from "../services/clock"
import { getPersonCapture, savePersonCapture } from "../services/people"
import { applyFieldEdits, mergeCapture } from "./capture"

export type JobRow = typeof jobs.$inferSelect

/** Event types the sync log shows for entries that are not outreach events. */
export const SEND_CHECK_EVENT_TYPE = "send_check"

const UNFINISHED: JobState[] = ["pending", "running", "paused"]

/** The API shape of a job. */
export function toSyncJob(row: JobRow): SyncJob {
  return {
    id: String(row.id),
    personKey: row.personKey,
    eventId: row.eventId,
    eventType: row.eventType,
    state: row.state,
    action: row.action,
    attempts: row.attempts,
    reason: row.reason,
    lastError: row.lastError,
    clockworkPersonId: row.clockworkPersonId,
    writes: row.writes,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    nextAttemptAt: row.state === "pending" ? row.nextAttemptAt : null,
  }
}

// ---- Events in --------------------------------------------------------------------------------

export interface IngestOptions {
  teamId: string
  userId: string | null
  /** Whether the request body was a list (field names in errors then start with the index). */
  batch: boolean
}

/** Refuses an event before anything is stored; the whole request is refused with it. */
function refuse(status: 404 | 409 | 422, code: string, field: string, message: string): never {
  if (status === 404) throw notFound(field, `${field}: ${message}`)
  if (status === 409) throw conflict(code, `${field}: ${message}`, field)
  throw unprocessable(code, field, `${field}: ${message}`)
}

/**
 * Stores events and their jobs in one IMMEDIATE transaction: all or nothing. A (team, event id)
 * seen before — in an earlier request or earlier in this one — is counted as a duplicate and does
 * nothing. Each new event also updates what the server knows of the contact: `contact` is merged
 * into the stored capture, a manual update's fields are applied to it, and `added_to_campaign`
 * makes the person a campaign member. Refuses (4xx naming the field) an unknown campaign, a
 * `contact` for another person, an archived campaign for `added_to_campaign`, and a first event of
 * a person that carries no `contact`.
 */
export function ingestEvents(db: Db, clock: Clock, opts: IngestOptions, list: readonly OutreachEvent[]): EventsAccepted {
  return writeTransaction(db, (tx) => {
    const now = clock.now().toISOString()
    let accepted = 0
    let duplicates = 0
    const seen = new Set<string>()
    list.forEach((event, i) => {
      const field = (name: string) => (opts.batch ? `${i}.${name}` : name)
      if (seen.has(event.id) || tx.select({ id: events.eventId }).from(events).where(and(eq(events.teamId, opts.teamId), eq(events.eventId, event.id))).get()) {
        duplicates++
        seen.add(event.id)
        return
      }
      seen.add(event.id)
      if (event.contact && event.contact.personKey !== event.personKey) {
        refuse(422, "person_mismatch", field("contact.personKey"), "must be the event's personKey")
      }
      if (event.campaignId) {
        const campaign = getCampaign(tx, opts.teamId, event.campaignId)
        if (!campaign) refuse(404, "not_found", field("campaignId"), "no such campaign in your team")
        if (event.type === "added_to_campaign" && campaign.archived) {
          refuse(409, "campaign_archived", field("campaignId"), `campaign “${campaign.name}” is archived; restore it to add people`)
        }
      }
      const stored = getPersonCapture(tx, opts.teamId, event.personKey)
      let capture: ProfileCapture | undefined = event.contact ? mergeCapture(stored, event.contact) : stored
      if (!capture) {
        refuse(422, "contact_required", field("contact"), "send the contact with the first event of a person Cogsync has not seen before")
      }
      if (event.type === "manual_update") capture = applyFieldEdits(capture, event.fields)
      if (capture !== stored) savePersonCapture(tx, opts.teamId, capture, now)
      if (event.type === "added_to_campaign" && event.campaignId) {
        tx.insert(campaignMembers)
          .values({ campaignId: event.campaignId, personKey: event.personKey, teamId: opts.teamId, addedAt: now, addedBy: opts.userId })
          .onConflictDoNothing()
          .run()
      }
      insertEvent(tx, opts.teamId, opts.userId, event, now, null)
      accepted++
    })
    return { accepted, duplicates, ids: list.map((e) => e.id) }
  })
}

/** Inserts an event and its pending job (inside the caller's transaction). */
function insertEvent(tx: DbLike, teamId: string, userId: string | null, event: OutreachEvent, now: string, runId: string | null): void {
  tx.insert(events)
    .values({
      teamId,
      eventId: event.id,
      personKey: event.personKey,
      campaignId: event.campaignId ?? null,
      type: event.type,
      payload: event,
      occurredAt: event.occurredAt,
      receivedAt: now,
      receivedBy: userId,
    })
    .run()
  tx.insert(jobs)
    .values({
      teamId,
      eventId: event.id,
      eventType: event.type,
      personKey: event.personKey,
      runId,
      state: "pending",
      nextAttemptAt: now,
      writes: [],
      createdAt: now,
      updatedAt: now,
    })
    .run()
}

/** The stored event of a job. */
export function loadEvent(db: DbLike, teamId: string, eventId: string): OutreachEvent | undefined {
  const row = db
    .select({ payload: events.payload })
    .from(events)
    .where(and(eq(events.teamId, teamId), eq(events.eventId, eventId)))
    .get()
  return row ? OutreachEventSchema.parse(row.payload) : undefined
}

// ---- Bulk sync of a campaign ------------------------------------------------------------------

/**
 * Starts a bulk sync: one `push_requested` event (and job) per member, in one transaction. While
 * an earlier run of the campaign still has unfinished jobs, that run is returned instead.
 */
export function startCampaignSync(db: Db, clock: Clock, teamId: string, userId: string | null, campaignId: string): { runId: string; created: boolean } {
  return writeTransaction(db, (tx) => {
    const campaign = requireCampaign(tx, teamId, campaignId)
    const latest = latestRun(tx, teamId, campaignId)
    if (latest && countByState(tx, latest.id, UNFINISHED) > 0) return { runId: latest.id, created: false }
    if (campaign.archived) throw conflict("campaign_archived", `Campaign “${campaign.name}” is archived; restore it to sync it`, "id")
    const members = membersOf(tx, campaignId)
    const now = clock.now().toISOString()
    const runId = newId("run")
    tx.insert(syncRuns).values({ id: runId, teamId, campaignId, total: members.length, createdAt: now, createdBy: userId }).run()
    members.forEach((m, i) => {
      const event = OutreachEventSchema.parse({ id: `sync.${runId}.${i}`, type: "push_requested", personKey: m.personKey, campaignId, occurredAt: now })
      insertEvent(tx, teamId, userId, event, now, runId)
    })
    return { runId, created: true }
  })
}

function latestRun(db: DbLike, teamId: string, campaignId: string) {
  return db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.teamId, teamId), eq(syncRuns.campaignId, campaignId)))
    .orderBy(desc(syncRuns.createdAt), desc(syncRuns.id))
    .limit(1)
    .get()
}

function countByState(db: DbLike, runId: string, states: JobState[]): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(jobs)
    .where(and(eq(jobs.runId, runId), inArray(jobs.state, states)))
    .get()
  return Number(row?.n ?? 0)
}

export interface RunProgress extends BulkSyncProgress {
  runId: string
  startedAt: string
  /** Jobs waiting on something only a person can fix (the team's integration is paused or not connected). */
  paused: number
}

/**
 * Progress of the campaign's latest bulk run: done, failed (failed + dead), pending (pending,
 * running and paused) and an ETA from the rate jobs have finished at so far (null until some have).
 * Undefined when the campaign has never been synced.
 */
export function runProgress(db: DbLike, clock: Clock, teamId: string, campaignId: string): RunProgress | undefined {
  const run = latestRun(db, teamId, campaignId)
  if (!run) return undefined
  const rows = db
    .select({ state: jobs.state, n: sql<number>`count(*)` })
    .from(jobs)
    .where(eq(jobs.runId, run.id))
    .groupBy(jobs.state)
    .all()
  const n = (s: JobState) => Number(rows.find((r) => r.state === s)?.n ?? 0)
  const done = n("done")
  const failed = n("failed") + n("dead")
  const pending = n("pending") + n("running") + n("paused")
  const elapsedS = Math.max(0, (clock.now().getTime() - Date.parse(run.createdAt)) / 1000)
  const finished = done + failed
  const etaSeconds = pending === 0 ? 0 : finished > 0 && elapsedS > 0 ? Math.round((pending / (finished / elapsedS)) * 10) / 10 : null
  return { campaignId, runId: run.id, startedAt: run.createdAt, total: run.total, done, failed, pending, paused: n("paused"), etaSeconds }
}

// ---- Worker side ------------------------------------------------------------------------------

/** Jobs left `running` by a process that died go back to `pending` (their steps are idempotent). */
export function reclaimRunning(db: Db, clock: Clock, exceptIds: ReadonlySet<number> = new Set(), onlyExpired = false): number {
  const now = clock.now().toISOString()
  const running = db
    .select({ id: jobs.id, leaseUntil: jobs.leaseUntil })
    .from(jobs)
    .where(eq(jobs.state, "running"))
    .all()
    .filter((j) => !exceptIds.has(j.id) && (!onlyExpired || !j.leaseUntil || j.leaseUntil < now))
  if (running.length === 0) return 0
  db.update(jobs)
    .set({ state: "pending", leaseUntil: null, nextAttemptAt: now, updatedAt: now })
    .where(and(eq(jobs.state, "running"), inArray(jobs.id, running.map((j) => j.id))))
    .run()
  return running.length
}

/** Paused jobs of teams whose integration is connected and not paused go back to pending. */
export function resumePaused(db: Db, clock: Clock): number {
  const now = clock.now().toISOString()
  return db
    .update(jobs)
    .set({ state: "pending", nextAttemptAt: now, updatedAt: now })
    .where(and(eq(jobs.state, "paused"), sql`${jobs.teamId} in (select ${integrations.teamId} from ${integrations} where ${integrations.paused} = 0)`))
    .run().changes
}

/** Holds every pending (and the given running) job of a team: its integration needs an admin. */
export function pauseTeam(db: Db, clock: Clock, teamId: string, reason: string): void {
  const now = clock.now().toISOString()
  db.update(jobs)
    .set({ state: "paused", reason, updatedAt: now })
    .where(and(eq(jobs.teamId, teamId), eq(jobs.state, "pending")))
    .run()
}

export interface Candidate {
  id: number
  teamId: string
}

/**
 * Runnable jobs in FIFO order: pending, due, of a team whose integration is not paused, and with
 * no running job of the same person and no earlier unfinished one (so a person's jobs run one at
 * a time, in order).
 */
export function runnableJobs(db: Db, clock: Clock, limit: number): Candidate[] {
  const now = clock.now().toISOString()
  return db.$client
    .prepare(
      `select j.id as id, j.team_id as teamId from jobs j
       where j.state = 'pending' and j.next_attempt_at <= ?
         and j.team_id not in (select team_id from integrations where paused = 1)
         and not exists (
           select 1 from jobs e
           where e.team_id = j.team_id and e.person_key = j.person_key and e.id <> j.id
             and (e.state = 'running' or (e.id < j.id and e.state in ('pending', 'paused')))
         )
       order by j.id limit ?`,
    )
    .all(now, limit) as Candidate[]
}

/** Claims a pending job (pending → running, attempts + 1, a lease); undefined when another got it first. */
export function claimJob(db: DbLike, clock: Clock, id: number, leaseMs: number): JobRow | undefined {
  const now = clock.now()
  return db
    .update(jobs)
    .set({
      state: "running",
      attempts: sql`${jobs.attempts} + 1`,
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      updatedAt: now.toISOString(),
    })
    .where(and(eq(jobs.id, id), eq(jobs.state, "pending")))
    .returning()
    .get()
}

/** Extends the leases of jobs this process is running. */
export function renewLeases(db: Db, clock: Clock, ids: readonly number[], leaseMs: number): void {
  if (ids.length === 0) return
  const until = new Date(clock.now().getTime() + leaseMs).toISOString()
  db.update(jobs)
    .set({ leaseUntil: until })
    .where(and(eq(jobs.state, "running"), inArray(jobs.id, [...ids])))
    .run()
}

/** The earliest next attempt of a pending job (epoch ms), for the worker's sleep. */
export function nextDue(db: Db): number | undefined {
  const row = db
    .select({ at: sql<string | null>`min(${jobs.nextAttemptAt})` })
    .from(jobs)
    .where(eq(jobs.state, "pending"))
    .get()
  return row?.at ? Date.parse(row.at) : undefined
}

/** Whether any job is pending or running. */
export function hasUnfinished(db: Db, teamId?: string): boolean {
  const where = teamId ? and(inArray(jobs.state, ["pending", "running"]), eq(jobs.teamId, teamId)) : inArray(jobs.state, ["pending", "running"])
  return db.select({ id: jobs.id }).from(jobs).where(where).limit(1).get() !== undefined
}

/** Whether an earlier job of the person fired the Add Person trigger. */
export function triggerFiredBefore(db: DbLike, job: Pick<JobRow, "id" | "teamId" | "personKey">): boolean {
  const row = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.teamId, job.teamId), eq(jobs.personKey, job.personKey), sql`${jobs.id} < ${job.id}`, eq(jobs.triggerFired, true)))
    .limit(1)
    .get()
  return row !== undefined
}

/** Earlier finished jobs of a person that wrote nothing because the person was not in Clockwork yet. */
export function heldBackActivity(db: DbLike, job: Pick<JobRow, "id" | "teamId" | "personKey">): JobRow[] {
  return db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.teamId, job.teamId),
        eq(jobs.personKey, job.personKey),
        sql`${jobs.id} < ${job.id}`,
        eq(jobs.state, "done"),
        eq(jobs.action, "skip"),
        inArray(jobs.eventType, ["activity", "replied", "interested"]),
      ),
    )
    .orderBy(jobs.id)
    .all()
}

export interface Finish {
  state: "done" | "dead" | "failed" | "paused" | "pending"
  reason: string | null
  lastError?: string | null
  action?: string | null
  decision?: SyncDecision | null
  triggerFired?: boolean
  clockworkPersonId?: string | null
  writes: JobWrite[]
  /** For `pending`: when to try again (ISO). */
  nextAttemptAt?: string
  /** For `pending`: whether this attempt counts toward the retry limit. */
  countFailure?: boolean
}

/** Writes a running job's outcome. */
export function finishJob(db: Db, clock: Clock, id: number, f: Finish): void {
  const now = clock.now().toISOString()
  const terminal = f.state === "done" || f.state === "dead" || f.state === "failed"
  db.update(jobs)
    .set({
      state: f.state,
      reason: f.reason,
      ...(f.lastError !== undefined ? { lastError: f.lastError } : {}),
      ...(f.action !== undefined ? { action: f.action } : {}),
      ...(f.decision !== undefined ? { decision: f.decision } : {}),
      ...(f.triggerFired !== undefined ? { triggerFired: f.triggerFired } : {}),
      ...(f.clockworkPersonId ? { clockworkPersonId: f.clockworkPersonId } : {}),
      ...(f.countFailure ? { failures: sql`${jobs.failures} + 1` } : {}),
      writes: f.writes,
      leaseUntil: null,
      nextAttemptAt: f.state === "pending" ? (f.nextAttemptAt ?? now) : null,
      updatedAt: now,
      finishedAt: terminal ? now : null,
    })
    .where(and(eq(jobs.id, id), eq(jobs.state, "running")))
    .run()
}

// ---- Read side --------------------------------------------------------------------------------

/** A person's sync log, newest first (at most 200 entries). */
export function personLog(db: DbLike, teamId: string, personKey: string): SyncJob[] {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.teamId, teamId), eq(jobs.personKey, personKey)))
    .orderBy(desc(jobs.id))
    .limit(200)
    .all()
    .map(toSyncJob)
}

/** Counts by state, dead letters (dead and failed, newest first) and the most recently changed jobs. */
export function teamJobs(db: DbLike, teamId: string): { counts: Record<JobState, number>; deadLetters: SyncJob[]; recent: SyncJob[] } {
  const counts: Record<JobState, number> = { pending: 0, running: 0, done: 0, failed: 0, dead: 0, paused: 0 }
  const rows = db
    .select({ state: jobs.state, n: sql<number>`count(*)` })
    .from(jobs)
    .where(and(eq(jobs.teamId, teamId), sql`${jobs.eventType} <> ${SEND_CHECK_EVENT_TYPE}`))
    .groupBy(jobs.state)
    .all()
  for (const r of rows) counts[r.state] = Number(r.n)
  const deadLetters = db
    .select()
    .from(jobs)
    .where(and(eq(jobs.teamId, teamId), inArray(jobs.state, ["dead", "failed"])))
    .orderBy(desc(jobs.updatedAt), desc(jobs.id))
    .limit(50)
    .all()
    .map(toSyncJob)
  const recent = db.select().from(jobs).where(eq(jobs.teamId, teamId)).orderBy(desc(jobs.updatedAt), desc(jobs.id)).limit(20).all().map(toSyncJob)
  return { counts, deadLetters, recent }
}

/** One job of the team; undefined for unknown ids and other teams' jobs. */
export function getJob(db: DbLike, teamId: string, id: number): JobRow | undefined {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), eq(jobs.teamId, teamId)))
    .get()
}

/** Puts a failed or dead job back in the queue (404 unknown, 409 when it is not failed or dead). */
export function retryJob(db: Db, clock: Clock, teamId: string, id: number): SyncJob {
  return writeTransaction(db, (tx) => {
    const job = getJob(tx, teamId, id)
    if (!job || job.eventType === SEND_CHECK_EVENT_TYPE) throw notFound("id", "id: no such sync job in your team")
    if (job.state !== "failed" && job.state !== "dead") {
      const why = job.state === "done" ? "it finished" : "it is already queued"
      throw new ApiFailure(409, "not_retryable", `Only failed or dead jobs can be retried; this one is ${job.state} (${why})`, { field: "id" })
    }
    const now = clock.now().toISOString()
    const row = tx
      .update(jobs)
      .set({ state: "pending", failures: 0, nextAttemptAt: now, reason: "Retry requested", finishedAt: null, updatedAt: now })
      .where(eq(jobs.id, id))
      .returning()
      .get()
    return toSyncJob(row)
  })
}

/**
 * Records a refused send check in the person's sync log (a finished entry, never run). A refusal
 * with the same reason as the person's latest entry only refreshes that entry.
 */
export function logSendCheckRefusal(db: Db, clock: Clock, teamId: string, personKey: string, reason: string, clockworkPersonId: string | null): void {
  writeTransaction(db, (tx) => {
    const now = clock.now().toISOString()
    const latest = tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.teamId, teamId), eq(jobs.personKey, personKey)))
      .orderBy(desc(jobs.id))
      .limit(1)
      .get()
    const text = `Email not sent: ${reason}`
    if (latest?.eventType === SEND_CHECK_EVENT_TYPE && latest.reason === text) {
      tx.update(jobs).set({ updatedAt: now }).where(eq(jobs.id, latest.id)).run()
      return
    }
    tx.insert(jobs)
      .values({
        teamId,
        eventId: `send-check.${randomUUID()}`,
        eventType: SEND_CHECK_EVENT_TYPE,
        personKey,
        state: "done",
        action: "email_blocked",
        reason: text,
        clockworkPersonId,
        writes: [],
        createdAt: now,
        updatedAt: now,
        finishedAt: now,
      })
      .run()
  })
}

/** Persists a running job's writes so far (after a create, so the log names the person even after a crash). */
export function saveProgress(db: DbLike, clock: Clock, id: number, progress: { writes: JobWrite[]; personId: string | null }): void {
  db.update(jobs)
    .set({ writes: progress.writes, clockworkPersonId: progress.personId, updatedAt: clock.now().toISOString() })
    .where(eq(jobs.id, id))
    .run()
}

/** Notes on an earlier skipped job that its note was created later, by job `byJobId` (once). */
export function recordBackfill(db: Db, clock: Clock, earlierId: number, noteId: string | null, byJobId: number): void {
  const row = db.select({ writes: jobs.writes, reason: jobs.reason }).from(jobs).where(eq(jobs.id, earlierId)).get()
  if (!row || (noteId && row.writes.some((w) => w.kind === "note" && w.id === noteId))) return
  const sentence = `Its note was added when the person was created (job ${byJobId}).`
  db.update(jobs)
    .set({
      writes: noteId ? [...row.writes, { kind: "note", id: noteId }] : row.writes,
      reason: row.reason?.includes(sentence) ? row.reason : [row.reason, sentence].filter(Boolean).join(" "),
      updatedAt: clock.now().toISOString(),
    })
    .where(eq(jobs.id, earlierId))
    .run()
}
