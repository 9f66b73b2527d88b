// Sign-in on the options page: server URL and token, checked by the background with `GET /me`.
import { create } from "zustand"
import { SignInRequestSchema, type SessionStatus } from "@shared/messages"
import { isLoopback, requestOriginPermission } from "~lib/browser"
import { sendMessage } from "~lib/messaging"

export interface SessionState {
  session: SessionStatus | null
  loading: boolean
  busy: boolean
  /** Errors by field: `serverUrl`, `token`, or `form`. */
  errors: Record<string, string>
  load(): Promise<void>
  signIn(serverUrl: string, token: string): Promise<boolean>
  signOut(): Promise<void>
}

export const useSessionStore = create<SessionState>()((set) => ({
  session: null,
  loading: true,
  busy: false,
  errors: {},

  async load() {
    set({ loading: true })
    const result = await sendMessage("get-session", { verify: true })
    set({ loading: false, session: result.ok ? result.data : null, errors: result.ok ? {} : { form: result.error.message } })
  },

  async signIn(serverUrl, token) {
    const parsed = SignInRequestSchema.safeParse({ serverUrl, token })
    if (!parsed.success) {
      const errors: Record<string, string> = {}
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "form")
        errors[key] ??= issue.message
      }
      set({ errors })
      return false
    }
    const url = new URL(parsed.data.serverUrl)
    if (!isLoopback(url.href)) {
      // First await of the click: Chrome only grants permissions during a user gesture.
      const granted = await requestOriginPermission(url.origin)
      if (!granted) {
        set({ errors: { serverUrl: `Cogsync needs your permission to reach ${url.origin}.` } })
        return false
      }
    }
    set({ busy: true, errors: {} })
    const result = await sendMessage("sign-in", parsed.data)
    if (!result.ok) {
      set({ busy: false, errors: { [result.error.field ?? "form"]: result.error.message } })
      return false
    }
    set({ busy: false, session: result.data, errors: {} })
    return true
  },

  async signOut() {
    const result = await sendMessage("sign-out", {})
    if (result.ok) set({ session: result.data, errors: {} })
  },
}))
