// push-now: a `push_requested` event for the person, through the outbox (sent now, or queued).
import { defineHandler } from "../define-handler"
import { enqueueAndDeliver, newItemBase } from "../outbox"

export default defineHandler("push-now", async ({ capture, campaignId }) =>
  enqueueAndDeliver({
    ...newItemBase(capture.personKey, capture.name),
    kind: "push",
    capture,
    ...(campaignId ? { campaignId } : {}),
  }),
)
