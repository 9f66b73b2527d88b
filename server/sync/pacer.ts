// Pacing of Clockwork calls, per firm: a token bucket (rate and burst), a cap on requests in
// flight, a gate that holds every call until a Retry-After has passed, and a circuit breaker that
// spaces calls out while the firm keeps failing (an outage). Every HTTP attempt of every job of
// the firm — reads too — goes through `acquire()` first and reports back through `release()`.
import { backoffCap, type AttemptInfo } from "../clockwork/index"

export interface PacerOptions {
  /** Sustained requests per second. */
  ratePerSecond: number
  /** Requests that may go out back to back after a quiet spell. */
  burst: number
  /**
   * Requests in flight at once. NOTE: with more than 1, requests already sent when a 429 comes
   * back reach Clockwork before its Retry-After has passed; 1 guarantees none does.
   */
  maxInFlight: number
  /** Consecutive failures (5xx, resets, timeouts) after which the firm counts as down. */
  circuitThreshold: number
  /** Cooldown after the circuit opens; doubles per further failure up to `circuitMaxMs`. */
  circuitBaseMs: number
  circuitMaxMs: number
  /** Milliseconds added to every Retry-After (timers may fire a little early). */
  retryAfterMarginMs: number
  now: () => number
  sleep: (ms: number) => Promise<void>
  random: () => number
}

/** How long a 429 without a Retry-After holds the firm. */
const DEFAULT_RETRY_AFTER_MS = 1000

/** Thrown by `acquire()` once the pacer is stopped. */
export class PacerStopped extends Error {
  override name = "PacerStopped"
}

interface Waiter {
  resolve: () => void
  reject: (err: Error) => void
}

/** The pacing state of one firm. */
export class FirmPacer {
  readonly #o: PacerOptions
  #tokens: number
  #refilledAt: number
  #inFlight = 0
  #gateUntil = 0
  #failures = 0
  #queue: Waiter[] = []
  #pumping = false
  #stopped = false
  #slotFreed: (() => void) | undefined

  constructor(opts: PacerOptions) {
    this.#o = opts
    this.#tokens = opts.burst
    this.#refilledAt = opts.now()
  }

  /** No call may go out before this instant (epoch ms); 0 when open. */
  get gateUntil(): number {
    return this.#gateUntil
  }

  /** Whether the firm has failed `circuitThreshold` times in a row (an outage, as far as we can tell). */
  get down(): boolean {
    return this.#failures >= this.#o.circuitThreshold
  }

  /** Waits (in FIFO order) for the gate, a token and a free slot. Rejects with PacerStopped after stop(). */
  acquire(): Promise<void> {
    if (this.#stopped) return Promise.reject(new PacerStopped("the sync engine is stopping"))
    const done = new Promise<void>((resolve, reject) => this.#queue.push({ resolve, reject }))
    if (!this.#pumping) void this.#pump()
    return done
  }

  /** Frees the slot of a finished attempt and learns from its outcome. */
  release(info: Pick<AttemptInfo, "status" | "retryAfterMs" | "failure">): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1)
    const now = this.#o.now()
    const status = info.status
    if (info.retryAfterMs !== undefined && (status === 429 || status === 503)) {
      this.hold(now + info.retryAfterMs + this.#o.retryAfterMarginMs)
    } else if (status === 429) {
      this.hold(now + DEFAULT_RETRY_AFTER_MS)
    }
    if (info.failure || (status !== undefined && status >= 500)) {
      this.#failures++
      if (this.down) {
        const n = this.#failures - this.#o.circuitThreshold
        const cap = backoffCap(n, { baseMs: this.#o.circuitBaseMs, maxMs: this.#o.circuitMaxMs })
        // Equal jitter: at least half the cooldown, so probes never bunch up.
        this.hold(now + cap / 2 + Math.floor(this.#o.random() * (cap / 2)))
      }
    } else if (status !== undefined && status !== 429) {
      this.#failures = 0
    }
    const freed = this.#slotFreed
    this.#slotFreed = undefined
    freed?.()
  }

  /** Holds every call until `untilMs` (never shortens an existing hold). */
  hold(untilMs: number): void {
    if (untilMs > this.#gateUntil) this.#gateUntil = untilMs
  }

  /** Rejects every waiting and future acquire. */
  stop(): void {
    this.#stopped = true
    for (const w of this.#queue.splice(0)) w.reject(new PacerStopped("the sync engine is stopping"))
    const freed = this.#slotFreed
    this.#slotFreed = undefined
    freed?.()
  }

  async #pump(): Promise<void> {
    this.#pumping = true
    try {
      while (this.#queue.length > 0 && !this.#stopped) {
        const now = this.#o.now()
        if (now < this.#gateUntil) {
          await this.#o.sleep(this.#gateUntil - now)
          continue
        }
        if (this.#inFlight >= this.#o.maxInFlight) {
          await new Promise<void>((resolve) => (this.#slotFreed = resolve))
          continue
        }
        const elapsed = Math.max(0, now - this.#refilledAt)
        this.#tokens = Math.min(this.#o.burst, this.#tokens + (elapsed / 1000) * this.#o.ratePerSecond)
        this.#refilledAt = Math.max(this.#refilledAt, now)
        if (this.#tokens < 1) {
          await this.#o.sleep(Math.max(1, Math.ceil(((1 - this.#tokens) / this.#o.ratePerSecond) * 1000)))
          continue
        }
        this.#tokens -= 1
        this.#inFlight++
        this.#queue.shift()!.resolve()
      }
    } finally {
      this.#pumping = false
    }
  }
}

/** One pacer per firm, created on first use with the same options. */
export class Pacers {
  readonly #opts: PacerOptions
  readonly #byFirm = new Map<string, FirmPacer>()
  #stopped = false

  constructor(opts: PacerOptions) {
    this.#opts = opts
  }

  for(firm: string): FirmPacer {
    let pacer = this.#byFirm.get(firm)
    if (!pacer) {
      pacer = new FirmPacer(this.#opts)
      if (this.#stopped) pacer.stop()
      this.#byFirm.set(firm, pacer)
    }
    return pacer
  }

  /** The firm's pacer when it exists (no pacer: nothing is held). */
  peek(firm: string): FirmPacer | undefined {
    return this.#byFirm.get(firm)
  }

  stop(): void {
    this.#stopped = true
    for (const p of this.#byFirm.values()) p.stop()
  }
}
