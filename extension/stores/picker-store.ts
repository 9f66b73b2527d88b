// The picker's state: the person on the page, what the background knows of them, the recruiter's
// unsaved edits (the draft), the decision preview, and the actions. Talks to the background only.
import { create } from "zustand"
import type { DecisionPreviewResponse } from "@shared/api"
import type { ProfileCaptureInput } from "@shared/capture"
import type { ActionResult, MessageError, PersonContext } from "@shared/messages"
import type { SyncAs } from "@shared/settings"
import { sendMessage } from "~lib/messaging"
import { EMPTY_DRAFT, buildOverride, draftFrom, hasTag, missingMandatory, type Draft } from "~lib/picker-model"

export type Busy = "save" | "push" | "campaign" | null

export interface Notice {
  tone: "success" | "queued" | "error"
  text: string
}

export interface PickerState {
  capture: ProfileCaptureInput | null
  context: PersonContext | null
  /** Why the context could not be loaded (e.g. the token was refused). */
  loadError: MessageError | null
  campaignId: string | undefined
  draft: Draft
  dirty: boolean
  preview: DecisionPreviewResponse | null
  previewLoading: boolean
  previewError: string | null
  busy: Busy
  notice: Notice | null
  /** Errors next to controls: `syncAs`, `tags`, `campaign`, or a field id. */
  fieldErrors: Record<string, string>
  expanded: boolean
  minimized: boolean

  load(capture: ProfileCaptureInput | null): Promise<void>
  setCampaign(campaignId: string | undefined): Promise<void>
  setSyncAs(value: SyncAs | undefined): void
  addTag(tag: string): void
  removeTag(tag: string, inherited: boolean): void
  restoreTag(tag: string): void
  setField(field: string, value: string): void
  setExpanded(expanded: boolean): void
  setMinimized(minimized: boolean): void
  saveOverride(): Promise<boolean>
  pushNow(): Promise<void>
  addToCampaign(): Promise<void>
  openOptions(): Promise<void>
  refreshPreview(): Promise<void>
}

const INITIAL = {
  capture: null,
  context: null,
  loadError: null,
  campaignId: undefined,
  draft: EMPTY_DRAFT,
  dirty: false,
  preview: null,
  previewLoading: false,
  previewError: null,
  busy: null,
  notice: null,
  fieldErrors: {},
  expanded: false,
  minimized: false,
} satisfies Partial<PickerState>

/** Preview requests are numbered so a slow answer never overwrites a newer one. */
let previewSeq = 0
let loadSeq = 0
let previewTimer: ReturnType<typeof setTimeout> | undefined
export const PREVIEW_DEBOUNCE_MS = 350

function queuedText(result: ActionResult, what: string): Notice {
  return result.status === "sent"
    ? { tone: "success", text: what }
    : { tone: "queued", text: `Queued: ${result.reason ?? "the server is unreachable"}. Cogsync sends it as soon as it can.` }
}

/** Maps a server error's field (`fields.title`, `syncAs`, `tags.add`) to the control showing it. */
function controlOf(field: string | undefined): string | undefined {
  if (!field) return undefined
  if (field.startsWith("fields.")) return field.slice("fields.".length)
  if (field.startsWith("override.")) return controlOf(field.slice("override.".length))
  if (field.startsWith("tags")) return "tags"
  if (field.startsWith("syncAs")) return "syncAs"
  if (field.startsWith("campaign")) return "campaign"
  return field
}

export const usePickerStore = create<PickerState>()((set, get) => {
  function schedulePreview() {
    clearTimeout(previewTimer)
    previewTimer = setTimeout(() => void get().refreshPreview(), PREVIEW_DEBOUNCE_MS)
  }

  function editDraft(change: (d: Draft) => Draft, clear?: string) {
    const { fieldErrors } = get()
    const next = clear ? Object.fromEntries(Object.entries(fieldErrors).filter(([k]) => k !== clear)) : fieldErrors
    set({ draft: change(get().draft), dirty: true, notice: null, fieldErrors: next })
    schedulePreview()
  }

  function failed(error: MessageError) {
    const control = controlOf(error.field)
    set({
      busy: null,
      notice: { tone: "error", text: error.message },
      fieldErrors: control ? { ...get().fieldErrors, [control]: error.message } : get().fieldErrors,
    })
  }

  async function loadContext(capture: ProfileCaptureInput, campaignId: string | undefined) {
    const seq = ++loadSeq
    const result = await sendMessage("load-person", { capture, ...(campaignId ? { campaignId } : {}) })
    if (seq !== loadSeq) return
    if (!result.ok) {
      set({ loadError: result.error, context: null })
      return
    }
    set({ context: result.data, loadError: null, draft: draftFrom(result.data.override), dirty: false })
  }

  return {
    ...INITIAL,

    async load(capture) {
      clearTimeout(previewTimer)
      previewSeq++
      set({ ...INITIAL, capture, minimized: get().minimized })
      void sendMessage("report-capture", { capture })
      if (!capture) return
      // The preview waits on Clockwork; ask for it alongside the context, not after it.
      await Promise.all([loadContext(capture, undefined), get().refreshPreview()])
    },

    async setCampaign(campaignId) {
      const { capture } = get()
      set({ campaignId, notice: null, fieldErrors: {} })
      if (!capture) return
      await Promise.all([loadContext(capture, campaignId), get().refreshPreview()])
    },

    setSyncAs(value) {
      editDraft((d) => ({ ...d, syncAs: value }), "syncAs")
    },

    addTag(raw) {
      const tag = raw.trim()
      if (!tag) return
      editDraft(
        (d) => ({
          ...d,
          tagsAdd: hasTag(d.tagsAdd, tag) ? d.tagsAdd : [...d.tagsAdd, tag],
          tagsRemove: d.tagsRemove.filter((t) => t.toLowerCase() !== tag.toLowerCase()),
        }),
        "tags",
      )
    },

    removeTag(tag, inherited) {
      editDraft(
        (d) => ({
          ...d,
          tagsAdd: d.tagsAdd.filter((t) => t.toLowerCase() !== tag.toLowerCase()),
          tagsRemove: inherited && !hasTag(d.tagsRemove, tag) ? [...d.tagsRemove, tag] : d.tagsRemove,
        }),
        "tags",
      )
    },

    restoreTag(tag) {
      editDraft((d) => ({ ...d, tagsRemove: d.tagsRemove.filter((t) => t.toLowerCase() !== tag.toLowerCase()) }), "tags")
    },

    setField(field, value) {
      editDraft((d) => ({ ...d, fields: { ...d.fields, [field]: value } }), field)
    },

    setExpanded(expanded) {
      set({ expanded })
    },

    setMinimized(minimized) {
      set({ minimized })
    },

    async refreshPreview() {
      const { capture, campaignId, draft, dirty, context } = get()
      if (!capture) return
      const seq = ++previewSeq
      set({ previewLoading: true })
      const displayed = context?.settings?.personFields.displayed ?? []
      const result = await sendMessage("preview-decision", {
        capture,
        ...(campaignId ? { campaignId } : {}),
        // Unsaved edits are previewed; otherwise the server uses the stored override.
        ...(dirty ? { override: buildOverride(capture, campaignId, draft, displayed) } : {}),
      })
      if (seq !== previewSeq) return
      if (result.ok) set({ preview: result.data, previewLoading: false, previewError: null })
      else set({ previewLoading: false, previewError: result.error.message })
    },

    async saveOverride() {
      const { capture, campaignId, draft, context } = get()
      if (!capture || !context?.settings) return false
      set({ busy: "save", notice: null })
      const override = buildOverride(capture, campaignId, draft, context.settings.personFields.displayed)
      const result = await sendMessage("save-override", { override, name: capture.name })
      if (!result.ok) {
        failed(result.error)
        return false
      }
      set({ busy: null, dirty: false, fieldErrors: {}, notice: queuedText(result.data, "Override saved.") })
      return true
    },

    async pushNow() {
      const { capture, campaignId, context, draft, preview, dirty } = get()
      if (!capture) return
      if (context?.settings) {
        const missing = missingMandatory(context.settings, capture, draft, preview)
        if (missing.length) {
          const labels = missing.map((f) => context.fieldLabels[f] ?? f)
          set({
            expanded: true,
            notice: { tone: "error", text: `Fill in the mandatory ${labels.join(", ")} before pushing.` },
            fieldErrors: Object.fromEntries(missing.map((f) => [f, "Required before a push"])),
          })
          return
        }
      }
      // Unsaved edits go first: the outbox is in order, so the push sees them.
      if (dirty && !(await get().saveOverride())) return
      set({ busy: "push", notice: null })
      const result = await sendMessage("push-now", { capture, ...(campaignId ? { campaignId } : {}) })
      if (!result.ok) return failed(result.error)
      set({ busy: null, notice: queuedText(result.data, `Push requested: Cogsync is syncing ${capture.name} to Clockwork.`) })
      if (result.data.status === "sent") void loadContext(capture, campaignId)
    },

    async addToCampaign() {
      const { capture, campaignId, context, dirty } = get()
      if (!capture) return
      if (!campaignId) {
        set({ expanded: true, fieldErrors: { ...get().fieldErrors, campaign: "Choose a campaign first" } })
        return
      }
      if (dirty && !(await get().saveOverride())) return
      set({ busy: "campaign", notice: null })
      const result = await sendMessage("add-to-campaign", { capture, campaignId })
      if (!result.ok) return failed(result.error)
      const name = context?.campaigns.find((c) => c.id === campaignId)?.name ?? "the campaign"
      set({ busy: null, notice: queuedText(result.data, `Added to “${name}”.`) })
    },

    async openOptions() {
      await sendMessage("open-options", {})
    },
  }
})

/** Test helper and page-change reset. */
export function resetPickerStore(): void {
  clearTimeout(previewTimer)
  previewSeq++
  loadSeq++
  usePickerStore.setState({ ...INITIAL })
}
