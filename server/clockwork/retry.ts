/**
 * Pure retry arithmetic of the Clockwork client: Retry-After parsing and exponential backoff with
 * full jitter. No clock or randomness of its own; callers pass both in.
 */

/**
 * Milliseconds to wait according to a Retry-After header, in either form: delta-seconds ("120")
 * or an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT"). A date in the past gives 0. Returns undefined
 * when the header is absent or unparseable.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined
  const value = header.trim()
  if (value === "") return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  // NOTE: HTTP dates always name the weekday and GMT; refusing other text avoids Date.parse leniency.
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value)) return undefined
  const at = Date.parse(value)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - nowMs)
}

export interface BackoffOptions {
  /** Delay cap of the first retry, in ms. */
  baseMs: number
  /** Upper bound of any backoff delay, in ms. */
  maxMs: number
}

/**
 * Extra wait after a Retry-After. NOTE: Node's timers may fire a millisecond early; waiting this much
 * longer keeps a call from arriving before the instant Clockwork named.
 */
export const RETRY_AFTER_MARGIN_MS = 25

/** The exponential cap of attempt `attempt` (0 for the first retry): min(max, base·2^attempt). */
export function backoffCap(attempt: number, opts: BackoffOptions): number {
  return Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt))
}

/**
 * Full-jitter backoff (AWS architecture blog): a uniform draw in [0, backoffCap(attempt)).
 * `attempt` is 0 for the first retry; `random` returns [0, 1).
 */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: () => number): number {
  return Math.floor(random() * backoffCap(attempt, opts))
}

/** HTTP statuses worth another attempt of a safe call. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504
}
