// API errors: every 4xx/5xx body is ApiErrorSchema, `{ error: { code, message, field?, issues? } }`.
// Expected failures throw ApiFailure (an HTTPException); app.onError turns anything else into a generic 500.
import { HTTPException } from "hono/http-exception"
import type { ContentfulStatusCode } from "hono/utils/http-status"
import type * as z from "zod"
import type { ApiError, Issue } from "@shared/index"

export class ApiFailure extends HTTPException {
  readonly code: string
  readonly field: string | undefined
  readonly issues: Issue[] | undefined
  readonly headers: Record<string, string> | undefined

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    opts: { field?: string | undefined; issues?: Issue[]; headers?: Record<string, string> } = {},
  ) {
    super(status, { message })
    this.code = code
    this.field = opts.field
    this.issues = opts.issues
    this.headers = opts.headers
  }

  body(): ApiError {
    return errorBody(this.code, this.message, this.field, this.issues)
  }
}

export function errorBody(code: string, message: string, field?: string, issues?: Issue[]): ApiError {
  return { error: { code, message, ...(field !== undefined ? { field } : {}), ...(issues ? { issues } : {}) } }
}

export const badRequest = (field: string | undefined, message: string, code = "invalid_input") => new ApiFailure(400, code, message, { field })
export const unauthorized = (message: string) => new ApiFailure(401, "unauthorized", message, { field: "authorization" })
export const forbidden = (message: string) => new ApiFailure(403, "forbidden", message)
export const notFound = (field: string | undefined, message: string) => new ApiFailure(404, "not_found", message, { field })
export const conflict = (code: string, message: string, field?: string) => new ApiFailure(409, code, message, { field })
export const unprocessable = (code: string, field: string | undefined, message: string) => new ApiFailure(422, code, message, { field })

/** Where a validated value came from; names the field when an issue has no path. */
export type InputTarget = "json" | "query" | "param" | "header" | "form" | "cookie"
const TARGET_NAME: Record<InputTarget, string> = { json: "body", query: "query", param: "path", header: "headers", form: "body", cookie: "cookies" }

function dotted(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "symbol" ? p.description ?? "" : String(p))).join(".")
}

/**
 * The issues of the union branch the input was meant for: the one that did not refuse its type at
 * the root (an object for an object branch, a list for a list branch), fewest issues first.
 */
function branchOf(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | undefined {
  const shaped = issue.errors.filter((errs) => !errs.some((e) => e.path.length === 0 && e.code === "invalid_type"))
  return shaped.sort((a, b) => a.length - b.length)[0]
}

function flatten(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[], target: InputTarget): Issue[] {
  return issues.flatMap((issue) => {
    const base = [...prefix, ...issue.path]
    if (issue.code === "unrecognized_keys") {
      // An unknown key named "" at the top level has an empty path: name the part of the request instead.
      return issue.keys.map((key) => ({ path: dotted([...base, key]) || TARGET_NAME[target], message: `unknown field “${key}”` }))
    }
    // A failed union would only name its own position: name the field inside the intended branch.
    const branch = issue.code === "invalid_union" ? branchOf(issue) : undefined
    if (branch?.length) return flatten(branch, base, target)
    return [{ path: dotted(base) || TARGET_NAME[target], message: issue.message }]
  })
}

/** Dotted paths and messages of every issue; an unknown key is named by its own path. */
export function issuesOf(error: z.core.$ZodError, target: InputTarget): Issue[] {
  return flatten(error.issues, [], target)
}

/** A failure listing offending inputs: `field` and the message come from the first, `issues` lists all. */
export function issuesFailure(status: ContentfulStatusCode, code: string, issues: Issue[], fallback: Issue): ApiFailure {
  const first = issues[0] ?? fallback
  return new ApiFailure(status, code, `${first.path}: ${first.message}`, { field: first.path, issues })
}

/** The 400 for a schema failure. */
export function validationFailure(error: z.core.$ZodError, target: InputTarget): ApiFailure {
  return issuesFailure(400, "invalid_input", issuesOf(error, target), { path: TARGET_NAME[target], message: "invalid input" })
}
