// The background's outbox: the persisted queue of lib/queue.ts wired to the server, the toolbar
// badge and the retry alarm.
import type { ActionResult, OutboxItem } from "@shared/messages"
import * as api from "~lib/api"
import { ServerRequestError } from "~lib/api"
import { createOutbox, type Deliver, type DeliveryOutcome } from "~lib/queue"
import { outboxFailedItem, outboxItem } from "~lib/storage"
import { MessageFailure, TOKEN_REFUSED } from "./errors"
import { requireConnection } from "./session"

export const OUTBOX_ALARM = "cogsync-outbox"
/** NOTE: Chrome (120+) allows alarms every 30 s; older versions round up to a minute. */
export const OUTBOX_PERIOD_MINUTES = 0.5

export async function updateBadge({ pending, failed }: { pending: number; failed: number }): Promise<void> {
  const text = pending > 0 ? String(pending) : failed > 0 ? "!" : ""
  const title =
    pending > 0
      ? `Cogsync: ${pending} ${pending === 1 ? "action" : "actions"} waiting to be sent`
      : failed > 0
        ? `Cogsync: ${failed} ${failed === 1 ? "action" : "actions"} failed; open the popup`
        : "Cogsync"
  await Promise.all([
    chrome.action.setBadgeText({ text }),
    chrome.action.setBadgeBackgroundColor({ color: failed > 0 ? "#b91c1c" : "#b45309" }),
    chrome.action.setTitle({ title }),
  ])
}

export const outbox = createOutbox({ pending: outboxItem, failed: outboxFailedItem, onChange: updateBadge })

/** What a failed request means for an outbox item. */
export function outcomeOf(e: unknown): DeliveryOutcome {
  if (e instanceof MessageFailure) return { outcome: "stop", message: e.message }
  if (!(e instanceof ServerRequestError)) return { outcome: "retry", message: e instanceof Error ? e.message : String(e) }
  if (e.kind === "unreachable") return { outcome: "stop", message: "Can't reach the Cogsync server" }
  // A 2xx whose body we could not read: the server has the item.
  if (e.kind === "bad_response") return e.status !== undefined && e.status < 300 ? { outcome: "delivered" } : { outcome: "retry", message: e.message }
  const status = e.status ?? 0
  if (status === 401) return { outcome: "stop", message: TOKEN_REFUSED }
  if (status >= 400 && status < 500 && status !== 408 && status !== 409 && status !== 429) {
    return { outcome: "rejected", message: e.message, status, ...(e.field ? { field: e.field } : {}) }
  }
  return { outcome: "retry", message: e.message }
}

/** Sends one outbox item. Each request carries the item's id, so a repeat is a no-op on the server. */
export const deliver: Deliver = async (item, checkpoint) => {
  try {
    const conn = await requireConnection()
    switch (item.kind) {
      case "push":
        await api.postEvents(conn, {
          type: "push_requested",
          id: item.id,
          personKey: item.personKey,
          ...(item.campaignId ? { campaignId: item.campaignId } : {}),
          occurredAt: item.createdAt,
          contact: item.capture,
        })
        break
      case "override":
        await api.putOverride(conn, item.override)
        break
      case "campaign-member":
        if (!item.memberAdded) {
          await api.addCampaignMember(conn, item.campaignId, { capture: item.capture, requestId: item.id })
          await checkpoint({ ...item, memberAdded: true })
        }
        await api.postEvents(conn, {
          type: "added_to_campaign",
          id: item.id,
          personKey: item.personKey,
          campaignId: item.campaignId,
          occurredAt: item.createdAt,
          contact: item.capture,
        })
        break
    }
    return { outcome: "delivered" }
  } catch (e) {
    return outcomeOf(e)
  }
}

export const flushOutbox = () => outbox.flush(deliver)

/**
 * Persists the item, then tries to send the whole outbox now. Answers "sent" or "queued"; an item
 * the server rejects right away is not kept in the failed list but thrown back to the caller, who
 * shows the error where the recruiter acted.
 */
export async function enqueueAndDeliver(item: OutboxItem): Promise<ActionResult> {
  await outbox.enqueue(item)
  const report = await flushOutbox()
  const state = await outbox.state(item.id)
  if (state === "gone") return { status: "sent", itemId: item.id, reason: null }
  if (state === "failed") {
    const failed = await outbox.takeFailed(item.id)
    const error = failed?.error ?? { message: "The server rejected this." }
    throw new MessageFailure({
      kind: "invalid",
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.status ? { status: error.status } : {}),
    })
  }
  const pending = (await outbox.view()).pending.find((i) => i.id === item.id)
  return { status: "queued", itemId: item.id, reason: pending?.lastError ?? report.stoppedBy }
}

export function newItemBase(personKey: string, label: string) {
  return {
    id: crypto.randomUUID(),
    personKey,
    label,
    createdAt: new Date().toISOString(),
    attempts: 0,
    lastAttemptAt: null,
    lastError: null,
  }
}

/** Creates the retry alarm unless it exists (re-creating would restart its period). */
export async function ensureOutboxAlarm(): Promise<void> {
  const existing = await chrome.alarms.get(OUTBOX_ALARM)
  if (!existing) await chrome.alarms.create(OUTBOX_ALARM, { periodInMinutes: OUTBOX_PERIOD_MINUTES })
}
