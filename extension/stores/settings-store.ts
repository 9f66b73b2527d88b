// Team settings on the options page: load, save one section at a time (`PATCH /settings`) with
// its lock toggles, Clockwork's live metadata for the pickers, and the settings history.
import { create } from "zustand"
import type { ClockworkMetadata, SettingsHistory, SettingsResponse } from "@shared/api"
import type { MessageError } from "@shared/messages"
import { TeamSettingsPatchSchema, type SettingPath, type TeamSettingsPatch } from "@shared/settings"
import { sendMessage } from "~lib/messaging"

export type SectionId = "contact" | "adding" | "personFields" | "notes" | "stages" | "fieldMapping" | "advanced"

export interface SettingsState {
  response: SettingsResponse | null
  loadError: MessageError | null
  metadata: ClockworkMetadata | null
  metadataError: MessageError | null
  history: SettingsHistory["history"] | null
  historyError: string | null
  saving: SectionId | null
  savedSection: SectionId | null
  /** Saves per section; the page remounts a section when its count changes, so its draft restarts from what was saved. */
  saveCounts: Partial<Record<SectionId, number>>
  /** Per section: errors by dotted setting path (e.g. `fieldMapping.title`), or `form`. */
  errors: Partial<Record<SectionId, Record<string, string>>>
  load(options: { admin: boolean }): Promise<void>
  refreshMetadata(): Promise<void>
  loadHistory(): Promise<void>
  /**
   * Saves a section: `patch` holds the section's values; `lockPaths` are the settings the section
   * owns and `locked` those of them the admin locked. Other sections' locks are kept as stored.
   */
  saveSection(section: SectionId, patch: TeamSettingsPatch, lockPaths: readonly SettingPath[], locked: readonly SettingPath[]): Promise<boolean>
}

function errorsFrom(error: MessageError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues ?? []) if (issue.path) errors[issue.path] ??= issue.message
  errors[error.field ?? "form"] ??= error.message
  return errors
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  response: null,
  loadError: null,
  metadata: null,
  metadataError: null,
  history: null,
  historyError: null,
  saving: null,
  savedSection: null,
  saveCounts: {},
  errors: {},

  async load({ admin }) {
    const [settings, metadata] = await Promise.all([sendMessage("get-settings", {}), sendMessage("get-metadata", {})])
    set({
      response: settings.ok ? settings.data : null,
      loadError: settings.ok ? null : settings.error,
      metadata: metadata.ok ? metadata.data : null,
      metadataError: metadata.ok ? null : metadata.error,
    })
    if (admin) await get().loadHistory()
  },

  async refreshMetadata() {
    const result = await sendMessage("get-metadata", { refresh: true })
    set(result.ok ? { metadata: result.data, metadataError: null } : { metadataError: result.error })
  },

  async loadHistory() {
    const result = await sendMessage("get-settings-history", {})
    set(result.ok ? { history: result.data.history, historyError: null } : { historyError: result.error.message })
  },

  async saveSection(section, patch, lockPaths, locked) {
    const stored = get().response?.settings.locks ?? []
    const locks = [...stored.filter((p) => !lockPaths.includes(p)), ...locked]
    const full: TeamSettingsPatch = { ...patch, locks }
    const parsed = TeamSettingsPatchSchema.safeParse(full)
    if (!parsed.success) {
      const errors: Record<string, string> = {}
      for (const issue of parsed.error.issues) errors[issue.path.map(String).join(".") || "form"] ??= issue.message
      set({ errors: { ...get().errors, [section]: errors }, savedSection: null })
      return false
    }
    set({ saving: section, savedSection: null })
    const result = await sendMessage("update-settings", { patch: parsed.data })
    if (!result.ok) {
      set({ saving: null, errors: { ...get().errors, [section]: errorsFrom(result.error) } })
      return false
    }
    const saveCounts = { ...get().saveCounts, [section]: (get().saveCounts[section] ?? 0) + 1 }
    set({ saving: null, response: result.data, savedSection: section, saveCounts, errors: { ...get().errors, [section]: {} } })
    if (get().history !== null) void get().loadHistory()
    return true
  },
}))
