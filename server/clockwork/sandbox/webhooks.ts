import { candidacyWebhookJson } from "./serialize"
import type { CandidacyRec, WebhookRec } from "./state"

/** One delivery attempt of a webhook, as `GET /_sandbox/webhooks/deliveries` lists it. */
export interface WebhookDelivery {
  firm: string
  webhookId: string
  hookUrl: string
  event: string
  candidacyId: string
  statusId: string
  at: string
  /** HTTP status of the receiver's answer, or null when it could not be reached. */
  status: number | null
  error: string | null
}

const DELIVERY_TIMEOUT_MS = 5_000

/**
 * Delivers `candidacy_updated` events (snake_case payload of clockwork-api.md §7) to every hook of
 * the firm. NOTE: Clockwork's signing and retry policy are unknown; the sandbox signs nothing and
 * tries each delivery once, in the background.
 */
export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = []
  private readonly pending = new Set<Promise<void>>()

  /** Uses `now` for delivery timestamps. */
  constructor(private readonly now: () => Date) {}

  /** Starts a delivery of `candidacy_updated` to each hook; returns at once. */
  candidacyUpdated(firm: string, hooks: WebhookRec[], candidacy: CandidacyRec): void {
    const payload = JSON.stringify({ event_name: "candidacy_updated", candidacy: candidacyWebhookJson(candidacy) })
    for (const hook of hooks) {
      const job = this.deliver(firm, hook, payload, candidacy).finally(() => this.pending.delete(job))
      this.pending.add(job)
    }
  }

  /** Resolves when every delivery started so far has finished. */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending])
  }

  /** POSTs one payload to one hook and records the outcome. */
  private async deliver(firm: string, hook: WebhookRec, payload: string, c: CandidacyRec): Promise<void> {
    const record: WebhookDelivery = {
      firm,
      webhookId: hook.id,
      hookUrl: hook.hookUrl,
      event: "candidacy_updated",
      candidacyId: c.id,
      statusId: c.statusId,
      at: this.now().toISOString(),
      status: null,
      error: null,
    }
    try {
      const res = await fetch(hook.hookUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "User-Agent": "clockwork-sandbox-webhooks/1" },
        body: payload,
        redirect: "manual",
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      })
      record.status = res.status
      await res.body?.cancel()
    } catch (err) {
      record.error = err instanceof Error ? err.name : "error"
    }
    this.deliveries.push(record)
  }
}
