// GET /health: liveness plus a database round trip.
import { sql } from "drizzle-orm"
import { Hono } from "hono"
import type { Health } from "@shared/index"
import type { AppEnv } from "../http/context"
import type { AppContext } from "../deps"

export const healthRoutes = (app: AppContext) =>
  new Hono<AppEnv>().get("/", (c) => {
    app.db.get(sql`select 1`)
    const body: Health = { ok: true, version: app.config.version, db: "ok" }
    return c.json(body)
  })
