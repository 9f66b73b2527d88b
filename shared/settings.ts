import * as z from "zod"
import { FieldIdSchema, type FieldId } from "./fields"

/** Outreach channels that can create a Clockwork note. */
export const ACTIVITIES = ["email", "linkedin_message", "inmail", "call", "sms"] as const
export const ActivitySchema = z.enum(ACTIVITIES)
export type Activity = z.infer<typeof ActivitySchema>

/** Outreach stages a contact moves through; each can map to a Clockwork candidate status. */
export const OUTREACH_STAGES = ["added", "contacted", "replied", "interested", "not_interested", "bounced", "unsubscribed"] as const
export const OutreachStageSchema = z.enum(OUTREACH_STAGES)
export type OutreachStage = z.infer<typeof OutreachStageSchema>

/** When a Person is created in Clockwork. */
export const ADD_PERSON_WHEN = ["added_to_campaign", "replied", "interested", "never"] as const
export const AddPersonWhenSchema = z.enum(ADD_PERSON_WHEN)
export type AddPersonWhen = z.infer<typeof AddPersonWhenSchema>

export const SyncAsSchema = z.enum(["person", "none"])
export type SyncAs = z.infer<typeof SyncAsSchema>

export const UpdatePolicySchema = z.enum(["always", "if_blank"])
export type UpdatePolicy = z.infer<typeof UpdatePolicySchema>

/**
 * Clockwork ids as we receive them (UUIDs on the real API, integers in v1, short tokens in the
 * sandbox). Ids travel as URL path segments, so dots, colons and everything else are refused.
 */
export const ClockworkIdSchema = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, "must be a Clockwork id")
export const ClockworkNoteTypeIdSchema = ClockworkIdSchema
export const ClockworkStatusIdSchema = ClockworkIdSchema
export const ClockworkProjectIdSchema = ClockworkIdSchema

/** An outreach template variable, e.g. `first_name`. */
export const VariableNameSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "must be a variable name such as first_name")
export type VariableName = z.infer<typeof VariableNameSchema>

/** A Clockwork tag name. */
export const TagSchema = z.string().trim().min(1, "a tag cannot be empty").max(100)

export const NoteTriggerSchema = z.enum([...ACTIVITIES, "replied", "interested"])
export type NoteTrigger = z.infer<typeof NoteTriggerSchema>

/** Settings an admin can lock so campaigns and individual overrides cannot change them. */
export const SETTING_PATHS = [
  "contact.syncManualUpdates",
  "contact.blockEmailsToOffLimits",
  "adding.addPersonWhen",
  "adding.onlyNotesToSyncedRecords",
  "personFields.displayed",
  "personFields.mandatory",
  "personFields.updatePolicy",
  "personFields.protected",
  "notes.createFrom",
  "notes.typeMapping",
  "stages.mapping",
  "fieldMapping",
  "advanced.dontOverwriteCv",
  "advanced.updateWorkEducationHistory",
  "defaults.syncAs",
  "defaults.tags",
] as const
export const SettingPathSchema = z.enum(SETTING_PATHS)
export type SettingPath = z.infer<typeof SettingPathSchema>

const uniqueList = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).max(200).refine((xs) => new Set(xs.map(String)).size === xs.length, `${what} must not repeat`)

export const TeamSettingsSchema = z.object({
  contact: z.object({
    /** Push manual contact-field edits made on the outreach side. */
    syncManualUpdates: z.boolean(),
    /** Refuse to email people Clockwork marks Do Not Contact. */
    blockEmailsToOffLimits: z.boolean(),
  }),
  adding: z.object({
    addPersonWhen: AddPersonWhenSchema,
    /** With a reply/interested trigger: no notes on pre-existing Clockwork records until it fires. */
    onlyNotesToSyncedRecords: z.boolean(),
  }),
  personFields: z.object({
    displayed: uniqueList(FieldIdSchema, "displayed fields"),
    mandatory: uniqueList(FieldIdSchema, "mandatory fields"),
    /** Per field; a field not listed is "if_blank". */
    updatePolicy: z.partialRecord(FieldIdSchema, UpdatePolicySchema),
    /** Never overwritten once Clockwork has a value. */
    protected: uniqueList(FieldIdSchema, "protected fields"),
  }),
  notes: z.object({
    createFrom: uniqueList(ActivitySchema, "note activities"),
    typeMapping: z.partialRecord(NoteTriggerSchema, ClockworkNoteTypeIdSchema),
  }),
  stages: z.object({
    mapping: z.partialRecord(OutreachStageSchema, ClockworkStatusIdSchema),
  }),
  /** Clockwork field -> outreach variable it is filled from. */
  fieldMapping: z.partialRecord(FieldIdSchema, VariableNameSchema),
  advanced: z.object({
    dontOverwriteCv: z.boolean(),
    updateWorkEducationHistory: z.boolean(),
  }),
  defaults: z.object({
    syncAs: SyncAsSchema,
    tags: uniqueList(TagSchema, "default tags"),
  }),
  locks: uniqueList(SettingPathSchema, "locks"),
})
export type TeamSettings = z.infer<typeof TeamSettingsSchema>

/** A partial update of team settings: any section, any field of it. */
export const TeamSettingsPatchSchema = z
  .object({
    contact: TeamSettingsSchema.shape.contact.partial(),
    adding: TeamSettingsSchema.shape.adding.partial(),
    personFields: TeamSettingsSchema.shape.personFields.partial(),
    notes: TeamSettingsSchema.shape.notes.partial(),
    stages: TeamSettingsSchema.shape.stages.partial(),
    fieldMapping: TeamSettingsSchema.shape.fieldMapping,
    advanced: TeamSettingsSchema.shape.advanced.partial(),
    defaults: TeamSettingsSchema.shape.defaults.partial(),
    locks: TeamSettingsSchema.shape.locks,
  })
  .partial()
  .strict()
export type TeamSettingsPatch = z.infer<typeof TeamSettingsPatchSchema>

export const DEFAULT_FIELD_MAPPING: Partial<Record<FieldId, VariableName>> = {
  name: "full_name",
  firstName: "first_name",
  lastName: "last_name",
  title: "title",
  company: "company",
  location: "location",
  email: "email",
  phone: "phone",
  linkedinUrl: "linkedin_url",
  website: "website",
}

/** What a new team starts with: the seed's defaults, nothing locked. */
export const DEFAULT_TEAM_SETTINGS: TeamSettings = {
  contact: { syncManualUpdates: true, blockEmailsToOffLimits: true },
  adding: { addPersonWhen: "replied", onlyNotesToSyncedRecords: false },
  personFields: {
    displayed: ["title", "company", "location", "email", "phone"],
    mandatory: [],
    updatePolicy: {},
    protected: [],
  },
  notes: { createFrom: ["email", "linkedin_message", "inmail"], typeMapping: {} },
  stages: { mapping: {} },
  fieldMapping: { ...DEFAULT_FIELD_MAPPING },
  advanced: { dontOverwriteCv: true, updateWorkEducationHistory: false },
  defaults: { syncAs: "person", tags: [] },
  locks: [],
}

/** Applies a patch: each section present in the patch is merged one level deep; maps and lists are replaced. */
export function applySettingsPatch(settings: TeamSettings, patch: TeamSettingsPatch): TeamSettings {
  return {
    contact: { ...settings.contact, ...patch.contact },
    adding: { ...settings.adding, ...patch.adding },
    personFields: { ...settings.personFields, ...patch.personFields },
    notes: { ...settings.notes, ...patch.notes },
    stages: { ...settings.stages, ...patch.stages },
    fieldMapping: patch.fieldMapping ?? settings.fieldMapping,
    advanced: { ...settings.advanced, ...patch.advanced },
    defaults: { ...settings.defaults, ...patch.defaults },
    locks: patch.locks ?? settings.locks,
  }
}

/** Dotted paths (two levels) whose values differ between two settings objects; for the history. */
export function diffSettings(before: TeamSettings, after: TeamSettings): string[] {
  const changed: string[] = []
  for (const section of Object.keys(after) as (keyof TeamSettings)[]) {
    const a = before[section] as unknown
    const b = after[section] as unknown
    if (Array.isArray(b) || section === "fieldMapping") {
      if (JSON.stringify(a) !== JSON.stringify(b)) changed.push(section)
      continue
    }
    const aObj = a as Record<string, unknown>
    const bObj = b as Record<string, unknown>
    for (const key of new Set([...Object.keys(aObj), ...Object.keys(bObj)])) {
      if (JSON.stringify(aObj[key]) !== JSON.stringify(bObj[key])) changed.push(`${section}.${key}`)
    }
  }
  return changed
}

export function isLocked(settings: TeamSettings, path: SettingPath): boolean {
  return settings.locks.includes(path)
}
