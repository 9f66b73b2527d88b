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
      const field = result.error.field && result.error.field in input ? result.error.field : "form"
      set({ busy: false, errors: { [field]: result.error.message } })
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
