// get-tab-person: the person the given tab's content script last reported (popup).
import type { MessageRequest, MessageResponse } from "@shared/messages"
import { tabCapturesItem } from "~lib/storage"
import { defineHandler } from "../define-handler"

export type GetTabPersonRequest = MessageRequest<"get-tab-person">
export type GetTabPersonResponse = MessageResponse<"get-tab-person">

export default defineHandler("get-tab-person", async ({ tabId }) => {
  const all = await tabCapturesItem.get()
  return { capture: all[String(tabId)] ?? null }
})
