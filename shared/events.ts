import * as z from "zod"
import { CampaignIdSchema } from "./campaign"
import { ProfileCaptureSchema } from "./capture"
import { FieldValuesSchema } from "./fields"
import { PersonKeySchema } from "./person-key"
import { ActivitySchema, OutreachStageSchema, VariableNameSchema } from "./settings"

/** An event id chosen by the sender; replaying an id is accepted and does nothing. */
export const EventIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, "must be 1–128 letters, digits or _ . : -")

const base = {
  id: EventIdSchema,
  personKey: PersonKeySchema,
  campaignId: CampaignIdSchema.optional(),
  occurredAt: z.iso.datetime({ offset: true }),
  /** What the outreach side knows of the contact, when it sends it. */
  contact: ProfileCaptureSchema.optional(),
  /** The contact's outreach variables; Clockwork fields are filled through the team's field mapping. */
  variables: z.record(VariableNameSchema, z.string().max(2000)).optional(),
}

const message = {
  subject: z.string().max(500).optional(),
  body: z.string().max(100_000).default(""),
}

export const OutreachEventSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("added_to_campaign") }),
  z.object({ ...base, type: z.literal("activity"), channel: ActivitySchema, ...message }),
  z.object({ ...base, type: z.literal("replied"), channel: ActivitySchema.default("email"), ...message }),
  z.object({ ...base, type: z.literal("interested"), channel: ActivitySchema.default("email"), ...message }),
  z.object({ ...base, type: z.literal("not_interested") }),
  z.object({ ...base, type: z.literal("bounced") }),
  z.object({ ...base, type: z.literal("unsubscribed") }),
  z.object({ ...base, type: z.literal("stage_changed"), stage: OutreachStageSchema }),
  z.object({ ...base, type: z.literal("manual_update"), fields: FieldValuesSchema }),
  /** The recruiter asked to push this person now (extension "push now"). */
  z.object({ ...base, type: z.literal("push_requested") }),
])
export type OutreachEvent = z.infer<typeof OutreachEventSchema>
export type OutreachEventInput = z.input<typeof OutreachEventSchema>
export type OutreachEventType = OutreachEvent["type"]

/** `POST /events` takes one event or a batch of up to 500. */
export const OutreachEventBatchSchema = z.union([OutreachEventSchema, z.array(OutreachEventSchema).min(1).max(500)])
