// get-status: the popup's view: session, server reachable, Clockwork connection, recent sync jobs
// (`GET /sync/status`) and the local outbox.
import type { StatusView } from "@shared/messages"
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { toMessageError } from "../errors"
import { outbox } from "../outbox"
import { withServer } from "../server"
import { readSession } from "../session"

export default defineHandler("get-status", async () => {
  const [session, view] = await Promise.all([readSession(), outbox.view()])
  const base: StatusView = { session, reachable: false, error: null, integration: null, sync: null, outbox: view }
  if (!session.signedIn) return base
  try {
    const { integration, ...sync } = await withServer((conn) => api.getSyncStatus(conn))
    return {
      ...base,
      reachable: true,
      integration,
      sync,
      // The flush that a reachable server triggers may have changed the outbox.
      outbox: await outbox.view(),
    }
  } catch (e) {
    const error = toMessageError(e, session.serverUrl)
    if (error.kind === "unreachable" || error.kind === "unauthorized" || error.kind === "permission_needed") return { ...base, reachable: error.kind !== "unreachable", error }
    // The sync log is unavailable (e.g. an older server): still show the Clockwork connection.
    try {
      const integration = await withServer((conn) => api.getIntegration(conn))
      return { ...base, reachable: true, integration, outbox: await outbox.view() }
    } catch (again) {
      return { ...base, reachable: true, error: toMessageError(again, session.serverUrl) }
    }
  }
})
