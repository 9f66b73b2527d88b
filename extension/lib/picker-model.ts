// Pure rules of the picker (no zod, no chrome): the value a field starts with, where "Sync as"
// comes from, the inherited tags, mandatory fields still missing, and the override to save.
// They mirror the server's resolver (shared/resolve.ts) for what the picker shows before the
// server's preview arrives; the preview stays the authority.
import type { Campaign } from "@shared/api"
import type { PersonOverrideInput } from "@shared/campaign"
import type { ProfileCaptureInput } from "@shared/capture"
import type { DecisionPreviewResponse } from "@shared/api"
import { captureValue as pageValue, mergeTags } from "@shared/resolve-rules"
import type { AddPersonWhen, SyncAs, TeamSettings } from "@shared/settings"

export interface Draft {
  /** undefined: no individual choice (inherit). */
  syncAs: SyncAs | undefined
  tagsAdd: string[]
  tagsRemove: string[]
  /** Edited values of displayed fields, by field id. */
  fields: Record<string, string>
}

export const EMPTY_DRAFT: Draft = { syncAs: undefined, tagsAdd: [], tagsRemove: [], fields: {} }

export function draftFrom(override: PersonOverrideInput | null | undefined): Draft {
  if (!override) return EMPTY_DRAFT
  const fields: Record<string, string> = {}
  for (const [k, v] of Object.entries(override.fields ?? {})) if (typeof v === "string") fields[k] = v
  return { syncAs: override.syncAs, tagsAdd: [...(override.tags?.add ?? [])], tagsRemove: [...(override.tags?.remove ?? [])], fields }
}

/** What the page gives for a field (the resolver's own mapping), "" when nothing. */
export function captureValue(capture: ProfileCaptureInput, field: string): string {
  return pageValue(capture, field) ?? ""
}

export function fieldValue(capture: ProfileCaptureInput, draft: Draft, field: string): string {
  return draft.fields[field] ?? captureValue(capture, field)
}

export type SyncAsSource = "team" | "campaign" | "person" | "lock"

export interface EffectiveSyncAs {
  value: SyncAs
  source: SyncAsSource
  locked: boolean
}

export function effectiveSyncAs(settings: TeamSettings, campaign: Campaign | undefined, draft: Draft): EffectiveSyncAs {
  const team = settings.defaults.syncAs
  if (settings.locks.includes("defaults.syncAs")) return { value: team, source: "lock", locked: true }
  if (draft.syncAs !== undefined) return { value: draft.syncAs, source: "person", locked: false }
  if (campaign?.options.syncAs !== undefined) return { value: campaign.options.syncAs, source: "campaign", locked: false }
  return { value: team, source: "team", locked: false }
}

export interface EffectiveAddPersonWhen {
  value: AddPersonWhen
  source: "team" | "campaign" | "lock"
  locked: boolean
}

/** When the person is added to Clockwork: the team's setting, the campaign's sync override, or locked (as the resolver decides). */
export function effectiveAddPersonWhen(settings: TeamSettings, campaign: Campaign | undefined): EffectiveAddPersonWhen {
  const team = settings.adding.addPersonWhen
  if (settings.locks.includes("adding.addPersonWhen")) return { value: team, source: "lock", locked: true }
  if (campaign?.options.addPersonWhen !== undefined) return { value: campaign.options.addPersonWhen, source: "campaign", locked: false }
  return { value: team, source: "team", locked: false }
}

const key = (t: string) => t.trim().toLowerCase()

/** Team default tags plus the campaign's (unless tags are locked), first spelling wins (as the resolver merges them). */
export function inheritedTags(settings: TeamSettings, campaign: Campaign | undefined): string[] {
  return tagsLocked(settings) ? mergeTags(settings.defaults.tags) : mergeTags(settings.defaults.tags, campaign?.options.tags ?? [])
}

export const tagsLocked = (settings: TeamSettings) => settings.locks.includes("defaults.tags")

export function hasTag(list: readonly string[], tag: string): boolean {
  return list.some((t) => key(t) === key(tag))
}

/**
 * Mandatory fields with no value in the draft, on the page or (per the preview) in Clockwork.
 * Push is refused while any is missing.
 */
export function missingMandatory(settings: TeamSettings, capture: ProfileCaptureInput, draft: Draft, preview: DecisionPreviewResponse | null): string[] {
  return settings.personFields.mandatory.filter((field) => {
    if (fieldValue(capture, draft, field).trim()) return false
    const planned = preview?.decision.fieldPlan.find((f) => f.field === field)
    return !planned?.current
  })
}

/** The override to save: only choices that differ from what is inherited or on the page. */
export function buildOverride(capture: ProfileCaptureInput, campaignId: string | undefined, draft: Draft, displayed: readonly string[]): PersonOverrideInput {
  const fields: Record<string, string> = {}
  for (const field of displayed) {
    const edited = draft.fields[field]
    if (edited !== undefined && edited.trim() && edited.trim() !== captureValue(capture, field).trim()) fields[field] = edited.trim()
  }
  return {
    personKey: capture.personKey,
    ...(campaignId ? { campaignId } : {}),
    ...(draft.syncAs !== undefined ? { syncAs: draft.syncAs } : {}),
    tags: { add: draft.tagsAdd, remove: draft.tagsRemove },
    fields,
  }
}
