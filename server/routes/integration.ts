// The team's Clockwork integration: status (everyone), activate and deactivate (admins).
// Request bodies of this router are never logged.
import { Hono } from "hono"
import { InvalidInputError } from "../clockwork/index"
import { authOf, type AppEnv } from "../http/context"
import { ApiFailure, badRequest } from "../http/errors"
import { jsonBody } from "../http/validate"
import type { AppContext } from "../deps"
import { ROUTES } from "./table"

const REJECTED_FIELDS = ["apiKey", "apiSecret", "serviceKey", "subdomain"]

/** Maps the client's input field names to the request's. */
function requestField(field: string): string {
  if (/firm/i.test(field)) return "subdomain"
  for (const name of ["apiSecret", "serviceKey", "apiKey"]) if (field.includes(name)) return name
  return "body"
}

export const integrationRoutes = (app: AppContext) =>
  new Hono<AppEnv>()
    .get("/", (c) => c.json(app.access.status(authOf(c).team.id)))
    .post("/activate", jsonBody(ROUTES["POST /integration/activate"].body), async (c) => {
      const { team, user } = authOf(c)
      const body = c.req.valid("json")
      const credentials = { firm: body.subdomain, apiKey: body.apiKey, apiSecret: body.apiSecret, serviceKey: body.serviceKey }
      let outcome
      try {
        outcome = await app.access.activate(team.id, user.id, credentials)
      } catch (err) {
        if (err instanceof InvalidInputError) {
          const field = requestField(err.field)
          throw badRequest(field, `${field}: contains characters Clockwork credentials cannot have`)
        }
        throw err
      }
      const log = c.get("log")
      if (outcome.result.status === "invalid") {
        log.info({ teamId: team.id, firm: credentials.firm }, "activation refused by Clockwork")
        // Clockwork answers a wrong key, secret, service key or subdomain alike, so every one is named.
        throw new ApiFailure(
          422,
          "clockwork_rejected",
          "Clockwork rejected these credentials: check the API Key, API Secret, Service Key and subdomain. Nothing was stored.",
          { field: "apiKey", issues: REJECTED_FIELDS.map((path) => ({ path, message: "Clockwork did not accept this set of credentials" })) },
        )
      }
      if (outcome.result.status === "unreachable") {
        log.warn({ teamId: team.id, firm: credentials.firm, reason: outcome.result.message }, "activation: Clockwork unreachable")
        throw new ApiFailure(502, "clockwork_unreachable", "Could not reach Clockwork to check these credentials, so nothing was stored. Try again in a moment.")
      }
      log.info({ teamId: team.id, firm: credentials.firm, userId: user.id }, "integration activated")
      // Paused sync jobs resume; the Clockwork webhook is registered when a public URL is configured.
      await app.sync.onActivated(team.id)
      return c.json(app.access.status(team.id))
    })
    .delete("/", (c) => {
      const { team, user } = authOf(c)
      const status = app.access.deactivate(team.id)
      c.get("log").info({ teamId: team.id, userId: user.id }, "integration deactivated")
      return c.json(status)
    })
