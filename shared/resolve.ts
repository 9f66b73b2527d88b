import * as z from "zod"
import { CampaignSyncOptionsSchema, PersonOverrideSchema } from "./campaign"
import { ProfileCaptureSchema } from "./capture"
import { ClockworkPersonSnapshotSchema, type ClockworkPersonSnapshot } from "./clockwork"
import type { FieldPlanEntry, FieldSource, NotePlan, StagePlan, SyncAction, SyncDecision, TraceEntry } from "./decision"
import { OutreachEventSchema, type OutreachEvent } from "./events"
import { MULTI_VALUED_FIELDS, STANDARD_FIELD_IDS, fieldLabel, type FieldId } from "./fields"
import { linkedInSlug, normalizeEmail } from "./person-key"
import { captureValue, mergeTags } from "./resolve-rules"
import {
  TeamSettingsSchema,
  type Activity,
  type AddPersonWhen,
  type OutreachStage,
  type SyncAs,
  type TeamSettings,
} from "./settings"

/** Everything the resolver looks at. The world comes in as arguments; nothing is read globally. */
export const ResolveInputSchema = z.object({
  settings: TeamSettingsSchema,
  campaign: CampaignSyncOptionsSchema.extend({ name: z.string().max(200).optional() }).nullish(),
  override: PersonOverrideSchema.nullish(),
  capture: ProfileCaptureSchema,
  existing: ClockworkPersonSnapshotSchema.nullish(),
  /** The triggering event; absent for a preview, which shows what "push now" would do. */
  event: OutreachEventSchema.nullish(),
  /** Whether the person's Add Person trigger fired on an earlier event. */
  triggerFiredBefore: z.boolean().optional(),
})
export type ResolveInput = z.output<typeof ResolveInputSchema>

const SYNC_AS_LABEL: Record<SyncAs, string> = { person: "Person", none: "Don't sync" }
const WHEN_LABEL: Record<AddPersonWhen, string> = {
  added_to_campaign: "when added to a campaign",
  replied: "when they reply",
  interested: "when they are interested",
  never: "never",
}
const ACTIVITY_LABEL: Record<Activity, string> = {
  email: "email",
  linkedin_message: "LinkedIn message",
  inmail: "InMail",
  call: "call",
  sms: "SMS",
}

const entry = (layer: TraceEntry["layer"], detail: string): TraceEntry => ({ layer, detail })
const campaignName = (c: ResolveInput["campaign"]) => (c?.name ? `Campaign “${c.name}”` : "The campaign")
const blank = (v: string | null | undefined): v is null | undefined | "" => v === undefined || v === null || v.trim() === ""

function resolveSyncAs(input: ResolveInput): { value: SyncAs; trace: TraceEntry } {
  const team = input.settings.defaults.syncAs
  const campaign = input.campaign?.syncAs
  const person = input.override?.syncAs
  if (input.settings.locks.includes("defaults.syncAs")) {
    const ignored = [person, campaign].some((v) => v !== undefined && v !== team)
    return {
      value: team,
      trace: entry("lock", `Locked by your admin: Sync as ${SYNC_AS_LABEL[team]}${ignored ? " (a campaign or individual choice was ignored)" : ""}`),
    }
  }
  if (person !== undefined) return { value: person, trace: entry("person", `Your override: Sync as ${SYNC_AS_LABEL[person]}`) }
  if (campaign !== undefined) return { value: campaign, trace: entry("campaign", `${campaignName(input.campaign)} syncs as ${SYNC_AS_LABEL[campaign]}`) }
  return { value: team, trace: entry("team", `Team default: Sync as ${SYNC_AS_LABEL[team]}`) }
}

function resolveAddPersonWhen(input: ResolveInput): { value: AddPersonWhen; trace: TraceEntry } {
  const team = input.settings.adding.addPersonWhen
  const campaign = input.campaign?.addPersonWhen
  if (input.settings.locks.includes("adding.addPersonWhen")) {
    return {
      value: team,
      trace: entry(
        "lock",
        `Locked by your admin: add Person ${WHEN_LABEL[team]}${campaign !== undefined && campaign !== team ? " (the campaign's sync override was ignored)" : ""}`,
      ),
    }
  }
  if (campaign !== undefined) return { value: campaign, trace: entry("campaign", `${campaignName(input.campaign)} adds Person ${WHEN_LABEL[campaign]}`) }
  return { value: team, trace: entry("team", `Team setting: add Person ${WHEN_LABEL[team]}`) }
}

function resolveTags(input: ResolveInput): { value: string[]; trace: TraceEntry } {
  const team = mergeTags(input.settings.defaults.tags)
  if (input.settings.locks.includes("defaults.tags")) {
    return { value: team, trace: entry("lock", "Locked by your admin: only the team's default tags are added") }
  }
  const inherited = mergeTags(team, input.campaign?.tags ?? [])
  const adds = input.override?.tags.add ?? []
  const removes = new Set((input.override?.tags.remove ?? []).map((t) => t.trim().toLowerCase()))
  const value = mergeTags(inherited, adds).filter((t) => !removes.has(t.toLowerCase()))
  const personChanged = value.length !== inherited.length || value.some((t, i) => t !== inherited[i])
  if (personChanged) return { value, trace: entry("person", "Your tag overrides changed the inherited tags") }
  if (inherited.length > team.length) return { value, trace: entry("campaign", `${campaignName(input.campaign)} adds its tags to the team's`) }
  return { value, trace: entry("team", team.length ? "The team's default tags" : "No tags are set") }
}

/** Does this event fire the Add Person trigger? A preview (no event) counts as "push now". */
function firesTrigger(event: OutreachEvent | null | undefined, when: AddPersonWhen): boolean {
  if (when === "never") return false
  const type = event?.type ?? "push_requested"
  if (type === "manual_update") return false
  if (type === "push_requested") return true
  if (when === "added_to_campaign") return true
  const stage = event?.type === "stage_changed" ? event.stage : undefined
  if (when === "replied") return type === "replied" || type === "interested" || stage === "replied" || stage === "interested"
  return type === "interested" || stage === "interested"
}

function stageOf(event: OutreachEvent | null | undefined): OutreachStage | undefined {
  switch (event?.type) {
    case "added_to_campaign":
      return "added"
    case "activity":
      return "contacted"
    case "replied":
    case "interested":
    case "not_interested":
    case "bounced":
    case "unsubscribed":
      return event.type
    case "stage_changed":
      return event.stage
    default:
      return undefined
  }
}

const FIELD_ORDER = new Map<string, number>(STANDARD_FIELD_IDS.map((f, i) => [f, i]))

function sortFields(fields: Iterable<FieldId>): FieldId[] {
  return [...new Set(fields)].sort((a, b) => {
    const ia = FIELD_ORDER.get(a) ?? Number.MAX_SAFE_INTEGER
    const ib = FIELD_ORDER.get(b) ?? Number.MAX_SAFE_INTEGER
    return ia !== ib ? ia - ib : a.localeCompare(b)
  })
}

/** Normal form used to compare a value with what Clockwork holds (the sync engine compares alike). */
export function comparable(field: FieldId, value: string): string {
  const v = value.trim()
  if (field === "email") return normalizeEmail(v) ?? v.toLowerCase()
  if (field === "phone") return v.replace(/[^\d+]/g, "")
  if (field === "linkedinUrl") return linkedInSlug(v) ?? v.toLowerCase().replace(/\/+$/, "")
  if (field === "website") return v.toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "")
  return v.toLowerCase().replace(/\s+/g, " ")
}

function currentValues(existing: ClockworkPersonSnapshot, field: FieldId): string[] {
  switch (field) {
    case "email":
      return existing.emails
    case "phone":
      return existing.phones
    case "linkedinUrl":
      return existing.linkedinUrls
    case "website":
      return existing.websites
    case "name": {
      const v = existing.fields.name ?? existing.name
      return blank(v) ? [] : [v]
    }
    default: {
      const v = existing.fields[field]
      return blank(v) ? [] : [v]
    }
  }
}

interface Candidate {
  value: string
  source: FieldSource
}

function candidateValues(input: ResolveInput, displayed: ReadonlySet<FieldId>): { values: Map<FieldId, Candidate>; ignored: Set<FieldId> } {
  const values = new Map<FieldId, Candidate>()
  const ignored = new Set<FieldId>()
  const put = (field: FieldId, value: string | undefined, source: FieldSource) => {
    if (!blank(value)) values.set(field, { value: value.trim(), source })
  }
  // Lowest precedence first; later layers overwrite.
  for (const f of STANDARD_FIELD_IDS) put(f, captureValue(input.capture, f), "capture")
  for (const [f, v] of Object.entries(input.capture.custom ?? {})) put(f as FieldId, v, "capture")
  const variables = input.event?.variables ?? {}
  for (const [f, variable] of Object.entries(input.settings.fieldMapping)) {
    if (variable) put(f as FieldId, variables[variable], "variables")
  }
  for (const [f, v] of Object.entries(input.campaign?.fieldValues ?? {})) put(f as FieldId, v, "campaign")
  for (const [f, v] of Object.entries(input.override?.fields ?? {})) {
    const field = f as FieldId
    if (blank(v)) continue
    // NOTE: recruiters edit displayed fields only; other fields still sync from the capture.
    if (displayed.has(field)) put(field, v, "person")
    else ignored.add(field)
  }
  return { values, ignored }
}

function planField(
  field: FieldId,
  candidate: Candidate | undefined,
  existing: ClockworkPersonSnapshot | null | undefined,
  settings: TeamSettings,
): Pick<FieldPlanEntry, "value" | "current" | "op" | "why"> {
  const value = candidate?.value ?? null
  const currents = existing ? currentValues(existing, field) : []
  const current = currents[0] ?? null
  if (value === null) return { value, current, op: "keep", why: "no_value" }
  if (!existing) return { value, current, op: "set", why: "new_person" }
  const want = comparable(field, value)
  const held = currents.map((c) => comparable(field, c))
  // NOTE: Clockwork prepends a changed biography to the old one, so a biography already contained is unchanged.
  if (held.includes(want) || (field === "biography" && held.some((h) => h.includes(want)))) {
    return { value, current, op: "keep", why: "unchanged" }
  }
  if (currents.length === 0) return { value, current, op: "set", why: "blank_in_clockwork" }
  if (settings.personFields.protected.includes(field)) return { value, current, op: "keep", why: "protected" }
  if (MULTI_VALUED_FIELDS.includes(field)) return { value, current, op: "set", why: "value_added" }
  if ((settings.personFields.updatePolicy[field] ?? "if_blank") === "always") return { value, current, op: "set", why: "policy_always" }
  return { value, current, op: "keep", why: "policy_if_blank" }
}

function planNote(
  event: OutreachEvent | null | undefined,
  settings: TeamSettings,
): { note: NotePlan | null; trace: TraceEntry } {
  if (!event || (event.type !== "activity" && event.type !== "replied" && event.type !== "interested")) {
    return { note: null, trace: entry("event", event ? "This event does not create a note" : "A push without an activity creates no note") }
  }
  const channel = event.channel
  if (!settings.notes.createFrom.includes(channel)) {
    return { note: null, trace: entry("team", `Notes are not created from ${ACTIVITY_LABEL[channel]} activity`) }
  }
  const typeId =
    event.type === "activity"
      ? (settings.notes.typeMapping[channel] ?? null)
      : (settings.notes.typeMapping[event.type] ?? settings.notes.typeMapping[channel] ?? null)
  const fallbackBody = event.type === "replied" ? "Replied" : event.type === "interested" ? "Marked as interested" : ""
  return {
    note: { typeId, channel, subject: event.subject, body: event.body || fallbackBody },
    trace: entry("team", typeId ? `Note typed “${typeId}” by the team's note mapping` : "Untyped note: no note type is mapped for this activity"),
  }
}

/**
 * Resolves the effective sync decision for one person from team defaults, campaign options,
 * the individual override, the existing Clockwork record and the triggering event.
 * Pure and total: never throws on schema-valid input.
 */
export function resolveSyncDecision(input: ResolveInput): SyncDecision {
  const { settings, existing, event } = input
  const reasons: string[] = []

  const syncAs = resolveSyncAs(input)
  const when = resolveAddPersonWhen(input)
  const tags = resolveTags(input)
  const triggerFired = (input.triggerFiredBefore ?? false) || firesTrigger(event, when.value)
  const isManual = event?.type === "manual_update"

  // Fields
  const displayed = new Set<FieldId>(settings.personFields.displayed)
  const mandatory = new Set<FieldId>(settings.personFields.mandatory)
  const { values, ignored } = candidateValues(input, displayed)
  if (isManual) {
    values.clear()
    for (const [f, v] of Object.entries(event.fields)) if (!blank(v)) values.set(f as FieldId, { value: v.trim(), source: "event" })
  }
  const planned = sortFields(isManual ? values.keys() : [...values.keys(), ...displayed, ...mandatory])
  let fieldPlan: FieldPlanEntry[] = planned.map((field) => ({
    field,
    ...planField(field, values.get(field), existing, settings),
    source: values.get(field)?.source ?? null,
    displayed: displayed.has(field),
    mandatory: mandatory.has(field),
    overrideIgnored: ignored.has(field),
  }))
  const missing = sortFields(mandatory).filter((f) => !values.has(f) && (!existing || currentValues(existing, f).length === 0))

  // Note, before the action: a note alone can justify "note only".
  let { note, trace: noteTrace } = planNote(event, settings)

  // Action
  let action: SyncAction
  let actionTrace: TraceEntry
  if (syncAs.value === "none") {
    action = "skip"
    actionTrace = syncAs.trace
    reasons.push(`Sync as Don't sync (${syncAs.trace.detail}): nothing is written to Clockwork.`)
  } else if (isManual && !settings.contact.syncManualUpdates) {
    action = "skip"
    actionTrace = entry("team", "Team setting: manual contact updates are not synced")
    reasons.push("Manual contact updates are not synced to Clockwork (team setting).")
  } else if (isManual) {
    if (!existing) {
      action = "skip"
      actionTrace = entry("clockwork", "Not in Clockwork yet")
      reasons.push("Not in Clockwork yet: the edit is included when the person is added.")
    } else if (missing.length) {
      action = "blocked"
      actionTrace = entry("team", "Mandatory fields are missing")
      reasons.push(`Blocked: mandatory ${missing.map((f) => fieldLabel(f)).join(", ")} missing.`)
    } else {
      action = "update"
      actionTrace = entry("event", "Manual contact update")
      reasons.push("Manual contact update: the edited fields are pushed per their update policy.")
    }
  } else if (!triggerFired) {
    const waiting = when.value === "never" ? "The team never adds people to Clockwork" : `Person is added ${WHEN_LABEL[when.value]}`
    if (existing && note && settings.adding.onlyNotesToSyncedRecords) {
      note = null
      noteTrace = entry("team", "Only notes to synced records: no note until the person's trigger fires")
      reasons.push(`${waiting}; notes wait for that trigger (only add notes to synced records).`)
    }
    if (existing && note) {
      action = "note_only"
      actionTrace = entry("clockwork", "Already in Clockwork; the trigger has not fired")
      reasons.push(`${waiting}; already in Clockwork, so only the note is added.`)
    } else {
      action = "skip"
      actionTrace = when.trace
      if (!reasons.length) reasons.push(`${waiting}; nothing to write yet.`)
    }
  } else if (missing.length) {
    action = "blocked"
    actionTrace = entry("team", "Mandatory fields are missing")
    reasons.push(`Blocked: mandatory ${missing.map((f) => fieldLabel(f)).join(", ")} missing; nothing is written.`)
  } else if (existing) {
    action = "update"
    actionTrace = entry("clockwork", `Already in Clockwork${existing.matchedBy ? ` (matched by ${existing.matchedBy.by.replace("_", " ")})` : ""}`)
    reasons.push(`Update the existing Clockwork person ${existing.name}.`)
  } else {
    action = "create"
    actionTrace = entry("event", event ? `Trigger fired: add Person ${WHEN_LABEL[when.value]}` : "Push now")
    reasons.push("Create a new Person in Clockwork.")
  }

  const writesPerson = action === "create" || action === "update"
  if (!writesPerson) {
    fieldPlan = fieldPlan.map((f) => (f.op === "set" ? { ...f, op: "keep", why: "not_written" } : f))
    if (action !== "note_only") note = null
  }
  const fieldsTrace = writesPerson
    ? fieldPlan.some((f) => f.source === "person")
      ? entry("person", "Your field edits are applied first, then campaign values, outreach variables and the page")
      : fieldPlan.some((f) => f.source === "campaign")
        ? entry("campaign", `${campaignName(input.campaign)} supplies field values`)
        : entry("team", "Fields follow the team's update policies")
    : entry(actionTrace.layer, "No fields are written")

  // Stage
  let stage: StagePlan | null = null
  let stageTrace: TraceEntry
  const outreachStage = stageOf(event)
  const projectId = input.campaign?.clockworkProjectId
  if (!writesPerson) stageTrace = entry(actionTrace.layer, "No stage is set")
  else if (!outreachStage) stageTrace = entry("event", "This event has no outreach stage")
  else if (!projectId) stageTrace = entry("campaign", "The campaign is not linked to a Clockwork project")
  else {
    const statusId = settings.stages.mapping[outreachStage]
    if (statusId) {
      stage = { stage: outreachStage, statusId, projectId }
      stageTrace = entry("team", `Stage “${outreachStage}” maps to Clockwork status ${statusId}`)
    } else stageTrace = entry("team", `Stage “${outreachStage}” is not mapped to a Clockwork status`)
  }

  // CV
  let cv: SyncDecision["cv"] = "none"
  let cvTrace = entry("event", "No CV is known")
  if (writesPerson && input.capture.cvUrl) {
    if (existing?.hasCv && settings.advanced.dontOverwriteCv) {
      cv = "skip"
      cvTrace = entry("team", "Clockwork already has a CV and the team does not overwrite CVs")
    } else {
      cv = "upload"
      cvTrace = entry("team", existing?.hasCv ? "The team overwrites existing CVs" : "Upload the CV")
    }
  }

  // History
  let history: SyncDecision["history"] = "skip"
  let historyTrace = entry(actionTrace.layer, "No history is written")
  if (action === "create") {
    history = "replace"
    historyTrace = entry("event", "A new person gets the known work and education history")
  } else if (action === "update") {
    history = settings.advanced.updateWorkEducationHistory ? "replace" : "skip"
    historyTrace = entry(
      "team",
      settings.advanced.updateWorkEducationHistory ? "The team updates full work/education history on re-sync" : "The team keeps existing work/education history",
    )
  }

  // Email
  let emailAllowed = true
  let emailReason = existing ? "No Do Not Contact flag in Clockwork" : "Not in Clockwork"
  let emailTrace = entry("clockwork", emailReason)
  if (existing?.doNotContact) {
    const why = existing.doNotContactReason ? `: ${existing.doNotContactReason}` : ""
    if (settings.contact.blockEmailsToOffLimits) {
      emailAllowed = false
      emailReason = `Clockwork marks ${existing.name} Do Not Contact${why}`
      emailTrace = entry("clockwork", emailReason)
      reasons.push(`Emails are blocked: ${emailReason}.`)
    } else {
      emailReason = `Clockwork marks ${existing.name} Do Not Contact${why}, but your team does not block emails to off-limits people`
      emailTrace = entry("team", emailReason)
    }
  }

  return {
    personKey: input.capture.personKey,
    action,
    reasons,
    syncAs: syncAs.value,
    addPersonWhen: when.value,
    triggerFired,
    tags: tags.value,
    fieldPlan,
    missing,
    note,
    stage,
    cv,
    history,
    emailAllowed,
    emailReason,
    trace: {
      action: actionTrace,
      syncAs: syncAs.trace,
      addPersonWhen: when.trace,
      tags: tags.trace,
      fields: fieldsTrace,
      note: noteTrace,
      stage: stageTrace,
      cv: cvTrace,
      history: historyTrace,
      emailAllowed: emailTrace,
    },
  }
}
