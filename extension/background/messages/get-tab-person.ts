// get-tab-person: the person the given tab's content script last reported (popup).
import { tabCapturesItem } from "~lib/storage"
import { defineHandler } from "../define-handler"

export default defineHandler("get-tab-person", async ({ tabId }) => {
  const all = await tabCapturesItem.get()
  return { capture: all[String(tabId)] ?? null }
})
