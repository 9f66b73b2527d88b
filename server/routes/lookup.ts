// GET /lookup: is this person already in Clockwork? Powers the extension's "In Clockwork" badge.
import { Hono } from "hono"
import { linkedInSlug, normalizeEmail, type LookupResponse } from "@shared/index"
import { authOf, type AppEnv } from "../http/context"
import { badRequest } from "../http/errors"
import { query } from "../http/validate"
import type { AppContext } from "../deps"
import { identifiersOf } from "../services/people"
import { ROUTES } from "./table"

export const lookupRoutes = (app: AppContext) =>
  new Hono<AppEnv>().get("/", query(ROUTES["GET /lookup"].query), async (c) => {
    const { team } = authOf(c)
    const q = c.req.valid("query")
    if (q.linkedinUrl && !linkedInSlug(q.linkedinUrl)) throw badRequest("linkedinUrl", "linkedinUrl: must be a LinkedIn profile URL (…/in/<name>)")
    if (q.email && !normalizeEmail(q.email)) throw badRequest("email", "email: must be an email address")
    const ids = identifiersOf(app.db, team.id, { personKey: q.personKey, linkedinUrls: [q.linkedinUrl], emails: [q.email] })
    // NOTE: a cached look-up (up to lookupTtlMs old): the badge is shown, not acted on.
    const match = await app.access.lookupPerson(team.id, ids, { cached: true })
    const body: LookupResponse = { match: match?.summary ?? null }
    return c.json(body)
  })
