// Maps Clockwork failures to our own statuses and messages; Clockwork's raw answers are never forwarded.
import { ClockworkError, InvalidInputError, InvalidResponse, RateLimited, Timeout, Unauthorized, Upstream } from "../clockwork/index"
import { IntegrationUnavailable } from "../services/clockwork-access"
import { ApiFailure, conflict } from "./errors"

/** The API failure for a Clockwork-side error, or undefined when `err` is something else. */
export function clockworkFailure(err: unknown): ApiFailure | undefined {
  if (err instanceof IntegrationUnavailable) return conflict("integration_not_connected", err.message)
  // NOTE: an id the client refuses to put in a path reached it from Clockwork's own answer (e.g. a
  // person id ".." in a search result): the request's input was validated before it got here.
  if (err instanceof InvalidInputError) {
    return new ApiFailure(502, "clockwork_invalid_response", "Clockwork answered with an id Cogsync cannot use")
  }
  if (!(err instanceof ClockworkError)) return undefined
  if (err instanceof Unauthorized) {
    return conflict("integration_needs_attention", "Clockwork rejected your team's stored credentials; an admin must activate the integration again")
  }
  if (err instanceof RateLimited) {
    const seconds = Math.max(1, Math.ceil(err.retryAfterMs / 1000))
    return new ApiFailure(429, "clockwork_rate_limited", `Clockwork asked us to slow down; try again in ${seconds} s`, {
      headers: { "retry-after": String(seconds) },
    })
  }
  if (err instanceof Timeout) return new ApiFailure(502, "clockwork_unreachable", "Clockwork did not answer in time; try again in a moment")
  if (err instanceof Upstream) return new ApiFailure(502, "clockwork_unreachable", "Clockwork could not be reached; try again in a moment")
  if (err instanceof InvalidResponse) return new ApiFailure(502, "clockwork_invalid_response", "Clockwork answered in a format Cogsync does not understand")
  return new ApiFailure(502, "clockwork_error", "Clockwork refused the request")
}
