// preview-decision: what a push would write now (`POST /decisions/preview`), with unsaved edits.
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export default defineHandler("preview-decision", async (body) =>
  withServer((conn) =>
    api.previewDecision(conn, {
      capture: body.capture,
      ...(body.campaignId ? { campaignId: body.campaignId } : {}),
      ...(body.override ? { override: body.override } : {}),
    }),
  ),
)
