// The popup's state: session and server status, the current tab's person with a quick "Sync as",
// the outbox, and recent syncs with retry.
import { create } from "zustand"
import type { DecisionPreviewResponse } from "@shared/api"
import type { ProfileCapture } from "@shared/capture"
import type { PersonContext, StatusView } from "@shared/messages"
import type { SyncAs } from "@shared/settings"
import { activeTabId } from "~lib/browser"
import { sendMessage } from "~lib/messaging"

export interface PopupState {
  status: StatusView | null
  statusError: string | null
  person: ProfileCapture | null
  personContext: PersonContext | null
  personPreview: DecisionPreviewResponse | null
  personNotice: string | null
  /** Ids of jobs or outbox items with a request in flight. */
  working: string[]
  load(): Promise<void>
  setSyncAs(value: SyncAs): Promise<void>
  retryJob(jobId: string): Promise<void>
  retryOutboxItem(id: string): Promise<void>
  discardOutboxItem(id: string): Promise<void>
  openOptions(): Promise<void>
}

const INITIAL = { status: null, statusError: null, person: null, personContext: null, personPreview: null, personNotice: null, working: [] }

export const usePopupStore = create<PopupState>()((set, get) => {
  const withWorking = async (id: string, run: () => Promise<void>) => {
    set({ working: [...get().working, id] })
    try {
      await run()
    } finally {
      set({ working: get().working.filter((w) => w !== id) })
    }
  }

  async function loadStatus() {
    const result = await sendMessage("get-status", {})
    if (result.ok) set({ status: result.data, statusError: null })
    else set({ statusError: result.error.message })
  }

  async function loadPerson() {
    const tabId = await activeTabId()
    if (tabId === undefined) return
    const tab = await sendMessage("get-tab-person", { tabId })
    const capture = tab.ok ? tab.data.capture : null
    set({ person: capture })
    if (!capture) return
    const [context, preview] = await Promise.all([sendMessage("load-person", { capture }), sendMessage("preview-decision", { capture })])
    set({ personContext: context.ok ? context.data : null, personPreview: preview.ok ? preview.data : null })
  }

  return {
    ...INITIAL,

    async load() {
      await Promise.all([loadStatus(), loadPerson()])
    },

    async setSyncAs(value) {
      const { person, personContext } = get()
      if (!person) return
      const current = personContext?.override
      const override = {
        personKey: person.personKey,
        syncAs: value,
        tags: current?.tags ?? { add: [], remove: [] },
        fields: current?.fields ?? {},
      }
      const result = await sendMessage("save-override", { override, name: person.name })
      if (!result.ok) {
        set({ personNotice: result.error.message })
        return
      }
      set({
        personNotice: result.data.status === "sent" ? "Saved." : "Queued: sent when the server is reachable.",
        personContext: personContext ? { ...personContext, override: { ...override, ...(current?.campaignId ? { campaignId: current.campaignId } : {}) } } : personContext,
      })
      await loadStatus()
    },

    async retryJob(jobId) {
      await withWorking(jobId, async () => {
        const result = await sendMessage("retry-sync-job", { jobId })
        if (!result.ok) set({ statusError: result.error.message })
        await loadStatus()
      })
    },

    async retryOutboxItem(id) {
      await withWorking(id, async () => {
        const result = await sendMessage("retry-outbox-item", { id })
        if (!result.ok) set({ statusError: result.error.message })
        await loadStatus()
      })
    },

    async discardOutboxItem(id) {
      await withWorking(id, async () => {
        await sendMessage("discard-outbox-item", { id })
        await loadStatus()
      })
    },

    async openOptions() {
      await sendMessage("open-options", {})
    },
  }
})

export function resetPopupStore(): void {
  usePopupStore.setState({ ...INITIAL })
}
