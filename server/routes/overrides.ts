// Individual overrides of a person (person-wide or per campaign).
import { Hono } from "hono"
import { authOf, type AppEnv } from "../http/context"
import { jsonBody, query } from "../http/validate"
import type { AppContext } from "../deps"
import { requireCampaign } from "../services/campaigns"
import { deleteOverride, getOverride, saveOverride } from "../services/overrides"
import { ROUTES } from "./table"

export const overridesRoutes = (app: AppContext) =>
  new Hono<AppEnv>()
    .get("/", query(ROUTES["GET /overrides"].query), (c) => {
      const { team } = authOf(c)
      const { personKey, campaignId } = c.req.valid("query")
      if (campaignId) requireCampaign(app.db, team.id, campaignId, "campaignId")
      return c.json({ override: getOverride(app.db, team.id, personKey, campaignId) ?? null })
    })
    .put("/", jsonBody(ROUTES["PUT /overrides"].body), (c) => {
      const { team, user } = authOf(c)
      return c.json({ override: saveOverride(app.db, app.clock, team.id, user.id, c.req.valid("json")) })
    })
    .delete("/", query(ROUTES["DELETE /overrides"].query), (c) => {
      const { team } = authOf(c)
      const { personKey, campaignId } = c.req.valid("query")
      deleteOverride(app.db, team.id, personKey, campaignId)
      return c.body(null, 204)
    })
