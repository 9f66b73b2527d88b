// POST /events: outreach events in. Each is stored with its job in the outbox (one transaction)
// before the 202; the worker takes it from there.
import { Hono } from "hono"
import { authOf, type AppEnv } from "../http/context"
import { jsonBody } from "../http/validate"
import type { AppContext } from "../deps"
import { ROUTES } from "./table"

// The body is one event or a list of them (a union): its errors name the field inside the branch the
// body was meant for (`type`, `3.campaignId`), see issuesOf.
export const eventsRoutes = (app: AppContext) =>
  new Hono<AppEnv>().post("/", jsonBody(ROUTES["POST /events"].body), (c) => {
    const { team, user } = authOf(c)
    const result = app.sync.ingest(team.id, user.id, c.req.valid("json"))
    c.get("log").info({ teamId: team.id, userId: user.id, accepted: result.accepted, duplicates: result.duplicates }, "events stored")
    return c.json(result, 202)
  })
