// preview-decision: what a push would write now (`POST /decisions/preview`), with unsaved edits.
import type { MessageRequest, MessageResponse } from "@shared/messages"
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export type PreviewDecisionRequest = MessageRequest<"preview-decision">
export type PreviewDecisionResponse = MessageResponse<"preview-decision">

export default defineHandler("preview-decision", async (body) =>
  withServer((conn) =>
    api.previewDecision(conn, {
      capture: body.capture,
      ...(body.campaignId ? { campaignId: body.campaignId } : {}),
      ...(body.override ? { override: body.override } : {}),
    }),
  ),
)
