// The person fields the options page offers: Clockwork's live field list when connected, else the
// standard fields; plus any field the settings mention that Clockwork no longer lists.
import type { ClockworkMetadata } from "@shared/api"
import { FIELD_LABELS, STANDARD_FIELD_IDS, type FieldId } from "@shared/fields"
import type { TeamSettings } from "@shared/settings"

export interface FieldOption {
  id: FieldId
  label: string
  custom: boolean
  /** Named in the settings but not in Clockwork's current field list. */
  missing: boolean
}

export function fieldOptions(metadata: ClockworkMetadata | null, settings: TeamSettings): FieldOption[] {
  const listed: FieldOption[] = metadata
    ? metadata.fields.map((f) => ({ id: f.id, label: f.label, custom: f.custom, missing: false }))
    : STANDARD_FIELD_IDS.map((id) => ({ id, label: FIELD_LABELS[id], custom: false, missing: false }))
  const known = new Set<string>(listed.map((f) => f.id))
  const mentioned = [
    ...settings.personFields.displayed,
    ...settings.personFields.mandatory,
    ...settings.personFields.protected,
    ...(Object.keys(settings.personFields.updatePolicy) as FieldId[]),
  ]
  for (const id of mentioned) {
    if (known.has(id)) continue
    known.add(id)
    listed.push({ id, label: id.startsWith("custom:") ? id.slice(7) : (FIELD_LABELS[id as keyof typeof FIELD_LABELS] ?? id), custom: id.startsWith("custom:"), missing: metadata !== null })
  }
  return listed
}

export const domId = (prefix: string, id: string) => `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, "_")}`
