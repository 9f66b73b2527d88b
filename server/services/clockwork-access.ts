// Clockwork access for a team: decrypts the stored credentials into a client, keeps the
// integration's status current (lastSuccessAt on success; needs_attention with lastError when
// Clockwork answers 401), caches the firm's metadata per team, and looks people up (optionally
// through a short-lived per-team cache, for what is only displayed).
// The routes and the sync engine share one instance per app.
import { and, eq, sql } from "drizzle-orm"
import {
  FIELD_LABELS,
  STANDARD_FIELD_IDS,
  type ClockworkMetadata,
  type ClockworkPersonSnapshot,
  type ClockworkPersonSummary,
  type IntegrationStatus,
} from "@shared/index"
import {
  ClockworkError,
  Unauthorized,
  findPerson,
  toSnapshot,
  toSummary,
  type ClockworkClient,
  type ClockworkCredentials,
  type CwPerson,
  type VerifyResult,
} from "../clockwork/index"
import type { Db } from "../db/client"
import { preparedPerDb } from "../db/prepared"
import { integrations, users } from "../db/schema"
import type { Logger } from "../logger"
import { SecretDecryptError, type SecretBox } from "../secrets"
import type { ClockworkFactory, ClockworkHooks } from "../deps"
import type { Clock } from "./clock"

export const DEFAULT_METADATA_TTL_MS = 60_000
/** How long a cached look-up answers `lookupPerson(…, { cached: true })`. */
export const DEFAULT_LOOKUP_TTL_MS = 15_000
/** Cached look-ups kept per team; the oldest goes first. */
export const LOOKUP_CACHE_MAX_PER_TEAM = 2000
const SUCCESS_WRITE_INTERVAL_MS = 1000

const CUSTOM_FIELD_ID = /^[A-Za-z0-9_-]{1,64}$/

/** The team has no usable Clockwork integration (never activated, deactivated, or undecryptable). */
export class IntegrationUnavailable extends Error {
  override name = "IntegrationUnavailable"
}

export interface PersonMatch {
  person: CwPerson
  matchedBy: { by: "linkedin_url" | "email"; value: string }
  summary: ClockworkPersonSummary
  snapshot: ClockworkPersonSnapshot
}

export interface ClockworkAccessDeps {
  db: Db
  secrets: SecretBox
  clock: Clock
  logger: Logger
  clockwork: ClockworkFactory
  metadataTtlMs?: number | undefined
  /** Lifetime of a cached look-up (default DEFAULT_LOOKUP_TTL_MS); 0 turns the cache off. */
  lookupTtlMs?: number | undefined
}

interface CachedLookup {
  value: PersonMatch | undefined
  expiresAt: number
}

const integrationQuery = preparedPerDb((db) => db.select().from(integrations).where(eq(integrations.teamId, sql.placeholder("teamId"))).prepare())
const firmQuery = preparedPerDb((db) =>
  db.select({ firm: integrations.firm, paused: integrations.paused }).from(integrations).where(eq(integrations.teamId, sql.placeholder("teamId"))).prepare(),
)

const NOT_CONNECTED: IntegrationStatus = {
  state: "not_connected",
  firm: null,
  apiKeyLast4: null,
  connectedAt: null,
  connectedBy: null,
  lastSuccessAt: null,
  lastError: null,
  paused: false,
}

const REJECTED_MESSAGE = "Clockwork rejected the stored credentials; an admin must activate the integration again"

export class ClockworkAccess {
  readonly #deps: ClockworkAccessDeps
  readonly #ttlMs: number
  readonly #cache = new Map<string, { value: ClockworkMetadata; expiresAt: number }>()
  readonly #inflight = new Map<string, Promise<ClockworkMetadata>>()
  /** Bumped on invalidation so a fetch that started earlier does not refill the cache. */
  readonly #generation = new Map<string, number>()
  /** When each team's success was last written (epoch ms). */
  readonly #lastSuccess = new Map<string, number>()
  readonly #lookupTtlMs: number
  /** Per team: look-up key → answer. Map order is insertion order, so the first entry is the oldest. */
  readonly #lookups = new Map<string, Map<string, CachedLookup>>()
  readonly #lookupsInflight = new Map<string, Promise<PersonMatch | undefined>>()
  /** Bumped whenever a team's look-ups are invalidated, so a look-up that started earlier does not refill the cache. */
  readonly #lookupGeneration = new Map<string, number>()

  constructor(deps: ClockworkAccessDeps) {
    this.#deps = deps
    this.#ttlMs = deps.metadataTtlMs ?? DEFAULT_METADATA_TTL_MS
    this.#lookupTtlMs = deps.lookupTtlMs ?? DEFAULT_LOOKUP_TTL_MS
  }

  /** The integration status as anyone on the team may see it (no secrets). */
  status(teamId: string): IntegrationStatus {
    const row = this.#deps.db
      .select({ integration: integrations, connectedByName: users.name })
      .from(integrations)
      .leftJoin(users, eq(users.id, integrations.connectedBy))
      .where(eq(integrations.teamId, teamId))
      .get()
    if (!row) return NOT_CONNECTED
    const i = row.integration
    return {
      state: i.state,
      firm: i.firm,
      apiKeyLast4: i.apiKeyLast4,
      connectedAt: i.connectedAt,
      connectedBy: row.connectedByName,
      lastSuccessAt: i.lastSuccessAt,
      lastError: i.lastError,
      paused: i.paused,
    }
  }

  /** The team's decrypted credentials. Throws IntegrationUnavailable when there are none or they cannot be decrypted. */
  credentials(teamId: string): ClockworkCredentials {
    const row = integrationQuery(this.#deps.db).get({ teamId })
    if (!row) throw new IntegrationUnavailable("Clockwork is not connected for your team; an admin can activate it under Integration")
    try {
      const { secrets } = this.#deps
      return {
        firm: row.firm,
        apiKey: secrets.decrypt(teamId, "apiKey", row.apiKeyEnc),
        apiSecret: secrets.decrypt(teamId, "apiSecret", row.apiSecretEnc),
        serviceKey: secrets.decrypt(teamId, "serviceKey", row.serviceKeyEnc),
      }
    } catch (err) {
      if (!(err instanceof SecretDecryptError)) throw err
      const message = "The stored Clockwork credentials cannot be decrypted with this server's secret key; an admin must activate the integration again"
      this.#deps.logger.error({ teamId }, message)
      this.#markFailure(teamId, message, true)
      throw new IntegrationUnavailable(message)
    }
  }

  /**
   * Runs `fn` with a client for the team and records the outcome on the integration: success sets
   * lastSuccessAt (and clears a previous needs_attention); a 401 from Clockwork marks it
   * needs_attention; other Clockwork failures are recorded in lastError. Errors are rethrown.
   * `hooks` reach the client (the sync engine paces its calls through them).
   */
  async call<T>(teamId: string, fn: (client: ClockworkClient) => Promise<T>, hooks?: ClockworkHooks): Promise<T> {
    // Whatever `fn` wrote (the sync engine's writes go through here) must not be hidden by a cached
    // look-up, whether it succeeded or failed half-way.
    try {
      return await this.#call(teamId, fn, hooks)
    } finally {
      this.invalidateLookups(teamId)
    }
  }

  /** `call` for reads of this class (look-ups, metadata): they leave the look-up cache alone. */
  async #call<T>(teamId: string, fn: (client: ClockworkClient) => Promise<T>, hooks?: ClockworkHooks): Promise<T> {
    const client = this.#deps.clockwork(this.credentials(teamId), hooks)
    try {
      const result = await fn(client)
      this.#markSuccess(teamId)
      return result
    } catch (err) {
      if (err instanceof Unauthorized) {
        this.#deps.logger.warn({ teamId, status: err.status }, "Clockwork rejected the stored credentials")
        this.#markFailure(teamId, REJECTED_MESSAGE, true)
      } else if (err instanceof ClockworkError) {
        this.#deps.logger.warn({ teamId, kind: err.kind, status: err.status, error: err.message }, "Clockwork call failed")
        this.#markFailure(teamId, `Clockwork call failed: ${err.message}`, false)
      }
      throw err
    }
  }

  /**
   * Verifies credentials against Clockwork and, only when they are valid, stores them encrypted.
   * Nothing is stored for invalid or unreachable results.
   */
  async activate(teamId: string, userId: string, credentials: ClockworkCredentials): Promise<{ result: VerifyResult; status: IntegrationStatus }> {
    const result = await this.#deps.clockwork(credentials).verifyCredentials()
    if (result.status !== "valid") return { result, status: this.status(teamId) }
    const { secrets, clock, db } = this.#deps
    const now = clock.now().toISOString()
    const values = {
      state: "connected" as const,
      firm: credentials.firm,
      apiKeyEnc: secrets.encrypt(teamId, "apiKey", credentials.apiKey),
      apiSecretEnc: secrets.encrypt(teamId, "apiSecret", credentials.apiSecret),
      serviceKeyEnc: secrets.encrypt(teamId, "serviceKey", credentials.serviceKey),
      apiKeyLast4: credentials.apiKey.slice(-4),
      connectedAt: now,
      connectedBy: userId,
      lastSuccessAt: now,
      lastError: null,
      paused: false,
      updatedAt: now,
    }
    db.insert(integrations)
      .values({ teamId, ...values })
      .onConflictDoUpdate({ target: integrations.teamId, set: values })
      .run()
    this.#lastSuccess.delete(teamId)
    this.invalidateMetadata(teamId)
    this.invalidateLookups(teamId)
    return { result, status: this.status(teamId) }
  }

  /**
   * Marks the integration as needing attention and paused (the sync engine holds the team's jobs
   * until an admin activates it again, which clears `paused`).
   */
  pause(teamId: string, message: string = REJECTED_MESSAGE): void {
    this.#lastSuccess.delete(teamId)
    const now = this.#deps.clock.now().toISOString()
    this.#deps.db
      .update(integrations)
      .set({ state: "needs_attention", paused: true, lastError: message, updatedAt: now })
      .where(eq(integrations.teamId, teamId))
      .run()
    this.invalidateMetadata(teamId)
    this.invalidateLookups(teamId)
  }

  /** The firm of the team's integration, and whether it is paused; undefined when not connected. */
  firmOf(teamId: string): { firm: string; paused: boolean } | undefined {
    return firmQuery(this.#deps.db).get({ teamId })
  }

  /** Forgets the team's credentials. */
  deactivate(teamId: string): IntegrationStatus {
    this.#deps.db.delete(integrations).where(eq(integrations.teamId, teamId)).run()
    this.invalidateMetadata(teamId)
    this.invalidateLookups(teamId)
    return this.status(teamId)
  }

  /**
   * Forgets the team's cached look-ups (after our own writes to its Clockwork, a webhook from it,
   * or a change of its integration). A look-up still in flight will not store its answer.
   */
  invalidateLookups(teamId: string): void {
    this.#lookups.delete(teamId)
    this.#lookupGeneration.set(teamId, (this.#lookupGeneration.get(teamId) ?? 0) + 1)
    for (const key of this.#lookupsInflight.keys()) if (key.startsWith(`${teamId}\n`)) this.#lookupsInflight.delete(key)
  }

  invalidateMetadata(teamId: string): void {
    this.#cache.delete(teamId)
    this.#inflight.delete(teamId)
    this.#generation.set(teamId, (this.#generation.get(teamId) ?? 0) + 1)
  }

  /** The firm's metadata, from the cache while it is younger than the TTL; `refresh` fetches anew. */
  async metadata(teamId: string, opts: { refresh?: boolean } = {}): Promise<ClockworkMetadata> {
    if (opts.refresh) this.invalidateMetadata(teamId)
    const now = this.#deps.clock.now().getTime()
    const cached = this.#cache.get(teamId)
    if (cached && cached.expiresAt > now) return cached.value
    const pending = this.#inflight.get(teamId)
    if (pending) return pending
    const generation = this.#generation.get(teamId) ?? 0
    const fetching = this.#fetchMetadata(teamId).finally(() => {
      if (this.#inflight.get(teamId) === fetching) this.#inflight.delete(teamId)
    })
    this.#inflight.set(teamId, fetching)
    const value = await fetching
    if ((this.#generation.get(teamId) ?? 0) === generation) {
      this.#cache.set(teamId, { value, expiresAt: this.#deps.clock.now().getTime() + this.#ttlMs })
    }
    return value
  }

  async #fetchMetadata(teamId: string): Promise<ClockworkMetadata> {
    const [customFields, noteTypes, statuses, tags, projects] = await this.#call(teamId, (client) =>
      Promise.all([client.listCustomFields(), client.listNoteTypes(), client.listStatuses(), client.listTags(), client.listProjects()]),
    )
    const custom = customFields.filter((f) => CUSTOM_FIELD_ID.test(f.id))
    if (custom.length < customFields.length) {
      this.#deps.logger.warn({ teamId, skipped: customFields.length - custom.length }, "custom fields with unusable ids were left out")
    }
    return {
      fields: [
        ...STANDARD_FIELD_IDS.map((id) => ({ id, label: FIELD_LABELS[id], custom: false })),
        ...custom.map((f) => ({ id: `custom:${f.id}` as const, label: f.name, custom: true })),
      ],
      noteTypes: noteTypes.map((n) => ({ id: n.id, name: n.name })),
      statuses: [...statuses].sort((a, b) => a.position - b.position).map((s) => ({ id: s.id, name: s.name, group: s.group })),
      tags: tags.map((t) => ({ id: t.id, name: t.name })),
      projects: projects.map((p) => ({ id: p.id, name: p.name })),
      fetchedAt: this.#deps.clock.now().toISOString(),
    }
  }

  /**
   * Finds the person in the team's Clockwork by LinkedIn URL or email; undefined when nobody
   * matches (or no identifier is given). Throws IntegrationUnavailable when not connected.
   *
   * With `cached: true` an answer (a match or a miss) up to `lookupTtlMs` old may be returned, and
   * concurrent identical look-ups share one. For what is only shown (the decision preview, the "In
   * Clockwork" badge), never for what decides (the send check, the sync engine): a change made in
   * Clockwork by anyone but this server (its UI, another integration, another Cogsync process) shows
   * up to `lookupTtlMs` late. This server's own writes, webhooks and integration changes clear it.
   */
  async lookupPerson(teamId: string, ids: { linkedinUrls: string[]; emails: string[] }, opts: { cached?: boolean } = {}): Promise<PersonMatch | undefined> {
    if (ids.linkedinUrls.length === 0 && ids.emails.length === 0) {
      this.credentials(teamId)
      return undefined
    }
    if (!opts.cached || this.#lookupTtlMs <= 0) return this.#lookup(teamId, ids)
    // Cheap check that the integration is still there (another process may have removed it); the
    // firm is part of the key, so answers never cross firms.
    const firm = this.firmOf(teamId)?.firm
    if (firm === undefined) this.credentials(teamId)
    const key = `${teamId}\n${JSON.stringify([firm, ids.linkedinUrls, ids.emails])}`
    const now = this.#deps.clock.now().getTime()
    const teamCache = this.#lookups.get(teamId)
    const hit = teamCache?.get(key)
    if (hit && hit.expiresAt > now) return hit.value
    const pending = this.#lookupsInflight.get(key)
    if (pending) return pending
    const generation = this.#lookupGeneration.get(teamId) ?? 0
    const looking = this.#lookup(teamId, ids).finally(() => {
      if (this.#lookupsInflight.get(key) === looking) this.#lookupsInflight.delete(key)
    })
    this.#lookupsInflight.set(key, looking)
    const value = await looking
    if ((this.#lookupGeneration.get(teamId) ?? 0) === generation) {
      const cache = this.#lookups.get(teamId) ?? new Map<string, CachedLookup>()
      this.#lookups.set(teamId, cache)
      cache.delete(key)
      cache.set(key, { value, expiresAt: this.#deps.clock.now().getTime() + this.#lookupTtlMs })
      if (cache.size > LOOKUP_CACHE_MAX_PER_TEAM) cache.delete(cache.keys().next().value!)
    }
    return value
  }

  async #lookup(teamId: string, ids: { linkedinUrls: string[]; emails: string[] }): Promise<PersonMatch | undefined> {
    return this.#call(teamId, async (client) => {
      const found = await findPerson(client, ids)
      if (!found) return undefined
      return {
        person: found.person,
        matchedBy: found.matchedBy,
        summary: toSummary(found.person, found.matchedBy, client.firm),
        snapshot: toSnapshot(found.person, { matchedBy: found.matchedBy, firm: client.firm }),
      }
    })
  }

  #markSuccess(teamId: string): void {
    // A busy team (the sync engine's bulk runs) succeeds many times a second: record it at most
    // once a second unless the last outcome was a failure.
    const ms = this.#deps.clock.now().getTime()
    const last = this.#lastSuccess.get(teamId)
    if (last !== undefined && ms - last >= 0 && ms - last < SUCCESS_WRITE_INTERVAL_MS) return
    this.#lastSuccess.set(teamId, ms)
    const now = new Date(ms).toISOString()
    // NOTE: a paused integration stays "needs attention" even when a call that started before the
    // 401 succeeds late: only activation resumes it.
    this.#deps.db
      .update(integrations)
      .set({ state: "connected", lastSuccessAt: now, lastError: null, updatedAt: now })
      .where(and(eq(integrations.teamId, teamId), eq(integrations.paused, false)))
      .run()
  }

  #markFailure(teamId: string, message: string, needsAttention: boolean): void {
    this.#lastSuccess.delete(teamId)
    const now = this.#deps.clock.now().toISOString()
    this.#deps.db
      .update(integrations)
      .set({ lastError: message, updatedAt: now, ...(needsAttention ? { state: "needs_attention" as const } : {}) })
      .where(eq(integrations.teamId, teamId))
      .run()
    if (needsAttention) {
      this.invalidateMetadata(teamId)
      this.invalidateLookups(teamId)
    }
  }
}
