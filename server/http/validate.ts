// Request validation with the shared zod schemas through @hono/zod-validator. Failures become
// ApiErrorSchema bodies naming the field (400); a JSON body must be sent as application/json (415)
// and must parse (400 naming `body`).
import { zValidator } from "@hono/zod-validator"
import type * as z from "zod"
import { ApiFailure, badRequest, validationFailure, type InputTarget } from "./errors"

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i

function hook(result: { success: true } | { success: false; error: z.core.$ZodError }, target: InputTarget): void {
  if (!result.success) throw validationFailure(result.error, target)
}

/** Validates the JSON body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  const validate = zValidator("json", schema, (r) => hook(r, "json"))
  const checked: typeof validate = async (c, next) => {
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim()
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      throw new ApiFailure(415, "unsupported_media_type", "Send the body as JSON (Content-Type: application/json)", { field: "body" })
    }
    try {
      await c.req.json()
    } catch {
      throw badRequest("body", "The request body is not valid JSON", "invalid_json")
    }
    return validate(c, next)
  }
  return checked
}

/** Validates the query string. */
export function query<T extends z.ZodType>(schema: T) {
  return zValidator("query", schema, (r) => hook(r, "query"))
}

/** Validates path parameters. */
export function params<T extends z.ZodType>(schema: T) {
  return zValidator("param", schema, (r) => hook(r, "param"))
}
