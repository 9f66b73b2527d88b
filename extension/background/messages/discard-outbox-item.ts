// discard-outbox-item: drops a failed outbox item for good.
import type { MessageRequest, MessageResponse } from "@shared/messages"
import { defineHandler } from "../define-handler"
import { outbox } from "../outbox"

export type DiscardOutboxItemRequest = MessageRequest<"discard-outbox-item">
export type DiscardOutboxItemResponse = MessageResponse<"discard-outbox-item">

export default defineHandler("discard-outbox-item", async ({ id }) => {
  await outbox.takeFailed(id)
  return outbox.view()
})
