// The Clockwork connection on the options page: status, activation (admin), disconnect.
import { create } from "zustand"
import { ActivateIntegrationRequestSchema, type ActivateIntegrationRequest, type IntegrationStatus } from "@shared/api"
import { sendMessage } from "~lib/messaging"

export interface IntegrationState {
  status: IntegrationStatus | null
  loading: boolean
  busy: boolean
  /** Errors by field (`apiKey`, `apiSecret`, `subdomain`, `serviceKey`) or `form` for the server's answer. */
  errors: Record<string, string>
  load(): Promise<void>
  activate(input: ActivateIntegrationRequest): Promise<boolean>
  disconnect(): Promise<void>
}

export const useIntegrationStore = create<IntegrationState>()((set) => ({
  status: null,
  loading: false,
  busy: false,
  errors: {},

  async load() {
    set({ loading: true })
    const result = await sendMessage("get-integration", {})
    set({ loading: false, status: result.ok ? result.data : null, errors: result.ok ? {} : { form: result.error.message } })
  },

  async activate(input) {
    const parsed = ActivateIntegrationRequestSchema.safeParse(input)
    if (!parsed.success) {
      const errors: Record<string, string> = {}
      for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message
      set({ errors })
      return false
    }
    set({ busy: true, errors: {} })
    const result = await sendMessage("activate-integration", parsed.data)
    if (!result.ok) {
      // The server's sentence goes above the button; the credentials it names are marked too.
      const errors: Record<string, string> = { form: result.error.message }
      for (const issue of result.error.issues ?? []) if (issue.path in input) errors[issue.path] ??= issue.message
      if (result.error.field && result.error.field in input) errors[result.error.field] ??= result.error.message
      set({ busy: false, errors })
      return false
    }
    set({ busy: false, status: result.data })
    return true
  },

  async disconnect() {
    set({ busy: true })
    const result = await sendMessage("disconnect-integration", {})
    set({ busy: false, ...(result.ok ? { status: result.data, errors: {} } : { errors: { form: result.error.message } }) })
  },
}))
