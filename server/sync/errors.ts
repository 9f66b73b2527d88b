// How a failed job attempt is classified: retry later (counted or not), dead after one attempt,
// paused until an admin acts, or interrupted by shutdown.
import { ClockworkError, InvalidInputError, InvalidResponse, NotFound, RateLimited, Rejected, Unauthorized } from "../clockwork/index"
import { IntegrationUnavailable } from "../services/clockwork-access"
import { PacerStopped } from "./pacer"

/** A job that cannot succeed as it stands (the reason says what to fix); dead after one attempt. */
export class PermanentJobError extends Error {
  override name = "PermanentJobError"
}

export type FailureClass =
  | { kind: "stopped" }
  | { kind: "not_connected"; message: string }
  | { kind: "unauthorized"; message: string }
  | { kind: "rate_limited"; retryAfterMs: number; message: string }
  | { kind: "permanent"; message: string }
  | { kind: "transient"; message: string }
  | { kind: "internal" }

export function classify(err: unknown): FailureClass {
  if (err instanceof PacerStopped) return { kind: "stopped" }
  if (err instanceof IntegrationUnavailable) return { kind: "not_connected", message: err.message }
  if (err instanceof PermanentJobError) return { kind: "permanent", message: err.message }
  if (err instanceof InvalidInputError) return { kind: "permanent", message: `Cogsync could not send this to Clockwork: ${err.message}` }
  if (err instanceof Unauthorized) return { kind: "unauthorized", message: err.message }
  if (err instanceof RateLimited) return { kind: "rate_limited", retryAfterMs: err.retryAfterMs, message: err.message }
  if (err instanceof Rejected) return { kind: "permanent", message: err.message }
  if (err instanceof NotFound) return { kind: "permanent", message: `${err.message} (deleted in Clockwork?)` }
  if (err instanceof ClockworkError) return { kind: "transient", message: err.message }
  return { kind: "internal" }
}

/**
 * Whether a failed write provably never reached Clockwork, so its create intent can be dropped.
 * A 2xx with an unreadable body did reach it; a reset or timeout after sending may have.
 */
export function provablyNotApplied(err: unknown): boolean {
  if (err instanceof PacerStopped || err instanceof InvalidInputError) return true
  return err instanceof ClockworkError && !(err instanceof InvalidResponse) && !err.mayHaveBeenApplied
}
