// Sends a typed message to the background service worker and returns its `MessageResult`.
// Used by the stores of the content script, popup and options page (never by components).
// Imports only types from shared/messages, so no zod reaches the content script.
import type { MessageRequest, MessageResult, MessageType } from "@shared/messages"

const NOT_ANSWERED = "The Cogsync extension did not answer. Reload the page and try again."
/** The worker was stopped while it worked on the message: an action it had queued is still sent. */
const CUT_OFF = "Cogsync stopped before confirming this. Anything it had queued is sent automatically (the toolbar badge counts what waits); reload the page to see where it stands."

export async function sendMessage<T extends MessageType>(type: T, body: MessageRequest<T>): Promise<MessageResult<T>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const answer: unknown = await chrome.runtime.sendMessage({ type, body })
      if (answer && typeof answer === "object" && "ok" in answer) return answer as MessageResult<T>
      return { ok: false, error: { kind: "server", message: NOT_ANSWERED } }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      // NOTE: right after install or an update the worker may not listen yet: retry once.
      if (attempt === 0 && /receiving end does not exist/i.test(message)) continue
      // NOTE: Chrome's wording when the worker stops before answering: "The message port closed
      // before a response was received" / "…the message channel closed before a response…".
      if (/message (port|channel) closed/i.test(message)) return { ok: false, error: { kind: "server", message: CUT_OFF } }
      if (/context invalidated/i.test(message)) {
        return { ok: false, error: { kind: "server", message: "Cogsync was updated. Reload the page to use it here." } }
      }
      return { ok: false, error: { kind: "server", message: NOT_ANSWERED } }
    }
  }
  return { ok: false, error: { kind: "server", message: NOT_ANSWERED } }
}
