// POST /events: outreach events in. Each is stored with its job in the outbox (one transaction)
// before the 202; the worker takes it from there.
import { Hono, type MiddlewareHandler } from "hono"
import * as z from "zod"
import { OutreachEventSchema } from "@shared/index"
import { authOf, type AppEnv } from "../http/context"
import { validationFailure } from "../http/errors"
import { jsonBody } from "../http/validate"
import type { AppContext } from "../deps"
import { ROUTES } from "./table"

const BatchSchema = z.array(OutreachEventSchema).min(1).max(500)

/**
 * The body is one event or a list; a failed union would only name `body`, so the matching branch
 * is checked first and its issues name the field (`type`, `3.campaignId`).
 */
const namedFieldErrors: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (/json/i.test(c.req.header("content-type") ?? "")) {
    const body: unknown = await c.req.json().catch(() => undefined)
    if (body !== undefined) {
      const parsed = (Array.isArray(body) ? BatchSchema : OutreachEventSchema).safeParse(body)
      if (!parsed.success) throw validationFailure(parsed.error, "json")
    }
  }
  await next()
}

export const eventsRoutes = (app: AppContext) =>
  new Hono<AppEnv>().post("/", namedFieldErrors, jsonBody(ROUTES["POST /events"].body), (c) => {
    const { team, user } = authOf(c)
    const result = app.sync.ingest(team.id, user.id, c.req.valid("json"))
    c.get("log").info({ teamId: team.id, userId: user.id, accepted: result.accepted, duplicates: result.duplicates }, "events stored")
    return c.json(result, 202)
  })
