// Campaigns and their Clockwork sync options on the options page.
import { create } from "zustand"
import { CreateCampaignRequestSchema, type Campaign, type CreateCampaignRequest } from "@shared/api"
import { sendMessage } from "~lib/messaging"

/** A campaign as the options form edits it. */
export type CampaignDraft = Required<CreateCampaignRequest> & { archived?: boolean }

export interface CampaignsState {
  campaigns: Campaign[] | null
  loadError: string | null
  /** The campaign id being saved, or "new". */
  saving: string | null
  /** Errors of the open editor by field (`name`, `options.tags`, …) or `form`. */
  errors: Record<string, string>
  load(): Promise<void>
  create(draft: CampaignDraft): Promise<boolean>
  update(id: string, draft: CampaignDraft): Promise<boolean>
  clearErrors(): void
}

export const useCampaignsStore = create<CampaignsState>()((set, get) => ({
  campaigns: null,
  loadError: null,
  saving: null,
  errors: {},

  async load() {
    const result = await sendMessage("list-campaigns", {})
    set(result.ok ? { campaigns: result.data.campaigns, loadError: null } : { loadError: result.error.message })
  },

  async create(draft) {
    const parsed = CreateCampaignRequestSchema.safeParse({ name: draft.name, options: draft.options })
    if (!parsed.success) {
      const errors: Record<string, string> = {}
      for (const issue of parsed.error.issues) errors[issue.path.map(String).join(".") || "form"] ??= issue.message
      set({ errors })
      return false
    }
    set({ saving: "new", errors: {} })
    const result = await sendMessage("create-campaign", parsed.data)
    if (!result.ok) {
      set({ saving: null, errors: { [result.error.field ?? "form"]: result.error.message } })
      return false
    }
    set({ saving: null, campaigns: [...(get().campaigns ?? []), result.data] })
    return true
  },

  async update(id, draft) {
    if (!draft.name.trim()) {
      set({ errors: { name: "name is required" } })
      return false
    }
    set({ saving: id, errors: {} })
    const patch = { name: draft.name, options: draft.options, ...(draft.archived !== undefined ? { archived: draft.archived } : {}) }
    const result = await sendMessage("update-campaign", { id, patch })
    if (!result.ok) {
      set({ saving: null, errors: { [(result.error.field ?? "form").replace(/^patch\./, "")]: result.error.message } })
      return false
    }
    set({ saving: null, campaigns: (get().campaigns ?? []).map((c) => (c.id === id ? result.data : c)) })
    return true
  },

  clearErrors() {
    set({ errors: {} })
  },
}))
