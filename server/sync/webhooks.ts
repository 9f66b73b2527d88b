// Clockwork → Cogsync: the candidacy_updated webhook. Clockwork signs nothing, so each team's hook
// URL carries a random token (`?token=`; only its SHA-256 is stored) that the receiver checks.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto"
import { eq } from "drizzle-orm"
import * as z from "zod"
import type { Db } from "../db/client"
import { webhookTokens } from "../db/schema"
import type { Clock } from "../services/clock"
import { rememberCandidacy } from "./status-cache"

const id = z.union([z.string().trim().min(1).max(200), z.number().int()]).transform(String)

/** The candidacy_updated payload (reference §7, snake_case); other keys are ignored. */
export const CandidacyWebhookSchema = z.object({
  event_name: z.string().max(100),
  candidacy: z
    .object({
      id,
      person_id: id,
      project_id: id,
      status_id: id.nullish(),
      updated_at: z.string().max(100).nullish(),
    })
    .optional(),
})
export type CandidacyWebhook = z.infer<typeof CandidacyWebhookSchema>

export const WebhookParamsSchema = z.object({ teamId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a team id") })
export const WebhookQuerySchema = z.object({ token: z.string().max(200).optional() })
export const WebhookReceiptSchema = z.object({ ok: z.literal(true), applied: z.boolean() })

const hash = (token: string) => createHash("sha256").update(token, "utf8").digest()

/** Issues a new token for the team (replacing the old one) and returns it with the previous hook's id. */
export function issueWebhookToken(db: Db, clock: Clock, teamId: string): { token: string; previousWebhookId: string | null } {
  const token = randomBytes(32).toString("base64url")
  const previous = db.select({ id: webhookTokens.clockworkWebhookId }).from(webhookTokens).where(eq(webhookTokens.teamId, teamId)).get()
  const values = { tokenHash: hash(token).toString("hex"), clockworkWebhookId: null, createdAt: clock.now().toISOString() }
  db.insert(webhookTokens)
    .values({ teamId, ...values })
    .onConflictDoUpdate({ target: webhookTokens.teamId, set: values })
    .run()
  return { token, previousWebhookId: previous?.id ?? null }
}

export function rememberWebhookId(db: Db, teamId: string, webhookId: string): void {
  db.update(webhookTokens).set({ clockworkWebhookId: webhookId }).where(eq(webhookTokens.teamId, teamId)).run()
}

/** Whether the token is the team's current webhook token (constant-time comparison). */
export function verifyWebhookToken(db: Db, teamId: string, token: string | undefined): boolean {
  if (!token) return false
  const row = db.select({ tokenHash: webhookTokens.tokenHash }).from(webhookTokens).where(eq(webhookTokens.teamId, teamId)).get()
  if (!row) return false
  const expected = Buffer.from(row.tokenHash, "hex")
  const given = hash(token)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** Applies a candidacy_updated delivery to the status cache; false for other events or stale ones. */
export function applyCandidacyWebhook(db: Db, clock: Clock, teamId: string, payload: CandidacyWebhook): boolean {
  if (payload.event_name !== "candidacy_updated" || !payload.candidacy) return false
  const c = payload.candidacy
  return rememberCandidacy(db, clock, teamId, {
    candidacyId: c.id,
    personId: c.person_id,
    projectId: c.project_id,
    statusId: c.status_id ?? null,
    clockworkUpdatedAt: c.updated_at ?? null,
  })
}
