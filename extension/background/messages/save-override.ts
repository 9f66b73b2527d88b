// save-override: stores the person's override through the outbox (sent now, or queued).
import type { MessageRequest, MessageResponse } from "@shared/messages"
import { defineHandler } from "../define-handler"
import { enqueueAndDeliver, newItemBase } from "../outbox"

export type SaveOverrideRequest = MessageRequest<"save-override">
export type SaveOverrideResponse = MessageResponse<"save-override">

export default defineHandler("save-override", async ({ override, name }) =>
  enqueueAndDeliver({ ...newItemBase(override.personKey, name), kind: "override", override }),
)
