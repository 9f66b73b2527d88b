// Clockwork metadata for the settings and picker UIs, proxied and cached per team.
import { Hono } from "hono"
import { authOf, type AppEnv } from "../http/context"
import type { AppContext } from "../deps"

export const clockworkRoutes = (app: AppContext) =>
  new Hono<AppEnv>()
    .get("/metadata", async (c) => c.json(await app.access.metadata(authOf(c).team.id)))
    .post("/metadata/refresh", async (c) => c.json(await app.access.metadata(authOf(c).team.id, { refresh: true })))
