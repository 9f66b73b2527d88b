// push-now: a `push_requested` event for the person, through the outbox (sent now, or queued).
import type { MessageRequest, MessageResponse } from "@shared/messages"
import { defineHandler } from "../define-handler"
import { enqueueAndDeliver, newItemBase } from "../outbox"

export type PushNowRequest = MessageRequest<"push-now">
export type PushNowResponse = MessageResponse<"push-now">

export default defineHandler("push-now", async ({ capture, campaignId }) =>
  enqueueAndDeliver({
    ...newItemBase(capture.personKey, capture.name),
    kind: "push",
    capture,
    ...(campaignId ? { campaignId } : {}),
  }),
)
