// GET /send-check: may the outreach side email this person now? Clockwork's Do Not Contact flag and
// the team's "block emails to off-limits" setting decide, through the shared resolver's email rule.
import { Hono } from "hono"
import { ProfileCaptureSchema, resolveSyncDecision, type SendCheckResponse } from "@shared/index"
import { authOf, type AppEnv } from "../http/context"
import { clockworkFailure } from "../http/clockwork-errors"
import { query } from "../http/validate"
import type { AppContext } from "../deps"
import { IntegrationUnavailable } from "../services/clockwork-access"
import { getPersonCapture, identifiersOf } from "../services/people"
import { getTeamSettings } from "../services/settings"
import { ROUTES } from "./table"

export const sendCheckRoutes = (app: AppContext) =>
  new Hono<AppEnv>().get("/", query(ROUTES["GET /send-check"].query), async (c) => {
    const { team } = authOf(c)
    const { personKey } = c.req.valid("query")
    const log = c.get("log")
    const settings = getTeamSettings(app.db, team.id)
    const answer = (allowed: boolean, reason: string, doNotContact = false, clockworkPersonId: string | null = null) => {
      if (!allowed) {
        log.info({ teamId: team.id, personKey, reason }, "send check: email refused")
        // The person's sync log says why they were not emailed.
        app.sync.logSendCheckRefusal(team.id, personKey, reason, clockworkPersonId)
      }
      const body: SendCheckResponse = { personKey, allowed, reason, doNotContact }
      return c.json(body)
    }

    const stored = getPersonCapture(app.db, team.id, personKey)
    const ids = identifiersOf(app.db, team.id, { personKey }, stored)
    if (ids.linkedinUrls.length === 0 && ids.emails.length === 0) {
      return answer(true, "No LinkedIn URL or email is known for this person, so Clockwork cannot be checked")
    }
    let match
    try {
      match = await app.access.lookupPerson(team.id, ids)
    } catch (err) {
      const failure = clockworkFailure(err)
      if (!failure) throw err
      if (err instanceof IntegrationUnavailable) return answer(true, "Clockwork is not connected, so Do Not Contact was not checked")
      // NOTE: fail closed: with blocking on, an unanswered check must not let an email through.
      if (settings.contact.blockEmailsToOffLimits) {
        return answer(false, "Clockwork could not be checked for Do Not Contact right now; try again later")
      }
      return answer(true, "Clockwork could not be checked, and your team does not block emails to off-limits people")
    }
    if (!match) return answer(true, "Not in Clockwork")
    const capture = stored ?? ProfileCaptureSchema.parse({ personKey, source: "outreach", name: match.snapshot.name || personKey })
    const decision = resolveSyncDecision({ settings, capture, existing: match.snapshot, event: null })
    return answer(decision.emailAllowed, decision.emailReason, match.snapshot.doNotContact, match.snapshot.id)
  })
