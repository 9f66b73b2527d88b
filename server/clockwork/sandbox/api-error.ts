/** An error the sandbox answers with a JSON body `{ message, errors?: [{ field, message }] }`. */
export class ApiError extends Error {
  readonly status: 400 | 401 | 404 | 409 | 422 | 429 | 500 | 503
  readonly errors: { field: string; message: string }[]

  /** Creates the error; `errors` name the offending fields. */
  constructor(status: ApiError["status"], message: string, errors: { field: string; message: string }[] = []) {
    super(message)
    this.name = "ApiError"
    this.status = status
    this.errors = errors
  }

  /** The JSON body to send. */
  toJSON(): { message: string; errors?: { field: string; message: string }[] } {
    return this.errors.length ? { message: this.message, errors: this.errors } : { message: this.message }
  }
}

/** 404 naming the missing record. */
export function notFound(what: string, id: string): ApiError {
  return new ApiError(404, `${what} ${JSON.stringify(id.slice(0, 100))} not found`)
}

/** 422 naming one field. */
export function invalid(field: string, message: string): ApiError {
  return new ApiError(422, `${field}: ${message}`, [{ field, message }])
}

/**
 * Thrown by the in-process sandbox (`app.request`/`app.fetch`) to emulate a connection reset, a
 * dropped response after a commit, or a hang: there is no socket to destroy there.
 */
export class SandboxConnectionError extends Error {
  readonly code: "ECONNRESET"
  /** Creates the error for the named fault. */
  constructor(readonly fault: "reset" | "hang" | "commitThenDrop") {
    super(`sandbox fault: ${fault}`)
    this.name = "SandboxConnectionError"
    this.code = "ECONNRESET"
  }
}
