// Campaigns with their sync options, and their members. Any team member may create and edit them.
import { Hono } from "hono"
import { authOf, type AppEnv } from "../http/context"
import { jsonBody, params, query } from "../http/validate"
import type { AppContext } from "../deps"
import {
  addCampaignMember,
  createCampaign,
  listCampaignMembers,
  listCampaigns,
  requireCampaign,
  updateCampaign,
} from "../services/campaigns"
import { ROUTES } from "./table"

export const campaignsRoutes = (app: AppContext) =>
  new Hono<AppEnv>()
    .get("/", query(ROUTES["GET /campaigns"].query), (c) => {
      const { archived } = c.req.valid("query")
      return c.json({ campaigns: listCampaigns(app.db, authOf(c).team.id, archived) })
    })
    .post("/", jsonBody(ROUTES["POST /campaigns"].body), (c) => {
      const { team, user } = authOf(c)
      const campaign = createCampaign(app.db, app.clock, team.id, user.id, c.req.valid("json"))
      c.get("log").info({ userId: user.id, campaignId: campaign.id }, "campaign created")
      return c.json(campaign, 201)
    })
    .get("/:id", params(ROUTES["GET /campaigns/:id"].params), (c) => c.json(requireCampaign(app.db, authOf(c).team.id, c.req.valid("param").id)))
    .patch("/:id", params(ROUTES["PATCH /campaigns/:id"].params), jsonBody(ROUTES["PATCH /campaigns/:id"].body), (c) => {
      const { team, user } = authOf(c)
      const campaign = updateCampaign(app.db, app.clock, team.id, c.req.valid("param").id, c.req.valid("json"))
      c.get("log").info({ userId: user.id, campaignId: campaign.id, archived: campaign.archived }, "campaign updated")
      return c.json(campaign)
    })
    .post("/:id/members", params(ROUTES["POST /campaigns/:id/members"].params), jsonBody(ROUTES["POST /campaigns/:id/members"].body), (c) => {
      const { team, user } = authOf(c)
      const { member, created } = addCampaignMember(app.db, app.clock, team.id, user.id, c.req.valid("param").id, c.req.valid("json"))
      return c.json(member, created ? 201 : 200)
    })
    .get("/:id/members", params(ROUTES["GET /campaigns/:id/members"].params), (c) =>
      c.json({ members: listCampaignMembers(app.db, authOf(c).team.id, c.req.valid("param").id) }),
    )
