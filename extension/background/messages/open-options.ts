// open-options: opens Cogsync's options page (content scripts cannot do it themselves).
import type { MessageRequest, MessageResponse } from "@shared/messages"
import { defineHandler } from "../define-handler"

export type OpenOptionsRequest = MessageRequest<"open-options">
export type OpenOptionsResponse = MessageResponse<"open-options">

export default defineHandler("open-options", async () => {
  await chrome.runtime.openOptionsPage()
  return {}
})
