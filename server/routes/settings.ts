// Team settings: everyone reads them (with their locks); admins replace or patch them. Every change
// is a new version with a history entry.
import { Hono } from "hono"
import { applySettingsPatch } from "@shared/index"
import { authOf, type AppEnv } from "../http/context"
import { jsonBody } from "../http/validate"
import type { AppContext } from "../deps"
import { changeSettings, getSettings, getSettingsHistory } from "../services/settings"
import { ROUTES } from "./table"

export const settingsRoutes = (app: AppContext) =>
  new Hono<AppEnv>()
    .get("/", (c) => c.json(getSettings(app.db, authOf(c).team.id)))
    .put("/", jsonBody(ROUTES["PUT /settings"].body), (c) => {
      const { team, user } = authOf(c)
      const { settings, baseVersion } = c.req.valid("json")
      const saved = changeSettings(app.db, app.clock, { teamId: team.id, userId: user.id, baseVersion, change: () => settings })
      c.get("log").info({ userId: user.id, version: saved.version }, "settings replaced")
      return c.json(saved)
    })
    .patch("/", jsonBody(ROUTES["PATCH /settings"].body), (c) => {
      const { team, user } = authOf(c)
      const patch = c.req.valid("json")
      const saved = changeSettings(app.db, app.clock, { teamId: team.id, userId: user.id, change: (current) => applySettingsPatch(current, patch) })
      c.get("log").info({ userId: user.id, version: saved.version }, "settings patched")
      return c.json(saved)
    })
    .get("/history", (c) => c.json(getSettingsHistory(app.db, authOf(c).team.id)))
