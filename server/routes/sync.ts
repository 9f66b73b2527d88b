// The sync engine's read and control side: a person's sync log, the team's status, retrying a job,
// and the bulk sync of a campaign with its progress as server-sent events.
import { Hono } from "hono"
import { streamSSE } from "hono/streaming"
import type { BulkSyncProgress } from "@shared/index"
import { authOf, type AppEnv } from "../http/context"
import { notFound } from "../http/errors"
import { params, query } from "../http/validate"
import type { AppContext } from "../deps"
import { requireCampaign } from "../services/campaigns"
import { ROUTES } from "./table"

/** How often a progress stream reports while jobs keep finishing (at most), and while none do. */
const PROGRESS_MIN_MS = 250
const PROGRESS_IDLE_MS = 2000
/** A stream ends after this long; EventSource clients reconnect by themselves. */
const PROGRESS_MAX_MS = 10 * 60_000

export const syncRoutes = (app: AppContext) =>
  new Hono<AppEnv>()
    .get("/log", query(ROUTES["GET /sync/log"].query), (c) => c.json(app.sync.log(authOf(c).team.id, c.req.valid("query").personKey)))
    .get("/status", (c) => c.json(app.sync.status(authOf(c).team.id)))
    .post("/jobs/:id/retry", params(ROUTES["POST /sync/jobs/:id/retry"].params), (c) => {
      const { team, user } = authOf(c)
      const job = app.sync.retry(team.id, Number(c.req.valid("param").id))
      c.get("log").info({ teamId: team.id, userId: user.id, jobId: job.id }, "sync job queued again")
      return c.json(job)
    })

/** Mounted under /campaigns next to the campaign routes. */
export const campaignSyncRoutes = (app: AppContext) =>
  new Hono<AppEnv>()
    .post("/:id/sync", params(ROUTES["POST /campaigns/:id/sync"].params), (c) => {
      const { team, user } = authOf(c)
      const progress = app.sync.syncCampaign(team.id, user.id, c.req.valid("param").id)
      c.get("log").info({ teamId: team.id, userId: user.id, campaignId: progress.campaignId, runId: progress.runId, total: progress.total }, "bulk sync")
      return c.json(progress, 202)
    })
    .get(
      "/:id/sync/progress",
      params(ROUTES["GET /campaigns/:id/sync/progress"].params),
      query(ROUTES["GET /campaigns/:id/sync/progress"].query),
      (c) => {
        const teamId = authOf(c).team.id
        const campaignId = c.req.valid("param").id
        const { once } = c.req.valid("query")
        requireCampaign(app.db, teamId, campaignId)
        if (!app.sync.progress(teamId, campaignId)) throw notFound("id", "id: this campaign has not been synced yet (POST /campaigns/:id/sync)")
        return streamSSE(c, async (stream) => {
          let aborted = false
          stream.onAbort(() => {
            aborted = true
          })
          const started = Date.now()
          let last = ""
          for (;;) {
            // Checked before reading: after a wait the client may be gone or the server closing (database shut).
            if (aborted || app.sync.closed) return
            const p = app.sync.progress(teamId, campaignId)
            if (!p) return
            const body: BulkSyncProgress = { campaignId: p.campaignId, total: p.total, done: p.done, failed: p.failed, pending: p.pending, etaSeconds: p.etaSeconds }
            const data = JSON.stringify(body)
            if (data !== last || once) await stream.writeSSE({ event: "progress", data })
            last = data
            if (once) return
            if (p.pending === 0) return stream.writeSSE({ event: "done", data })
            if (p.pending === p.paused) return stream.writeSSE({ event: "paused", data })
            if (aborted || app.sync.closed || Date.now() - started > PROGRESS_MAX_MS) return
            await app.sync.changed(PROGRESS_IDLE_MS)
            await stream.sleep(PROGRESS_MIN_MS)
          }
        })
      },
    )
