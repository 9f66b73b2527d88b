// Clockwork → Cogsync webhooks. Public (Clockwork sends no bearer token), authenticated by the
// team's webhook token in the hook URL; the body is never logged.
import { Hono } from "hono"
import type { AppEnv } from "../http/context"
import { ApiFailure } from "../http/errors"
import { jsonBody, params, query } from "../http/validate"
import type { AppContext } from "../deps"
import { ROUTES } from "./table"

const route = ROUTES["POST /webhooks/clockwork/:teamId"]

export const webhooksRoutes = (app: AppContext) =>
  new Hono<AppEnv>().post("/clockwork/:teamId", params(route.params), query(route.query), jsonBody(route.body), (c) => {
    const { teamId } = c.req.valid("param")
    if (!app.sync.verifyWebhook(teamId, c.req.valid("query").token)) {
      throw new ApiFailure(401, "unauthorized", "This webhook URL is not valid (unknown team or wrong token)", { field: "token" })
    }
    const payload = c.req.valid("json")
    const applied = app.sync.applyWebhook(teamId, payload)
    // NOTE: the event name is free text from the request; only an event-name-shaped one is logged.
    const event = /^[a-z_.]{1,40}$/.test(payload.event_name) ? payload.event_name : "(unrecognised)"
    c.get("log").info({ teamId, event, applied }, "clockwork webhook")
    return c.json({ ok: true as const, applied })
  })
