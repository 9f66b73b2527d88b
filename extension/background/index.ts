// The background service worker: the extension's only network client. It keeps nothing in memory
// that must survive; state lives in chrome.storage (see lib/storage.ts).
import { tabCapturesItem } from "~lib/storage"
import { OUTBOX_ALARM, ensureOutboxAlarm, flushOutbox, outbox, updateBadge } from "./outbox"
import { dispatch } from "./router"

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  void dispatch(message, sender).then(sendResponse)
  return true // answer asynchronously
})

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === OUTBOX_ALARM) void flushOutbox()
})

chrome.tabs.onRemoved.addListener((tabId) => {
  void tabCapturesItem.update((all) => {
    const next = { ...all }
    delete next[String(tabId)]
    return next
  })
})

async function start(): Promise<void> {
  try {
    await ensureOutboxAlarm()
    const { pending, failed } = await outbox.view()
    await updateBadge({ pending: pending.length, failed: failed.length })
    if (pending.length > 0) await flushOutbox()
  } catch (e) {
    console.error("cogsync: could not start the outbox", e)
  }
}

chrome.runtime.onInstalled.addListener(() => void start())
chrome.runtime.onStartup.addListener(() => void start())
/** The worker also starts for a message or an alarm: make sure the alarm and badge are right then too. */
export const started: Promise<void> = start()
