import ky from "ky"
import type * as z from "zod"
import { InvalidResponse, NotFound, RateLimited, Rejected, Timeout, Unauthorized, Upstream, type ClockworkError } from "./errors"
import { assertHeaderSafe, buildApiUrl, normalizeBaseUrl } from "./firm"
import { RETRY_AFTER_MARGIN_MS, backoffDelay, isRetryableStatus, parseRetryAfter } from "./retry"

export interface ClockworkCredentials {
  /** Firm subdomain, validated against FIRM_RE. */
  firm: string
  apiKey: string
  apiSecret: string
  serviceKey: string
}

/** Options of the HTTP layer (ClockworkClientOptions adds a default base URL). */
export interface TransportOptions {
  baseUrl: string
  credentials: ClockworkCredentials
  /** Per attempt, including reading the body. Default 10 000. */
  timeoutMs?: number
  /** Extra attempts for safe calls (GET, PATCH, DELETE). Default 3. */
  retries?: number
  /** Full-jitter backoff: first retry waits up to this many ms. Default 300. */
  backoffBaseMs?: number
  /** Backoff cap in ms. Default 10 000. */
  backoffMaxMs?: number
  /** A Retry-After longer than this is not waited out: RateLimited is thrown instead. Default 60 000. */
  maxRetryAfterMs?: number
  /** Called before every HTTP attempt (method, path without host or query); pacing hooks and tests use it. */
  beforeRequest?: (info: { method: string; path: string }) => Promise<void> | void
  /** Called after every HTTP attempt with its outcome (status and Retry-After, or timeout/network); pacing uses it. */
  afterAttempt?: (info: AttemptInfo) => void
  /** Injected sleep for backoff and Retry-After waits (default: real timers). */
  sleep?: (ms: number) => Promise<void>
  /** Injected randomness for jitter, [0, 1) (default Math.random). */
  random?: () => number
  /** Injected clock in epoch ms, used to read HTTP-date Retry-After (default Date.now). */
  now?: () => number
  /** Custom fetch, e.g. `(req) => sandbox.app.fetch(req)` to talk to an in-process sandbox. */
  fetch?: (input: Request) => Promise<Response> | Response
}

/** What one HTTP attempt came to: Clockwork's status (with its Retry-After in ms, when it sent one), or no answer. */
export interface AttemptInfo {
  method: string
  path: string
  status?: number
  retryAfterMs?: number
  failure?: "timeout" | "network"
}

/**
 * Which failures a call may retry. "safe": GET and idempotent writes (PATCH, DELETE) retry on
 * 429, 5xx, resets, refusals and timeouts. "write": creates retry only when the request provably
 * was not applied: 429 (refused by the rate limiter) or a refused connection.
 */
export type RetryPolicy = "safe" | "write" | "none"

export type Method = "GET" | "POST" | "PATCH" | "DELETE"

/** One API call: method, path segments (each named for error messages), query, body and schema. */
export interface CallSpec<S extends z.ZodType | undefined> {
  method: Method
  segments: ReadonlyArray<readonly [field: string, value: string]>
  query?: Record<string, string | number | undefined>
  body?: unknown
  schema: S
  retry?: RetryPolicy
  /** GET of a single record: a 404 resolves to undefined instead of throwing NotFound. */
  notFoundAsUndefined?: boolean
}

type Outcome =
  | { type: "response"; status: number; headers: Headers; text: string }
  | { type: "timeout" }
  | { type: "network"; code: string }

/** The HTTP layer: builds URLs, authenticates, times out, retries, maps failures to typed errors. */
export class Transport {
  readonly firm: string
  private readonly base: URL
  private readonly headers: Record<string, string>
  private readonly opts: Required<Omit<TransportOptions, "beforeRequest" | "afterAttempt" | "fetch" | "credentials" | "baseUrl">> &
    Pick<TransportOptions, "beforeRequest" | "afterAttempt" | "fetch">

  /** Validates the base URL and credentials up front; throws InvalidInputError before any request. */
  constructor(options: TransportOptions) {
    const { credentials } = options
    this.base = normalizeBaseUrl(options.baseUrl)
    this.firm = credentials.firm
    buildApiUrl(this.base, credentials.firm, [["resource", "people"]])
    const apiKey = assertHeaderSafe("apiKey", credentials.apiKey)
    const apiSecret = assertHeaderSafe("apiSecret", credentials.apiSecret)
    const serviceKey = assertHeaderSafe("serviceKey", credentials.serviceKey)
    this.headers = {
      Authorization: `Token ${Buffer.from(`${apiKey}:${apiSecret}`, "utf8").toString("base64")}`,
      "X-API-Key": serviceKey,
      Accept: "application/json",
    }
    this.opts = {
      timeoutMs: options.timeoutMs ?? 10_000,
      retries: options.retries ?? 3,
      backoffBaseMs: options.backoffBaseMs ?? 300,
      backoffMaxMs: options.backoffMaxMs ?? 10_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
      beforeRequest: options.beforeRequest,
      afterAttempt: options.afterAttempt,
      fetch: options.fetch,
    }
  }

  /** Performs the call with its retry policy; resolves to the parsed body (undefined for 204 or a tolerated 404). */
  async call<S extends z.ZodType | undefined>(
    spec: CallSpec<S>,
    overrides: { retries?: number } = {},
  ): Promise<S extends z.ZodType ? z.output<S> | undefined : undefined> {
    const url = buildApiUrl(this.base, this.firm, spec.segments)
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v))
    const label = `${spec.method} ${url.pathname}`
    const policy = spec.retry ?? (spec.method === "POST" ? "write" : "safe")
    const maxRetries = policy === "none" ? 0 : (overrides.retries ?? this.opts.retries)
    let uncertain = false
    for (let attempt = 0; ; attempt++) {
      await this.opts.beforeRequest?.({ method: spec.method, path: url.pathname })
      const outcome = await this.attempt(spec.method, url, spec.body)
      this.report(spec.method, url.pathname, outcome)
      const canRetry = attempt < maxRetries
      if (outcome.type === "response" && outcome.status >= 200 && outcome.status < 300) {
        return this.parse(spec, outcome, label) as never
      }
      if (outcome.type === "response" && outcome.status === 404) {
        // NOTE: a DELETE retried after a dropped or failed attempt finds the record gone: that is success.
        if (spec.method === "DELETE" && uncertain) return undefined as never
        if (spec.notFoundAsUndefined) return undefined as never
      }
      const error = this.toError(spec.method, outcome, label)
      const retryable = canRetry && this.isRetryable(policy, outcome)
      if (!retryable) throw error
      if (spec.method !== "GET" && error.mayHaveBeenApplied) uncertain = true
      let wait = backoffDelay(attempt, { baseMs: this.opts.backoffBaseMs, maxMs: this.opts.backoffMaxMs }, this.opts.random)
      if (outcome.type === "response") {
        const retryAfter = parseRetryAfter(outcome.headers.get("retry-after"), this.opts.now())
        if (retryAfter !== undefined) {
          if (retryAfter > this.opts.maxRetryAfterMs) throw error
          wait = retryAfter + RETRY_AFTER_MARGIN_MS
        }
      }
      await this.opts.sleep(wait)
    }
  }

  /** Tells the afterAttempt hook what the attempt came to. */
  private report(method: Method, path: string, outcome: Outcome): void {
    if (!this.opts.afterAttempt) return
    if (outcome.type !== "response") {
      this.opts.afterAttempt({ method, path, failure: outcome.type })
      return
    }
    const retryAfterMs = parseRetryAfter(outcome.headers.get("retry-after"), this.opts.now())
    this.opts.afterAttempt({ method, path, status: outcome.status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) })
  }

  /** Whether the policy allows another attempt after this outcome. */
  private isRetryable(policy: RetryPolicy, outcome: Outcome): boolean {
    if (policy === "none") return false
    if (outcome.type === "response") return outcome.status === 429 || (policy === "safe" && isRetryableStatus(outcome.status))
    if (outcome.type === "network" && outcome.code === "ECONNREFUSED") return true
    return policy === "safe"
  }

  /** One HTTP attempt with its own timeout covering the body read; never throws. */
  private async attempt(method: Method, url: URL, body: unknown): Promise<Outcome> {
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, this.opts.timeoutMs)
    try {
      const response = await ky(url, {
        method,
        headers: this.headers,
        ...(body === undefined ? {} : { json: body }),
        retry: 0,
        timeout: false,
        throwHttpErrors: false,
        redirect: "manual",
        signal: controller.signal,
        ...(this.opts.fetch ? { fetch: this.opts.fetch as typeof fetch } : {}),
      })
      const text = await response.text()
      return { type: "response", status: response.status, headers: response.headers, text }
    } catch (err) {
      if (timedOut) return { type: "timeout" }
      return { type: "network", code: networkCode(err) }
    } finally {
      clearTimeout(timer)
    }
  }

  /** Parses a 2xx body with the call's schema; InvalidResponse names the first mismatching paths. */
  private parse<S extends z.ZodType | undefined>(spec: CallSpec<S>, outcome: Extract<Outcome, { type: "response" }>, label: string): unknown {
    if (!spec.schema) return undefined
    if (outcome.status === 204 || outcome.text.trim() === "") {
      throw new InvalidResponse(`Clockwork answered ${label} with an empty body`, outcome.status)
    }
    let json: unknown
    try {
      json = JSON.parse(outcome.text)
    } catch {
      throw new InvalidResponse(`Clockwork answered ${label} with something that is not JSON`, outcome.status)
    }
    const parsed = spec.schema.safeParse(json)
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
        .join("; ")
      throw new InvalidResponse(`Clockwork's answer to ${label} has an unexpected shape (${where})`, outcome.status)
    }
    return parsed.data
  }

  /** Maps a failed outcome to its typed error. */
  private toError(method: Method, outcome: Outcome, label: string): ClockworkError {
    const write = method !== "GET"
    if (outcome.type === "timeout") return new Timeout(`Clockwork did not answer ${label} within ${this.opts.timeoutMs} ms`, write)
    if (outcome.type === "network") {
      const refused = outcome.code === "ECONNREFUSED"
      return new Upstream(`Could not reach Clockwork for ${label} (${outcome.code})`, { code: outcome.code, mayHaveBeenApplied: write && !refused })
    }
    const { status } = outcome
    const details = errorDetails(outcome.text)
    if (status === 401 || status === 403) return new Unauthorized(`Clockwork refused the credentials for ${label} (${status})`, status)
    if (status === 404) return new NotFound(`Clockwork has no such record: ${label}`)
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(outcome.headers.get("retry-after"), this.opts.now()) ?? this.opts.backoffBaseMs
      return new RateLimited(`Clockwork is rate limiting ${label}; retry in ${Math.ceil(retryAfterMs / 1000)} s`, retryAfterMs)
    }
    if (status >= 500) return new Upstream(`Clockwork failed ${label} (${status})`, { status, mayHaveBeenApplied: write })
    if (status >= 300 && status < 400) return new Upstream(`Clockwork redirected ${label} (${status}); redirects are not followed`, { status })
    return new Rejected(`Clockwork refused ${label} (${status})${details ? `: ${details}` : ""}`, status, details)
  }
}

/** The network error code of a failed fetch ("ECONNRESET", "ECONNREFUSED", "UND_ERR_SOCKET", …). */
function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; name?: unknown } } | undefined)?.cause
  if (cause && typeof cause.code === "string") return cause.code
  const own = (err as { code?: unknown } | undefined)?.code
  if (typeof own === "string") return own
  if (cause && typeof cause.name === "string") return cause.name
  return err instanceof Error ? err.name : "ERROR"
}

/** Clockwork's explanation from an error body (`message`, `errors[].message`, v1 `data.message`), at most 500 characters. */
function errorDetails(text: string): string {
  let msg = ""
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown; errors?: unknown; data?: { message?: unknown } }
    if (typeof body.message === "string") msg = body.message
    else if (typeof body.error === "string") msg = body.error
    else if (typeof body.data?.message === "string") msg = body.data.message
    if (Array.isArray(body.errors)) {
      const parts = body.errors
        .map((e: { field?: unknown; message?: unknown }) => (typeof e?.message === "string" ? (typeof e.field === "string" ? `${e.field}: ${e.message}` : e.message) : ""))
        .filter(Boolean)
      if (parts.length) msg = parts.join("; ")
    }
  } catch {
    msg = text.replace(/<[^>]*>/g, " ")
  }
  return msg.replace(/\s+/g, " ").trim().slice(0, 500)
}
