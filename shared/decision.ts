import * as z from "zod"
import { FieldIdSchema } from "./fields"
import { PersonKeySchema } from "./person-key"
import { ActivitySchema, AddPersonWhenSchema, OutreachStageSchema, SyncAsSchema } from "./settings"

/** The layer that decided a part of the decision. */
export const DecisionLayerSchema = z.enum(["team", "campaign", "person", "lock", "clockwork", "event"])
export type DecisionLayer = z.infer<typeof DecisionLayerSchema>

export const TraceEntrySchema = z.object({
  layer: DecisionLayerSchema,
  /** A sentence a recruiter can read: "Locked by your admin: Add Person when they reply". */
  detail: z.string(),
})
export type TraceEntry = z.infer<typeof TraceEntrySchema>

export const FieldOpSchema = z.enum(["set", "keep"])

/** Why a field is set or kept. */
export const FieldWhySchema = z.enum([
  "new_person", // set: a new person gets every known value
  "policy_always", // set: "Always update"
  "blank_in_clockwork", // set: Clockwork has no value yet
  "value_added", // set: a list field (email, phone, LinkedIn URL, website) gains a value
  "unchanged", // keep: Clockwork already holds this value
  "policy_if_blank", // keep: "Only update if blank" and Clockwork has a value
  "protected", // keep: protected field with a value in Clockwork
  "no_value", // keep: nothing to write
  "not_written", // keep: the action writes no fields (skip, note only, blocked)
])
export type FieldWhy = z.infer<typeof FieldWhySchema>

export const FieldSourceSchema = z.enum(["person", "campaign", "event", "variables", "capture"])
export type FieldSource = z.infer<typeof FieldSourceSchema>

export const FieldPlanEntrySchema = z.object({
  field: FieldIdSchema,
  /** The value Cogsync would write (null when it has none). */
  value: z.string().nullable(),
  /** What Clockwork holds now (null for a new person or a blank field). */
  current: z.string().nullable(),
  op: FieldOpSchema,
  why: FieldWhySchema,
  source: FieldSourceSchema.nullable(),
  displayed: z.boolean(),
  mandatory: z.boolean(),
  /** A recruiter override for a field that is not displayed is ignored; this says so. */
  overrideIgnored: z.boolean().default(false),
})
export type FieldPlanEntry = z.infer<typeof FieldPlanEntrySchema>

export const SyncActionSchema = z.enum(["create", "update", "note_only", "skip", "blocked"])
export type SyncAction = z.infer<typeof SyncActionSchema>

export const NotePlanSchema = z.object({
  /** Clockwork note type; null means an untyped note (still created). */
  typeId: z.string().nullable(),
  channel: ActivitySchema,
  subject: z.string().optional(),
  body: z.string(),
})
export type NotePlan = z.infer<typeof NotePlanSchema>

export const StagePlanSchema = z.object({
  stage: OutreachStageSchema,
  statusId: z.string(),
  projectId: z.string(),
})
export type StagePlan = z.infer<typeof StagePlanSchema>

export const SyncDecisionSchema = z.object({
  personKey: PersonKeySchema,
  action: SyncActionSchema,
  reasons: z.array(z.string()),
  syncAs: SyncAsSchema,
  addPersonWhen: AddPersonWhenSchema,
  /** Whether the person's Add Person trigger has fired (by this event or earlier). */
  triggerFired: z.boolean(),
  /** The resolved tag set; added to Clockwork only when the action creates or updates. */
  tags: z.array(z.string()),
  fieldPlan: z.array(FieldPlanEntrySchema),
  /** Mandatory fields with no value anywhere (override, campaign, page, Clockwork); they block any push. */
  missing: z.array(FieldIdSchema),
  note: NotePlanSchema.nullable(),
  stage: StagePlanSchema.nullable(),
  cv: z.enum(["upload", "skip", "none"]),
  history: z.enum(["replace", "skip"]),
  emailAllowed: z.boolean(),
  emailReason: z.string(),
  trace: z.object({
    action: TraceEntrySchema,
    syncAs: TraceEntrySchema,
    addPersonWhen: TraceEntrySchema,
    tags: TraceEntrySchema,
    fields: TraceEntrySchema,
    note: TraceEntrySchema,
    stage: TraceEntrySchema,
    cv: TraceEntrySchema,
    history: TraceEntrySchema,
    emailAllowed: TraceEntrySchema,
  }),
})
export type SyncDecision = z.infer<typeof SyncDecisionSchema>

/** True when a decision writes anything to Clockwork. */
export function decisionWrites(d: SyncDecision): boolean {
  return (
    d.action === "create" ||
    (d.action === "update" && d.tags.length > 0) ||
    d.fieldPlan.some((f) => f.op === "set") ||
    d.note !== null ||
    d.stage !== null ||
    d.cv === "upload" ||
    (d.history === "replace" && d.action === "update")
  )
}
