import * as z from "zod"

/**
 * Per-firm faults and limits of the sandbox: a token-bucket rate limit (429 + Retry-After in
 * seconds or as an HTTP date), injected 500/503, connection resets, hangs, latency, "commit then
 * drop", an outage switch, and bookkeeping of rate-limit violations. All randomness comes from a
 * seeded PRNG, so a run with the same seed and the same request order injects the same faults.
 */

/** mulberry32: a small, fast, seedable PRNG returning [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const probability = z.number().min(0).max(1)

export const RateLimitSchema = z.object({
  ratePerSecond: z.number().positive().max(100_000),
  burst: z.number().int().min(1).max(100_000),
  retryAfter: z.enum(["seconds", "http-date"]).default("seconds"),
})
export type RateLimit = z.infer<typeof RateLimitSchema>

export const FaultsSchema = z
  .object({
    /** Seed of this firm's fault PRNG (default: the sandbox's seed). */
    seed: z.number().int().optional(),
    rateLimit: RateLimitSchema.nullable().optional(),
    /** Probabilities per request; their sum must not exceed 1. */
    error500: probability.default(0),
    error503: probability.default(0),
    /** Reset the connection before answering. */
    reset: probability.default(0),
    /** Never answer; the client must time out. */
    hang: probability.default(0),
    /** Apply the write, then reset the connection instead of answering (writes only). */
    commitThenDrop: probability.default(0),
    /** Added to every matching request before it is handled. */
    latencyMs: z.number().int().min(0).max(120_000).default(0),
    /** Outage: every request of the firm answers 503. */
    down: z.boolean().default(false),
    /** Only requests with these methods get the probabilistic faults and latency (default: all). */
    methods: z.array(z.enum(["GET", "POST", "PATCH", "PUT", "DELETE"])).optional(),
    /** Only paths under `/v3.0/{firm}` starting with this prefix, e.g. "/people" (default: all). */
    pathPrefix: z.string().startsWith("/").max(200).optional(),
    /** Stop injecting probabilistic faults after this many (default: no limit). */
    maxFaults: z.number().int().min(0).optional(),
  })
  .refine((f) => f.error500 + f.error503 + f.reset + f.hang + f.commitThenDrop <= 1 + 1e-9, {
    message: "the fault probabilities add up to more than 1",
    path: ["error500"],
  })
export type Faults = z.infer<typeof FaultsSchema>
export type FaultsInput = z.input<typeof FaultsSchema>

export type FaultKind = "error500" | "error503" | "reset" | "hang" | "commitThenDrop"

export interface FirmStats {
  /** Requests that reached the firm's API (any status). */
  requests: number
  /** 429 answers sent. */
  rateLimited: number
  /** Requests from a client that arrived before the Retry-After we announced to it had passed. */
  violations: number
  faultsInjected: Record<FaultKind | "down" | "latency", number>
}

/** Zeroed stats. */
export function emptyStats(): FirmStats {
  return { requests: 0, rateLimited: 0, violations: 0, faultsInjected: { error500: 0, error503: 0, reset: 0, hang: 0, commitThenDrop: 0, down: 0, latency: 0 } }
}

/** A token bucket: `burst` tokens, refilled continuously at `ratePerSecond`. */
export class TokenBucket {
  private tokens: number
  private last: number

  /** Starts full at time `nowMs`. */
  constructor(
    private readonly limit: RateLimit,
    nowMs: number,
  ) {
    this.tokens = limit.burst
    this.last = nowMs
  }

  /** Takes a token: 0 when allowed, else the ms until one is available. */
  take(nowMs: number): number {
    const elapsed = Math.max(0, nowMs - this.last) / 1000
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsed * this.limit.ratePerSecond)
    this.last = Math.max(this.last, nowMs)
    if (this.tokens >= 1) {
      this.tokens -= 1
      return 0
    }
    return Math.ceil(((1 - this.tokens) / this.limit.ratePerSecond) * 1000)
  }
}

/**
 * The Retry-After header for a wait, and the instant it announces. HTTP allows whole seconds only,
 * so the wait is rounded up (seconds form) or the date rounded up to the next second (date form).
 */
export function retryAfterHeader(waitMs: number, nowMs: number, form: RateLimit["retryAfter"]): { value: string; untilMs: number } {
  if (form === "seconds") {
    const secs = Math.max(1, Math.ceil(waitMs / 1000))
    return { value: String(secs), untilMs: nowMs + secs * 1000 }
  }
  const untilMs = Math.ceil((nowMs + Math.max(waitMs, 1)) / 1000) * 1000
  return { value: new Date(untilMs).toUTCString(), untilMs }
}

/** What the sandbox does with one request, decided before it is handled. */
export type Verdict =
  | { type: "down" }
  | { type: "rateLimited"; retryAfter: string }
  | { type: "proceed"; latencyMs: number; fault: FaultKind | null }

/** Faults, rate limit and stats of one firm. */
export class FirmFaults {
  private faults: Faults = FaultsSchema.parse({})
  private rng: () => number
  private injected = 0
  private buckets = new Map<string, TokenBucket>()
  private retryAfterUntil = new Map<string, number>()
  stats: FirmStats = emptyStats()

  /** Starts with no faults; `defaultSeed` seeds the PRNG until faults name their own seed. */
  constructor(private readonly defaultSeed: number) {
    this.rng = mulberry32(defaultSeed)
  }

  /** The current configuration. */
  get config(): Faults {
    return this.faults
  }

  /** Replaces the configuration; re-seeds the PRNG and refills the buckets. */
  set(input: FaultsInput | null): Faults {
    this.faults = FaultsSchema.parse(input ?? {})
    this.rng = mulberry32(this.faults.seed ?? this.defaultSeed)
    this.injected = 0
    this.buckets.clear()
    return this.faults
  }

  /** Sets or clears the rate limit, keeping the other faults. */
  setRateLimit(limit: z.input<typeof RateLimitSchema> | null): void {
    this.faults = { ...this.faults, rateLimit: limit ? RateLimitSchema.parse(limit) : null }
    this.buckets.clear()
  }

  /** Clears faults, buckets, announced Retry-Afters and stats. */
  reset(): void {
    this.set(null)
    this.retryAfterUntil.clear()
    this.stats = emptyStats()
  }

  /** Counts a request refused before it could be decided (bad credentials). */
  countRefused(): void {
    this.stats.requests++
  }

  /** Whether the firm is in an outage; counts the request and the fault when it is. */
  outage(): boolean {
    if (!this.faults.down) return false
    this.stats.requests++
    this.stats.faultsInjected.down++
    return true
  }

  /** Decides the fate of a request from `client` (its API key) to `path` (under the firm) at `nowMs`. */
  decide(client: string, method: string, path: string, nowMs: number, isWrite: boolean): Verdict {
    const f = this.faults
    this.stats.requests++
    const until = this.retryAfterUntil.get(client)
    if (until !== undefined) {
      if (nowMs < until) this.stats.violations++
      else this.retryAfterUntil.delete(client)
    }
    if (f.down) {
      this.stats.faultsInjected.down++
      return { type: "down" }
    }
    if (f.rateLimit) {
      let bucket = this.buckets.get(client)
      if (!bucket) this.buckets.set(client, (bucket = new TokenBucket(f.rateLimit, nowMs)))
      const wait = bucket.take(nowMs)
      if (wait > 0) {
        const header = retryAfterHeader(wait, nowMs, f.rateLimit.retryAfter)
        this.retryAfterUntil.set(client, Math.max(header.untilMs, this.retryAfterUntil.get(client) ?? 0))
        this.stats.rateLimited++
        return { type: "rateLimited", retryAfter: header.value }
      }
    }
    const inScope = (!f.methods || f.methods.includes(method as never)) && (!f.pathPrefix || path.startsWith(f.pathPrefix))
    if (!inScope) return { type: "proceed", latencyMs: 0, fault: null }
    if (f.latencyMs > 0) this.stats.faultsInjected.latency++
    const fault = this.roll(isWrite)
    if (fault) this.stats.faultsInjected[fault]++
    return { type: "proceed", latencyMs: f.latencyMs, fault }
  }

  /** One PRNG draw picks at most one fault by cumulative probability. */
  private roll(isWrite: boolean): FaultKind | null {
    const f = this.faults
    const total = f.error500 + f.error503 + f.reset + f.hang + f.commitThenDrop
    if (total === 0) return null
    if (f.maxFaults !== undefined && this.injected >= f.maxFaults) return null
    const r = this.rng()
    let acc = 0
    for (const kind of ["error500", "error503", "reset", "hang", "commitThenDrop"] as const) {
      acc += f[kind]
      if (r < acc) {
        if (kind === "commitThenDrop" && !isWrite) return null
        this.injected++
        return kind
      }
    }
    return null
  }
}
