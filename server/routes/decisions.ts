// POST /decisions/preview: the effective sync decision for a person, resolved with the shared
// resolver against the live Clockwork record. A dry run: nothing is written anywhere.
import { Hono } from "hono"
import { resolveSyncDecision, type ClockworkPersonSnapshot, type ClockworkPersonSummary, type DecisionPreviewResponse } from "@shared/index"
import { authOf, type AppEnv } from "../http/context"
import { badRequest } from "../http/errors"
import { clockworkFailure } from "../http/clockwork-errors"
import { jsonBody } from "../http/validate"
import type { AppContext } from "../deps"
import { requireCampaign } from "../services/campaigns"
import { effectiveOverride } from "../services/overrides"
import { identifiersOf } from "../services/people"
import { getTeamSettings } from "../services/settings"
import { ROUTES } from "./table"

export const decisionsRoutes = (app: AppContext) =>
  new Hono<AppEnv>().post("/preview", jsonBody(ROUTES["POST /decisions/preview"].body), async (c) => {
    const { team } = authOf(c)
    const { capture, campaignId, override } = c.req.valid("json")
    if (override && override.personKey !== capture.personKey) {
      throw badRequest("override.personKey", "override.personKey: must be the capture's personKey")
    }
    if (override?.campaignId && override.campaignId !== campaignId) {
      throw badRequest("override.campaignId", "override.campaignId: must be the campaignId of the preview")
    }
    const settings = getTeamSettings(app.db, team.id)
    const campaign = campaignId ? requireCampaign(app.db, team.id, campaignId, "campaignId") : undefined
    const personOverride = override ?? effectiveOverride(app.db, team.id, capture.personKey, campaignId)

    let existing: ClockworkPersonSnapshot | null = null
    let summary: ClockworkPersonSummary | null = null
    let clockworkReachable = false
    try {
      const ids = identifiersOf(app.db, team.id, { personKey: capture.personKey, linkedinUrls: [capture.linkedinUrl, capture.url], emails: capture.emails })
      // NOTE: a cached look-up (up to lookupTtlMs old): the preview is shown, not acted on.
      const match = await app.access.lookupPerson(team.id, ids, { cached: true })
      clockworkReachable = true
      existing = match?.snapshot ?? null
      summary = match?.summary ?? null
    } catch (err) {
      const failure = clockworkFailure(err)
      if (!failure) throw err
      c.get("log").info({ teamId: team.id, code: failure.code }, "preview without Clockwork: assuming a new person")
    }

    const decision = resolveSyncDecision({
      settings,
      campaign: campaign ? { ...campaign.options, name: campaign.name } : null,
      override: personOverride ?? null,
      capture,
      existing,
      event: null,
    })
    const body: DecisionPreviewResponse = {
      decision,
      existing: summary,
      campaign: campaign ? { id: campaign.id, name: campaign.name } : null,
      clockworkReachable,
    }
    return c.json(body)
  })
