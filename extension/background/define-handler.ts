// Every message handler is built with `defineHandler`: it checks the sender, parses the body with
// the message's schema from shared/messages.ts, runs, and answers a `MessageResult`.
import {
  CONTENT_SCRIPT_MESSAGES,
  MESSAGE_SCHEMAS,
  type MessageResult,
  type MessageType,
  type ParsedRequest,
  type MessageResponse,
} from "@shared/messages"
import { serverUrlItem } from "~lib/storage"
import { toMessageError } from "./errors"

export type SenderKind = "extension-page" | "content-script" | "foreign"

/**
 * Who sent a message. Only this extension counts: its own pages (popup, options) by URL, and its
 * content scripts (a tab, a page URL). Web pages cannot reach us (no `externally_connectable`);
 * this is the belt to that brace.
 */
export function senderKind(sender: chrome.runtime.MessageSender): SenderKind {
  if (sender.id !== chrome.runtime.id) return "foreign"
  const base = chrome.runtime.getURL("")
  if (typeof sender.url === "string" && sender.url.startsWith(base)) return "extension-page"
  if (sender.tab && typeof sender.tab.id === "number") return "content-script"
  return "foreign"
}

export interface HandlerContext {
  sender: chrome.runtime.MessageSender
  senderKind: SenderKind
}

export type Handler<T extends MessageType = MessageType> = (body: unknown, sender: chrome.runtime.MessageSender) => Promise<MessageResult<T>>

export function defineHandler<T extends MessageType>(
  type: T,
  run: (body: ParsedRequest<T>, ctx: HandlerContext) => Promise<MessageResponse<T>>,
): Handler<T> {
  const allowContentScripts = CONTENT_SCRIPT_MESSAGES.includes(type)
  return async (body, sender) => {
    const kind = senderKind(sender)
    if (kind === "foreign" || (kind === "content-script" && !allowContentScripts)) {
      return { ok: false, error: { kind: "forbidden_sender", message: `“${type}” is not accepted from this sender.` } }
    }
    const parsed = MESSAGE_SCHEMAS[type].request.safeParse(body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const field = issue?.path.map(String).join(".")
      return {
        ok: false,
        error: {
          kind: "bad_message",
          message: issue ? `${field ? `${field}: ` : ""}${issue.message}` : "Invalid message",
          ...(field ? { field } : {}),
          issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
        },
      }
    }
    try {
      const data = await run(parsed.data as ParsedRequest<T>, { sender, senderKind: kind })
      return { ok: true, data }
    } catch (e) {
      return { ok: false, error: toMessageError(e, await serverUrlItem.get()) }
    }
  }
}
