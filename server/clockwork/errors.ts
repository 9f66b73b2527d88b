/**
 * Typed errors of the Clockwork client. Every message is safe to log and to show: it names the
 * method and path (never the query string, which can carry an email) and never contains the API
 * key, secret, service key or the Authorization header.
 */

/** What went wrong, as a stable string for callers that switch on it. */
export type ClockworkErrorKind =
  | "unauthorized"
  | "not_found"
  | "rate_limited"
  | "upstream"
  | "timeout"
  | "invalid_response"
  | "rejected"

/** Base class of every failure of a Clockwork call. */
export class ClockworkError extends Error {
  readonly kind: ClockworkErrorKind
  /** HTTP status Clockwork answered with, when it answered. */
  readonly status?: number
  /**
   * True when a write may have been applied even though the call failed (the connection dropped
   * or timed out after the request was sent, or Clockwork answered 5xx). Look the record up before
   * writing again.
   */
  readonly mayHaveBeenApplied: boolean

  /** Creates the error; `mayHaveBeenApplied` defaults to false. */
  constructor(kind: ClockworkErrorKind, message: string, opts: { status?: number; mayHaveBeenApplied?: boolean } = {}) {
    super(message)
    this.name = new.target.name
    this.kind = kind
    if (opts.status !== undefined) this.status = opts.status
    this.mayHaveBeenApplied = opts.mayHaveBeenApplied ?? false
  }
}

/** 401/403: the API key, secret or firm service key is wrong, or the firm does not match them. */
export class Unauthorized extends ClockworkError {
  /** Creates the error. */
  constructor(message: string, status = 401) {
    super("unauthorized", message, { status })
  }
}

/** 404 on a write or a list under a missing parent (single-record GETs return undefined instead). */
export class NotFound extends ClockworkError {
  /** Creates the error. */
  constructor(message: string) {
    super("not_found", message, { status: 404 })
  }
}

/** 429 after the retry budget is spent, or with a Retry-After longer than the client will wait. */
export class RateLimited extends ClockworkError {
  /** How long Clockwork asked us to wait, in milliseconds. */
  readonly retryAfterMs: number
  /** Creates the error. */
  constructor(message: string, retryAfterMs: number) {
    super("rate_limited", message, { status: 429 })
    this.retryAfterMs = retryAfterMs
  }
}

/** 5xx, a refused or reset connection, an unexpected redirect: Clockwork is not answering properly. */
export class Upstream extends ClockworkError {
  /** Network-level cause, e.g. "ECONNRESET" or "ECONNREFUSED", when known. */
  readonly code?: string
  /** Creates the error. */
  constructor(message: string, opts: { status?: number; code?: string; mayHaveBeenApplied?: boolean } = {}) {
    super("upstream", message, opts)
    if (opts.code !== undefined) this.code = opts.code
  }
}

/** No complete answer within the per-attempt timeout. */
export class Timeout extends ClockworkError {
  /** Creates the error. */
  constructor(message: string, mayHaveBeenApplied: boolean) {
    super("timeout", message, { mayHaveBeenApplied })
  }
}

/** Clockwork answered 2xx with a body that is not JSON or does not match the expected shape. */
export class InvalidResponse extends ClockworkError {
  /** Creates the error. */
  constructor(message: string, status?: number) {
    super("invalid_response", message, status === undefined ? {} : { status })
  }
}

/** 400/409/422 (or another 4xx): Clockwork refused the input. Permanent; retrying will not help. */
export class Rejected extends ClockworkError {
  /** Clockwork's own explanation, trimmed to 500 characters. */
  readonly details: string
  /** Creates the error. */
  constructor(message: string, status: number, details: string) {
    super("rejected", message, { status })
    this.details = details
  }
}

/** Input the caller gave us cannot be sent (bad firm, id or credential characters). Maps to HTTP 400. */
export class InvalidInputError extends Error {
  readonly status = 400
  /** The offending field, e.g. "firm" or "personId". */
  readonly field: string
  /** Creates the error. */
  constructor(field: string, message: string) {
    super(`${field}: ${message}`)
    this.name = "InvalidInputError"
    this.field = field
  }
}
