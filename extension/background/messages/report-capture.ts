// report-capture: the content script tells which person its tab shows (null: none), for the popup.
import { tabCapturesItem } from "~lib/storage"
import { defineHandler } from "../define-handler"
import { MessageFailure } from "../errors"

export default defineHandler("report-capture", async ({ capture }, { sender }) => {
  const tabId = sender.tab?.id
  if (typeof tabId !== "number") throw new MessageFailure({ kind: "forbidden_sender", message: "Only a tab can report its person." })
  await tabCapturesItem.update((all) => {
    const next = { ...all }
    if (capture) next[String(tabId)] = capture
    else delete next[String(tabId)]
    return next
  })
  return {}
})
