// The sync engine: the worker that runs the outbox's jobs inside the server process, and the
// operations the routes call (take events, start a bulk sync, read logs and status, retry, receive
// webhooks). Time, sleep and randomness are injected so tests can compress hours into moments.
import type {
  BulkSyncProgress,
  EventsAccepted,
  IntegrationStatus,
  OutreachEvent,
  SyncJob,
  SyncLog,
  SyncStatus,
} from "@shared/index"
import { RETRY_AFTER_MARGIN_MS, backoffDelay } from "../clockwork/index"
import { writeTransaction, type Db } from "../db/client"
import type { ClockworkFactory, ClockworkHooks } from "../deps"
import type { Logger } from "../logger"
import type { ClockworkAccess } from "../services/clockwork-access"
import type { Clock } from "../services/clock"
import { classify } from "./errors"
import { KeyedLocks } from "./keyed-locks"
import {
  claimJob,
  finishJob,
  hasUnfinished,
  ingestEvents,
  logSendCheckRefusal,
  nextDue,
  pauseTeam,
  personLog,
  reclaimRunning,
  renewLeases,
  resumePaused,
  retryJob,
  runProgress,
  runnableJobs,
  startCampaignSync,
  teamJobs,
  type Finish,
  type JobRow,
  type RunProgress,
} from "./outbox"
import { Pacers } from "./pacer"
import { runJob, type JobProgress } from "./run-job"
import { TagCache } from "./tag-cache"
import { WorkerLock } from "./worker-lock"
import { applyCandidacyWebhook, issueWebhookToken, rememberWebhookId, verifyWebhookToken, type CandidacyWebhook } from "./webhooks"

/** Knobs of the engine; every one has a default (see docs/sync-engine.md). */
export interface SyncKnobs {
  /** Jobs run at once, across people (default 8). */
  concurrency: number
  /** Jobs of one team at once, so one team's bulk sync cannot starve the others (default 6). */
  perTeamConcurrency: number
  /** Longest idle wait between checks for due jobs, ms (default 1000). */
  pollIntervalMs: number
  /** Job retry backoff: full jitter, first retry within base, doubling to the cap (defaults 1 s, 5 min). */
  backoffBaseMs: number
  backoffMaxMs: number
  /** Counted failures before a job is `failed` (default 12). Rate limits and outages do not count. */
  maxAttempts: number
  /** A running job's lease; renewed while it runs (default 60 s). */
  leaseMs: number
  /** Clockwork requests per second and burst, per firm (defaults 5 and 10): set them to Clockwork's limit. */
  ratePerSecond: number
  burst: number
  /**
   * Share of the rate left unused (default 0.05): requests reach Clockwork with varying delays, so
   * pacing at exactly its limit would now and then arrive early and earn a 429 (and a Retry-After
   * of at least a second).
   */
  rateHeadroom: number
  /** Clockwork requests in flight at once, per firm (default 1: no request ever races a Retry-After). */
  maxInFlightPerFirm: number
  /** Consecutive failures after which a firm counts as down (default 5), and its probe spacing. */
  circuitThreshold: number
  circuitBaseMs: number
  circuitMaxMs: number
  /** Per-attempt Clockwork timeout (default 10 s) and the client's own retries of safe calls (default 2). */
  clientTimeoutMs: number
  clientRetries: number
  clientBackoffBaseMs: number
  clientBackoffMaxMs: number
  /** Base URL Clockwork can reach this server at; when set, activation registers the webhook. */
  publicUrl: string | undefined
}

export const DEFAULT_SYNC_KNOBS: SyncKnobs = {
  concurrency: 8,
  perTeamConcurrency: 6,
  pollIntervalMs: 1000,
  backoffBaseMs: 1000,
  backoffMaxMs: 300_000,
  maxAttempts: 12,
  leaseMs: 60_000,
  ratePerSecond: 5,
  burst: 10,
  rateHeadroom: 0.05,
  maxInFlightPerFirm: 1,
  circuitThreshold: 5,
  circuitBaseMs: 1000,
  circuitMaxMs: 30_000,
  clientTimeoutMs: 10_000,
  clientRetries: 2,
  clientBackoffBaseMs: 250,
  clientBackoffMaxMs: 5000,
  publicUrl: undefined,
}

export type SyncEngineOptions = Partial<SyncKnobs> & {
  /** Injected sleep (default: real timers). Used for pacing, client backoff and idle waits. */
  sleep?: (ms: number) => Promise<void>
  /** Injected randomness in [0, 1) for jitter (default Math.random). */
  random?: () => number
}

export interface SyncEngineDeps {
  db: Db
  clock: Clock
  logger: Logger
  access: ClockworkAccess
  clockwork: ClockworkFactory
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Longest single idle wait through an injected sleep. */
const MAX_INJECTED_WAIT_MS = 60_000

/**
 * The rate and burst the engine actually paces at: the headroom share below Clockwork's limit,
 * and a burst one token (or the headroom share) smaller, so that after a quiet spell Clockwork's
 * bucket holds a spare token to absorb requests that arrive closer together than they left.
 */
export function paced(knobs: Pick<SyncKnobs, "ratePerSecond" | "burst" | "rateHeadroom">): { ratePerSecond: number; burst: number } {
  const headroom = Math.min(0.9, Math.max(0, knobs.rateHeadroom))
  const burst = knobs.burst > 1 ? Math.max(1, Math.min(knobs.burst - 1, Math.floor(knobs.burst * (1 - headroom)))) : 1
  return { ratePerSecond: knobs.ratePerSecond * (1 - headroom), burst }
}

export class SyncEngine {
  readonly knobs: SyncKnobs
  readonly #deps: SyncEngineDeps
  readonly #sleep: (ms: number) => Promise<void>
  readonly #injectedSleep: boolean
  readonly #random: () => number
  #pacers: Pacers
  readonly #locks = new KeyedLocks()
  readonly #tags: TagCache
  readonly #inflight = new Map<number, { teamId: string; done: Promise<void> }>()
  #running = false
  #closed = false
  #lock: WorkerLock | undefined
  #holdsLock = false
  #standbyLogged = false
  #loop: Promise<void> | undefined
  #woken = false
  #wake: (() => void) | undefined
  #changed: (() => void)[] = []

  constructor(deps: SyncEngineDeps, opts: SyncEngineOptions = {}) {
    this.#deps = deps
    const knobs = { ...DEFAULT_SYNC_KNOBS }
    for (const [k, v] of Object.entries(opts)) if (v !== undefined && k in knobs) (knobs as Record<string, unknown>)[k] = v
    this.knobs = knobs
    this.#injectedSleep = opts.sleep !== undefined
    this.#sleep = opts.sleep ?? realSleep
    this.#random = opts.random ?? Math.random
    this.#pacers = this.#newPacers()
    this.#tags = new TagCache(this.#locks, () => deps.clock.now().getTime())
  }

  #newPacers(): Pacers {
    return new Pacers({
      ...paced(this.knobs),
      maxInFlight: this.knobs.maxInFlightPerFirm,
      circuitThreshold: this.knobs.circuitThreshold,
      circuitBaseMs: this.knobs.circuitBaseMs,
      circuitMaxMs: this.knobs.circuitMaxMs,
      retryAfterMarginMs: RETRY_AFTER_MARGIN_MS,
      now: () => this.#deps.clock.now().getTime(),
      sleep: this.#sleep,
      random: this.#random,
    })
  }

  // ---- Lifecycle --------------------------------------------------------------------------------

  /**
   * Starts the worker. It runs only while this process holds the database's worker lock; on taking
   * it, jobs a dead worker left running go back to pending.
   */
  start(): void {
    if (this.#running) return
    if (this.#closed) this.#pacers = this.#newPacers()
    this.#closed = false
    this.#running = true
    this.#lock = new WorkerLock(this.#deps.db, Math.max(this.knobs.leaseMs, 10_000))
    this.#loop = this.#work()
  }

  /**
   * Stops claiming, interrupts jobs waiting for Clockwork (they go back to pending) and waits for
   * the rest. `start()` may be called again afterwards.
   */
  async stop(): Promise<void> {
    this.#closed = true
    this.#notifyChange()
    if (!this.#running) return
    this.#running = false
    this.#pacers.stop()
    this.wake()
    await this.#loop
    await Promise.all([...this.#inflight.values()].map((j) => j.done))
    if (this.#holdsLock) this.#lock?.release()
    this.#holdsLock = false
  }

  get running(): boolean {
    return this.#running
  }

  /** True once `stop()` was called (progress streams end then). */
  get closed(): boolean {
    return this.#closed
  }

  /** Resolves at the next job outcome, stop, or after `maxMs` (for progress streams). */
  changed(maxMs: number): Promise<void> {
    return this.#nextChange(maxMs)
  }

  /** Asks the worker to look for jobs now (new events, a retry, an activation). */
  wake(): void {
    this.#woken = true
    const wake = this.#wake
    this.#wake = undefined
    wake?.()
  }

  /**
   * Resolves once nothing is runnable now: no job in flight and no pending job due. Jobs waiting
   * for a later retry do not count (see `drain`).
   */
  async idle(): Promise<void> {
    for (;;) {
      if (this.#inflight.size === 0 && runnableJobs(this.#deps.db, this.#deps.clock, 1).length === 0) return
      await this.#nextChange(50)
    }
  }

  /** Resolves once no job is pending or running (of the team, when given); rejects after `timeoutMs` of real time. */
  async drain(opts: { teamId?: string; timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (opts.timeoutMs ?? 120_000)
    while (hasUnfinished(this.#deps.db, opts.teamId) || (!opts.teamId && this.#inflight.size > 0)) {
      if (Date.now() > deadline) throw new Error("sync engine: jobs are still unfinished")
      await this.#nextChange(50)
    }
  }

  // ---- Operations for the routes ----------------------------------------------------------------

  /** Stores events with their jobs (one transaction) and wakes the worker. */
  ingest(teamId: string, userId: string | null, body: OutreachEvent | OutreachEvent[]): EventsAccepted {
    const list = Array.isArray(body) ? body : [body]
    const result = ingestEvents(this.#deps.db, this.#deps.clock, { teamId, userId, batch: Array.isArray(body) }, list)
    if (result.accepted) this.wake()
    return result
  }

  /** Starts (or returns the unfinished) bulk sync of a campaign. */
  syncCampaign(teamId: string, userId: string | null, campaignId: string): RunProgress {
    const { created } = startCampaignSync(this.#deps.db, this.#deps.clock, teamId, userId, campaignId)
    if (created) this.wake()
    const progress = this.progress(teamId, campaignId)
    if (!progress) throw new Error("a bulk sync vanished right after it started")
    return progress
  }

  progress(teamId: string, campaignId: string): RunProgress | undefined {
    return runProgress(this.#deps.db, this.#deps.clock, teamId, campaignId)
  }

  log(teamId: string, personKey: string): SyncLog {
    return { personKey, jobs: personLog(this.#deps.db, teamId, personKey) }
  }

  status(teamId: string): SyncStatus {
    const integration: IntegrationStatus = this.#deps.access.status(teamId)
    return { ...teamJobs(this.#deps.db, teamId), integration }
  }

  retry(teamId: string, jobId: number): SyncJob {
    const job = retryJob(this.#deps.db, this.#deps.clock, teamId, jobId)
    this.wake()
    return job
  }

  /** Puts a refused send check in the person's sync log. */
  logSendCheckRefusal(teamId: string, personKey: string, reason: string, clockworkPersonId: string | null): void {
    logSendCheckRefusal(this.#deps.db, this.#deps.clock, teamId, personKey, reason, clockworkPersonId)
  }

  /** After (re)activation: paused jobs resume, and the webhook is registered when a public URL is configured. */
  async onActivated(teamId: string): Promise<void> {
    resumePaused(this.#deps.db, this.#deps.clock)
    this.wake()
    if (!this.knobs.publicUrl) return
    try {
      await this.registerWebhook(teamId, this.knobs.publicUrl)
    } catch (err) {
      const failure = classify(err)
      this.#deps.logger.warn({ teamId, kind: failure.kind, error: "message" in failure ? failure.message : undefined }, "sync: could not register the Clockwork webhook")
    }
  }

  /**
   * Registers `<baseUrl>/webhooks/clockwork/<teamId>?token=<new token>` with the team's Clockwork
   * (replacing the team's earlier hook) and returns the hook's id. The token is never returned.
   */
  async registerWebhook(teamId: string, baseUrl: string): Promise<{ webhookId: string }> {
    const { db, clock, access } = this.#deps
    const { token, previousWebhookId } = issueWebhookToken(db, clock, teamId)
    const hookUrl = `${baseUrl.replace(/\/+$/, "")}/webhooks/clockwork/${encodeURIComponent(teamId)}?token=${token}`
    const { id } = await access.call(teamId, async (client) => {
      const created = await client.createWebhook(hookUrl)
      if (previousWebhookId) await client.deleteWebhook(previousWebhookId).catch(() => undefined)
      return created
    })
    rememberWebhookId(db, teamId, id)
    return { webhookId: id }
  }

  verifyWebhook(teamId: string, token: string | undefined): boolean {
    return verifyWebhookToken(this.#deps.db, teamId, token)
  }

  applyWebhook(teamId: string, payload: CandidacyWebhook): boolean {
    // Something changed in the team's Clockwork: cached look-ups may no longer be what it holds.
    this.#deps.access.invalidateLookups(teamId)
    return applyCandidacyWebhook(this.#deps.db, this.#deps.clock, teamId, payload)
  }

  // ---- The worker -------------------------------------------------------------------------------

  async #work(): Promise<void> {
    const { logger } = this.#deps
    let lastMaintenance = Number.NEGATIVE_INFINITY
    while (this.#running) {
      this.#woken = false
      try {
        const now = Date.now()
        if (now - lastMaintenance >= Math.min(this.knobs.pollIntervalMs, this.knobs.leaseMs / 3)) {
          lastMaintenance = now
          this.#maintain()
        }
        if (this.#holdsLock) this.#claim()
      } catch (err) {
        logger.error({ err }, "sync: worker loop failed; trying again")
      }
      if (!this.#running) break
      if (!this.#holdsLock) await this.#standby()
      else if (!this.#woken) await this.#idleWait()
    }
  }

  /** Keeps the worker lock (taking it over from a dead worker), resumes paused jobs, renews leases. */
  #maintain(): void {
    const { db, clock, logger } = this.#deps
    const lock = this.#lock!.acquire()
    if (!lock.held) {
      if (this.#holdsLock) logger.warn({ pid: lock.pid, host: lock.host }, "sync: another worker took over this database; standing by")
      else if (!this.#standbyLogged) logger.warn({ pid: lock.pid, host: lock.host }, "sync: another worker runs on this database; standing by")
      this.#standbyLogged = true
      this.#holdsLock = false
      return
    }
    if (!this.#holdsLock) {
      this.#holdsLock = true
      this.#standbyLogged = false
      const reclaimed = reclaimRunning(db, clock, new Set(this.#inflight.keys()))
      if (reclaimed) logger.info({ reclaimed }, "sync: jobs interrupted by a stopped worker are queued again")
    }
    resumePaused(db, clock)
    renewLeases(db, clock, [...this.#inflight.keys()], this.knobs.leaseMs)
  }

  /** While another worker holds the lock: check again now and then (real time). */
  async #standby(): Promise<void> {
    const wake = new Promise<void>((resolve) => (this.#wake = resolve))
    let timer: NodeJS.Timeout | undefined
    await Promise.race([wake, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(this.knobs.pollIntervalMs, 250))))])
    clearTimeout(timer)
  }

  /** Claims as many runnable jobs as there are free slots (one transaction), respecting per-team limits and firm holds. */
  #claim(): void {
    const { db, clock, access } = this.#deps
    const free = this.knobs.concurrency - this.#inflight.size
    if (free <= 0) return
    const perTeam = new Map<string, number>()
    for (const j of this.#inflight.values()) perTeam.set(j.teamId, (perTeam.get(j.teamId) ?? 0) + 1)
    const now = clock.now().getTime()
    const held = new Map<string, boolean>()
    const candidates = runnableJobs(db, clock, free * 4 + 16).filter((c) => {
      if (!held.has(c.teamId)) {
        const firm = access.firmOf(c.teamId)?.firm
        const gate = firm ? (this.#pacers.peek(firm)?.gateUntil ?? 0) : 0
        held.set(c.teamId, gate > now + this.knobs.pollIntervalMs)
      }
      return !held.get(c.teamId)
    })
    if (candidates.length === 0) return
    const claimed = writeTransaction(db, (tx) => {
      const out: JobRow[] = []
      for (const c of candidates) {
        if (out.length >= free) break
        if ((perTeam.get(c.teamId) ?? 0) >= this.knobs.perTeamConcurrency) continue
        const job = claimJob(tx, clock, c.id, this.knobs.leaseMs)
        if (!job) continue
        perTeam.set(c.teamId, (perTeam.get(c.teamId) ?? 0) + 1)
        out.push(job)
      }
      return out
    })
    for (const job of claimed) {
      const done = this.#execute(job).finally(() => {
        this.#inflight.delete(job.id)
        this.wake()
        this.#notifyChange()
      })
      this.#inflight.set(job.id, { teamId: job.teamId, done })
    }
  }

  /**
   * Waits for a wake-up or for the next due job. With every slot busy only a finishing job can
   * change anything, so it waits for that (real timer as a backstop) instead of sleeping through
   * the injected sleep, which with a compressed test clock would make time race ahead.
   */
  async #idleWait(): Promise<void> {
    const wake = new Promise<void>((resolve) => (this.#wake = resolve))
    const busy = this.#inflight.size >= this.knobs.concurrency
    if (busy || !this.#injectedSleep) {
      const due = busy ? undefined : nextDue(this.#deps.db)
      const now = this.#deps.clock.now().getTime()
      const delay = Math.max(1, Math.min(this.knobs.pollIntervalMs, due !== undefined ? due - now : this.knobs.pollIntervalMs))
      let timer: NodeJS.Timeout | undefined
      await Promise.race([wake, new Promise<void>((resolve) => (timer = setTimeout(resolve, delay)))])
      clearTimeout(timer)
      return
    }
    // Through the injected sleep, wait straight for the next due job: a compressed clock then
    // skips a long backoff in one step instead of one poll interval at a time.
    const due = nextDue(this.#deps.db)
    const now = this.#deps.clock.now().getTime()
    const delay = due !== undefined ? Math.max(1, Math.min(due - now, MAX_INJECTED_WAIT_MS)) : this.knobs.pollIntervalMs
    await Promise.race([this.#sleep(delay), wake])
  }

  #nextChange(maxMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, maxMs)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.#changed.push(done)
    })
  }

  #notifyChange(): void {
    for (const f of this.#changed.splice(0)) f()
  }

  /** Runs a claimed job and writes its outcome; never throws. */
  async #execute(job: JobRow): Promise<void> {
    const { db, clock, logger } = this.#deps
    const progress: JobProgress = { writes: [...job.writes], personId: job.clockworkPersonId }
    let outcome: Finish
    try {
      outcome = await runJob(
        { db, clock, logger, access: this.#deps.access, locks: this.#locks, tags: this.#tags, hooksFor: (firm) => this.#hooksFor(firm) },
        job,
        progress,
      )
    } catch (err) {
      outcome = this.#failure(job, err, progress)
    }
    try {
      finishJob(db, clock, job.id, outcome)
      logger.debug({ jobId: job.id, teamId: job.teamId, state: outcome.state, action: outcome.action }, "sync job finished")
    } catch (err) {
      logger.error({ err, jobId: job.id }, "sync: could not record a job's outcome; it runs again after its lease")
    }
  }

  #hooksFor(firm: string): ClockworkHooks {
    const pacer = this.#pacers.for(firm)
    return {
      beforeRequest: () => pacer.acquire(),
      afterAttempt: (info) => pacer.release(info),
      sleep: this.#sleep,
      random: this.#random,
      now: () => this.#deps.clock.now().getTime(),
      timeoutMs: this.knobs.clientTimeoutMs,
      retries: this.knobs.clientRetries,
      backoffBaseMs: this.knobs.clientBackoffBaseMs,
      backoffMaxMs: this.knobs.clientBackoffMaxMs,
    }
  }

  /** The outcome of a failed attempt, from the class of its error. */
  #failure(job: JobRow, err: unknown, progress: JobProgress): Finish {
    const { clock, logger, access, db } = this.#deps
    const now = clock.now().getTime()
    const base = { writes: progress.writes, clockworkPersonId: progress.personId }
    const at = (ms: number) => new Date(ms).toISOString()
    const failure = classify(err)
    switch (failure.kind) {
      case "stopped":
        return { ...base, state: "pending", reason: "Interrupted: the server stopped; it runs again at the next start", nextAttemptAt: at(now) }
      case "not_connected":
        return { ...base, state: "paused", reason: `Paused: ${failure.message}` }
      case "unauthorized": {
        const reason = "Paused: Clockwork rejected the stored credentials; an admin must activate the integration again"
        access.pause(job.teamId)
        pauseTeam(db, clock, job.teamId, reason)
        logger.warn({ teamId: job.teamId, jobId: job.id }, "sync: Clockwork answered 401; the team's jobs are paused")
        return { ...base, state: "paused", reason, lastError: failure.message }
      }
      case "rate_limited": {
        const firm = access.firmOf(job.teamId)?.firm
        const gate = firm ? (this.#pacers.peek(firm)?.gateUntil ?? 0) : 0
        const when = Math.max(gate, now + failure.retryAfterMs)
        return { ...base, state: "pending", reason: `Clockwork asked us to slow down; trying again at ${at(when)}`, lastError: failure.message, nextAttemptAt: at(when) }
      }
      case "permanent":
        return { ...base, state: "dead", reason: failure.message, lastError: failure.message }
      case "transient":
      case "internal": {
        if (failure.kind === "internal") logger.error({ err, jobId: job.id, teamId: job.teamId }, "sync: job failed with an unexpected error")
        const message = failure.kind === "internal" ? "Internal error (see the server log)" : failure.message
        const firm = access.firmOf(job.teamId)?.firm
        const pacer = firm ? this.#pacers.peek(firm) : undefined
        if (pacer?.down && failure.kind === "transient") {
          const when = Math.max(pacer.gateUntil, now) + Math.floor(this.#random() * this.knobs.pollIntervalMs)
          return { ...base, state: "pending", reason: "Clockwork is not answering; waiting for it to recover", lastError: message, nextAttemptAt: at(when) }
        }
        const failures = job.failures + 1
        if (failures >= this.knobs.maxAttempts) {
          return { ...base, state: "failed", reason: `Gave up after ${failures} failed attempts; retry it from the sync log`, lastError: message, countFailure: true }
        }
        const when = now + backoffDelay(job.failures, { baseMs: this.knobs.backoffBaseMs, maxMs: this.knobs.backoffMaxMs }, this.#random)
        return { ...base, state: "pending", reason: `Attempt failed; trying again at ${at(when)}`, lastError: message, nextAttemptAt: at(when), countFailure: true }
      }
    }
  }
}

export type { BulkSyncProgress, RunProgress }
