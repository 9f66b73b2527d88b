// Words the UI shows for the contract's enums (types only from shared, so no zod is bundled).
import type { SyncJob } from "@shared/api"
import type { FieldWhy } from "@shared/decision"
import type { Activity, AddPersonWhen, NoteTrigger, OutreachStage, SettingPath, SyncAs } from "@shared/settings"

export const SYNC_AS_LABELS: Record<SyncAs, string> = { person: "Person", none: "Don't sync" }

export const ADD_PERSON_WHEN_LABELS: Record<AddPersonWhen, string> = {
  added_to_campaign: "When added to a campaign",
  replied: "Only when they reply",
  interested: "Only when they are interested",
  never: "Never (don't add this contact type)",
}

export const ACTIVITY_LABELS: Record<Activity, string> = {
  email: "Email",
  linkedin_message: "LinkedIn message",
  inmail: "InMail",
  call: "Call",
  sms: "SMS",
}

export const NOTE_TRIGGER_LABELS: Record<NoteTrigger, string> = { ...ACTIVITY_LABELS, replied: "Replied", interested: "Interested" }

export const STAGE_LABELS: Record<OutreachStage, string> = {
  added: "Added to campaign",
  contacted: "Contacted",
  replied: "Replied",
  interested: "Interested",
  not_interested: "Not interested",
  bounced: "Bounced",
  unsubscribed: "Unsubscribed",
}

export const SETTING_LABELS: Record<SettingPath, string> = {
  "contact.syncManualUpdates": "Sync manual contact updates",
  "contact.blockEmailsToOffLimits": "Block emails to off-limits recipients",
  "adding.addPersonWhen": "Add Person to Clockwork",
  "adding.onlyNotesToSyncedRecords": "Only add notes to synced records",
  "personFields.displayed": "Displayed fields",
  "personFields.mandatory": "Mandatory fields",
  "personFields.updatePolicy": "Update policy",
  "personFields.protected": "Protected fields",
  "notes.createFrom": "Create notes from",
  "notes.typeMapping": "Note type mapping",
  "stages.mapping": "Stage mapping",
  fieldMapping: "Contact fields mapping",
  "advanced.dontOverwriteCv": "Don't overwrite existing CVs",
  "advanced.updateWorkEducationHistory": "Update full work/education history",
  "defaults.syncAs": "Sync as",
  "defaults.tags": "Default tags",
}

/** How a preview row reads, by why the field is set or kept: a short verdict and the reason. */
export const FIELD_WHY_LABELS: Record<FieldWhy, { short: string; why: string }> = {
  new_person: { short: "Set", why: "New person" },
  policy_always: { short: "Overwrite", why: "Always update" },
  blank_in_clockwork: { short: "Set", why: "Blank in Clockwork" },
  value_added: { short: "Add", why: "Added to the list" },
  unchanged: { short: "Keep", why: "Same in Clockwork" },
  policy_if_blank: { short: "Keep", why: "Clockwork already has a value" },
  protected: { short: "Protected", why: "Clockwork has a value" },
  no_value: { short: "—", why: "No value" },
  not_written: { short: "—", why: "Not written" },
}

export const MATCH_LABELS: Record<"ledger" | "linkedin_url" | "email" | "name", string> = {
  ledger: "an earlier sync",
  linkedin_url: "LinkedIn URL",
  email: "email",
  name: "name",
}

export const JOB_STATE_LABELS: Record<SyncJob["state"], string> = {
  pending: "Waiting",
  running: "Syncing",
  done: "Synced",
  failed: "Failed, retrying",
  dead: "Failed",
  paused: "Paused",
}

export const ACTION_LABELS: Record<string, string> = {
  create: "created in Clockwork",
  update: "updated in Clockwork",
  note_only: "note added",
  skip: "nothing to write",
  blocked: "blocked",
}
