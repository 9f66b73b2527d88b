// add-to-campaign: `POST /campaigns/:id/members` then an `added_to_campaign` event, as one outbox
// item (both carry the item's id, so a repeat after a stopped worker is a no-op).
import { defineHandler } from "../define-handler"
import { enqueueAndDeliver, newItemBase } from "../outbox"

export default defineHandler("add-to-campaign", async ({ capture, campaignId }) =>
  enqueueAndDeliver({ ...newItemBase(capture.personKey, capture.name), kind: "campaign-member", capture, campaignId, memberAdded: false }),
)
