import * as z from "zod"
import { FieldValuesSchema } from "./fields"
import { PersonKeySchema } from "./person-key"
import { AddPersonWhenSchema, ClockworkProjectIdSchema, SyncAsSchema, TagSchema } from "./settings"

/** A campaign's Clockwork sync options: its "Sync as", tags and sync override. */
export const CampaignSyncOptionsSchema = z.object({
  syncAs: SyncAsSchema.optional(),
  tags: z.array(TagSchema).max(100).default([]),
  /** The campaign's "sync override" of the team's Add Person trigger. */
  addPersonWhen: AddPersonWhenSchema.optional(),
  /** The Clockwork project people of this campaign are added to (stages map onto it). */
  clockworkProjectId: ClockworkProjectIdSchema.optional(),
  /** Values every person of the campaign gets, e.g. a source custom field. */
  fieldValues: FieldValuesSchema.optional(),
})
export type CampaignSyncOptions = z.infer<typeof CampaignSyncOptionsSchema>
export type CampaignSyncOptionsInput = z.input<typeof CampaignSyncOptionsSchema>

export const CampaignIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a campaign id")
export type CampaignId = z.infer<typeof CampaignIdSchema>

/** A person's individual override, per person and optionally per campaign. */
export const PersonOverrideSchema = z.object({
  personKey: PersonKeySchema,
  campaignId: CampaignIdSchema.optional(),
  syncAs: SyncAsSchema.optional(),
  tags: z
    .object({
      add: z.array(TagSchema).max(100).default([]),
      remove: z.array(TagSchema).max(100).default([]),
    })
    .default({ add: [], remove: [] }),
  fields: FieldValuesSchema.default({}),
})
export type PersonOverride = z.infer<typeof PersonOverrideSchema>
export type PersonOverrideInput = z.input<typeof PersonOverrideSchema>
