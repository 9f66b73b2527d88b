// Failures a message handler reports, and the mapping of server failures to sentences a
// recruiter can act on.
import type { MessageError } from "@shared/messages"
import { ServerRequestError } from "~lib/api"

/** Thrown by handlers to answer with a specific `MessageError`. */
export class MessageFailure extends Error {
  constructor(readonly error: MessageError) {
    super(error.message)
    this.name = "MessageFailure"
  }
}

export function unreachableMessage(serverUrl: string): string {
  return `Can't reach the Cogsync server at ${serverUrl}.`
}

export const TOKEN_REFUSED = "This token was not accepted by the Cogsync server."

/** Turns anything a handler threw into the error its caller shows. */
export function toMessageError(e: unknown, serverUrl: string): MessageError {
  if (e instanceof MessageFailure) return e.error
  if (e instanceof ServerRequestError) {
    if (e.kind === "unreachable") return { kind: "unreachable", message: unreachableMessage(serverUrl) }
    if (e.kind === "bad_response") return { kind: "server", message: e.message, ...(e.status ? { status: e.status } : {}) }
    const base = { message: e.message, status: e.status ?? 0, ...(e.field ? { field: e.field } : {}), ...(e.issues ? { issues: e.issues } : {}) }
    switch (e.status) {
      case 401:
        return { ...base, kind: "unauthorized", message: `${TOKEN_REFUSED} Sign in again in Cogsync's options.` }
      case 403:
        return { ...base, kind: "forbidden" }
      case 400:
      case 422:
        return { ...base, kind: "invalid" }
      case 404:
        return { ...base, kind: "not_found" }
      case 409:
        return { ...base, kind: e.code === "not_connected" ? "not_connected" : "conflict" }
      default:
        return { ...base, kind: "server" }
    }
  }
  console.error("cogsync: handler failed", e)
  return { kind: "server", message: "Something went wrong in the Cogsync extension." }
}
