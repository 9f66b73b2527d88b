// Composes the Cogsync server: request context and logging, the 1 MB body limit, token auth driven
// by the route table, one router per resource, and one error handler that never leaks internals.
import { randomUUID } from "node:crypto"
import { Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import { HTTPException } from "hono/http-exception"
import type { ContentfulStatusCode } from "hono/utils/http-status"
import type { AppContext, AppDeps } from "./deps"
import { clockworkFailure } from "./http/clockwork-errors"
import { SIGN_IN_MESSAGE, type AppEnv } from "./http/context"
import { ApiFailure, errorBody, forbidden, notFound, unauthorized } from "./http/errors"
import { campaignsRoutes } from "./routes/campaigns"
import { clockworkRoutes } from "./routes/clockwork"
import { decisionsRoutes } from "./routes/decisions"
import { demoRoutes } from "./routes/demo"
import { docsRoutes } from "./routes/docs"
import { eventsRoutes } from "./routes/events"
import { healthRoutes } from "./routes/health"
import { integrationRoutes } from "./routes/integration"
import { lookupRoutes } from "./routes/lookup"
import { meRoutes } from "./routes/me"
import { overridesRoutes } from "./routes/overrides"
import { sendCheckRoutes } from "./routes/send-check"
import { settingsRoutes } from "./routes/settings"
import { campaignSyncRoutes, syncRoutes } from "./routes/sync"
import { findRoute } from "./routes/table"
import { usersRoutes } from "./routes/users"
import { webhooksRoutes } from "./routes/webhooks"
import { ClockworkAccess } from "./services/clockwork-access"
import { authenticate } from "./services/teams"
import { SyncEngine } from "./sync/engine"

export const MAX_BODY_BYTES = 1024 * 1024

const BEARER = /^Bearer\s+(\S+)\s*$/i

// NOTE: error messages never echo input values (a credential pasted into the wrong field must not come back).
const NO_ROUTE = "No such route: check the method and path (the API is described at /docs)"

const GENERIC_CODES: Partial<Record<number, string>> = { 400: "invalid_input", 401: "unauthorized", 403: "forbidden", 404: "not_found", 413: "payload_too_large" }

/** The deps plus the services built from them (the sync engine reuses `access`). */
export function createAppContext(deps: AppDeps): AppContext {
  const access = new ClockworkAccess({ ...deps, metadataTtlMs: deps.config.metadataTtlMs, lookupTtlMs: deps.config.lookupTtlMs })
  const sync = new SyncEngine({ db: deps.db, clock: deps.clock, logger: deps.logger, access, clockwork: deps.clockwork }, deps.syncOptions)
  return { ...deps, access, sync }
}

/** Builds the Hono app on an AppContext (its services are shared with the sync engine). */
export function createApp(app: AppContext) {

  const hono = new Hono<AppEnv>()

  hono.use("*", async (c, next) => {
    const requestId = randomUUID()
    const log = app.logger.child({ reqId: requestId })
    c.set("requestId", requestId)
    c.set("log", log)
    c.set("auth", undefined)
    // NOTE: set before the handler runs: a header added to a finished response makes Hono copy it,
    // body stream and all.
    c.header("x-request-id", requestId)
    const started = performance.now()
    await next()
    const auth = c.get("auth")
    log.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started), userId: auth?.user.id, teamId: auth?.team.id },
      "request",
    )
  })

  const tooLarge = () => {
    throw new ApiFailure(413, "payload_too_large", "The request body is larger than 1 MB", { field: "body" })
  }
  const countBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge })
  hono.use("*", (c, next) => {
    // Over HTTP, Node's parser holds a body to its Content-Length, and a GET or HEAD without one has
    // no body: the header is enough. Anything else (a chunked body, a body in an in-process Request)
    // is counted as it streams in by Hono's bodyLimit. NOTE: bodyLimit reads `c.req.raw.body`, which
    // makes @hono/node-server build a full fetch Request, so it is kept off the common path.
    const length = c.req.header("content-length")
    const chunked = c.req.header("transfer-encoding") !== undefined
    if (length !== undefined && !chunked) return Number(length) > MAX_BODY_BYTES ? tooLarge() : next()
    if (!chunked && (c.req.method === "GET" || c.req.method === "HEAD")) return next()
    return countBody(c, next)
  })

  // Auth from the route table: public routes pass; everything else needs a valid token; admin
  // routes need an admin; a request that matches no table entry is refused.
  hono.use("*", async (c, next) => {
    const route = findRoute(c.req.method, c.req.path)
    if (route?.access === "public") return next()
    const token = BEARER.exec(c.req.header("authorization") ?? "")?.[1]
    if (!token) throw unauthorized(SIGN_IN_MESSAGE)
    const auth = authenticate(app.db, token)
    if (!auth) throw unauthorized("This token is not valid: it is mistyped, or a newer token replaced it")
    c.set("auth", auth)
    if (!route) throw notFound(undefined, NO_ROUTE)
    if (route.access === "admin" && auth.user.role !== "admin") throw forbidden("Only team admins can do this")
    return next()
  })

  const routed = hono
    .route("/health", healthRoutes(app))
    .route("/demo", demoRoutes)
    .route("/", docsRoutes(app))
    .route("/me", meRoutes())
    .route("/users", usersRoutes(app))
    .route("/integration", integrationRoutes(app))
    .route("/settings", settingsRoutes(app))
    .route("/clockwork", clockworkRoutes(app))
    .route("/lookup", lookupRoutes(app))
    .route("/campaigns", campaignsRoutes(app))
    .route("/overrides", overridesRoutes(app))
    .route("/decisions", decisionsRoutes(app))
    .route("/send-check", sendCheckRoutes(app))
    .route("/events", eventsRoutes(app))
    .route("/sync", syncRoutes(app))
    .route("/campaigns", campaignSyncRoutes(app))
    .route("/webhooks", webhooksRoutes(app))

  routed.notFound((c) => c.json(errorBody("not_found", NO_ROUTE), 404))

  routed.onError((err, c) => {
    const failure = err instanceof ApiFailure ? err : clockworkFailure(err)
    if (failure) {
      if (failure.status >= 500) c.get("log").warn({ code: failure.code, status: failure.status }, failure.message)
      return c.json(failure.body(), failure.status, failure.headers)
    }
    if (err instanceof HTTPException && err.status < 500) {
      const status = err.status as ContentfulStatusCode
      return c.json(errorBody(GENERIC_CODES[status] ?? "request_failed", err.message || "The request failed"), status)
    }
    c.get("log").error({ err }, "unhandled error")
    return c.json(errorBody("internal", `Something went wrong on the server (request ${c.get("requestId")})`), 500)
  })

  return routed
}

export type CogsyncApp = ReturnType<typeof createApp>
