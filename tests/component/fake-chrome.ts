// A fake of the `chrome` extension APIs the extension uses: storage (local, session), runtime
// messaging, alarms, the action badge, permissions, tabs. State is plain data the tests read.
//
// Two ways to answer messages:
// - UI tests script the background: `fake.answer("load-person", (body) => data)` (or an error);
// - background tests register the real listener (background/index.ts) or call `dispatch` directly.
import type { MessageError, MessageRequest, MessageResponse, MessageType } from "@shared/messages"

export const EXTENSION_ID = "cogsyncfakeextensionid"
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`

type Listener<A extends unknown[]> = (...args: A) => unknown

class FakeEvent<A extends unknown[]> {
  readonly listeners: Listener<A>[] = []
  addListener(fn: Listener<A>) {
    this.listeners.push(fn)
  }
  removeListener(fn: Listener<A>) {
    const i = this.listeners.indexOf(fn)
    if (i >= 0) this.listeners.splice(i, 1)
  }
  hasListener(fn: Listener<A>) {
    return this.listeners.includes(fn)
  }
  fire(...args: A) {
    for (const fn of [...this.listeners]) fn(...args)
  }
}

function storageArea(data: Map<string, unknown>) {
  const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v))
  return {
    data,
    async get(keys?: string | string[] | null) {
      const list = keys == null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys]
      const out: Record<string, unknown> = {}
      for (const k of list) if (data.has(k)) out[k] = clone(data.get(k))
      return out
    },
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items)) data.set(k, clone(v))
    },
    async remove(keys: string | string[]) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k)
    },
    async clear() {
      data.clear()
    },
  }
}

export type Answer<T extends MessageType> = (body: MessageRequest<T>) => MessageResponse<T> | { error: MessageError } | Promise<MessageResponse<T> | { error: MessageError }>

export interface SentMessage {
  type: MessageType
  body: unknown
}

/** Senders as Chrome reports them. */
export const SENDERS = {
  popup: { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/popup.html`, origin: EXTENSION_ORIGIN } satisfies chrome.runtime.MessageSender,
  options: { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/options.html`, origin: EXTENSION_ORIGIN, tab: { id: 7 } as chrome.tabs.Tab } satisfies chrome.runtime.MessageSender,
  contentScript: { id: EXTENSION_ID, url: "https://www.linkedin.com/in/jane-cooper-demo/", origin: "https://www.linkedin.com", tab: { id: 42 } as chrome.tabs.Tab, frameId: 0 } satisfies chrome.runtime.MessageSender,
  otherExtension: { id: "someotherextension", url: "chrome-extension://someotherextension/page.html" } satisfies chrome.runtime.MessageSender,
}

export function installFakeChrome() {
  const local = new Map<string, unknown>()
  const session = new Map<string, unknown>()
  const onMessage = new FakeEvent<[unknown, chrome.runtime.MessageSender, (r: unknown) => void]>()
  const onAlarm = new FakeEvent<[chrome.alarms.Alarm]>()
  const alarms = new Map<string, chrome.alarms.Alarm>()
  const granted = new Set<string>()
  const answers = new Map<MessageType, Answer<MessageType>>()
  const sent: SentMessage[] = []

  const state = {
    local,
    session,
    alarms,
    granted,
    sent,
    badge: { text: "", color: "", title: "" },
    optionsOpened: 0,
    /** What `permissions.request` answers (the user's click). */
    permissionAnswer: true,
    permissionRequests: [] as string[][],
    activeTab: { id: 42 } as { id: number } | null,
    /** Sender used for `runtime.sendMessage` when it reaches registered listeners. */
    sender: SENDERS.popup as chrome.runtime.MessageSender,
  }

  async function sendMessage(message: unknown): Promise<unknown> {
    const m = message as { type: MessageType; body: unknown }
    sent.push({ type: m.type, body: structuredClone(m.body) })
    const answer = answers.get(m.type)
    if (answer) {
      const result = await answer(structuredClone(m.body) as never)
      if (result && typeof result === "object" && "error" in result && Object.keys(result).length === 1) return { ok: false, error: (result as { error: MessageError }).error }
      return { ok: true, data: result }
    }
    if (onMessage.listeners.length === 0) throw new Error("Could not establish connection. Receiving end does not exist.")
    return new Promise((resolve) => {
      for (const fn of onMessage.listeners) fn(structuredClone(message), state.sender, resolve)
    })
  }

  const chromeFake = {
    runtime: {
      id: EXTENSION_ID,
      getURL: (path: string) => `${EXTENSION_ORIGIN}/${path.replace(/^\//, "")}`,
      sendMessage,
      onMessage,
      onInstalled: new FakeEvent<[]>(),
      onStartup: new FakeEvent<[]>(),
      openOptionsPage: async () => {
        state.optionsOpened++
      },
    },
    storage: { local: storageArea(local), session: storageArea(session) },
    alarms: {
      onAlarm,
      async create(name: string, info: { periodInMinutes?: number }) {
        alarms.set(name, { name, scheduledTime: Date.now(), ...(info.periodInMinutes ? { periodInMinutes: info.periodInMinutes } : {}) })
      },
      async get(name: string) {
        return alarms.get(name)
      },
      async clear(name: string) {
        return alarms.delete(name)
      },
    },
    action: {
      async setBadgeText({ text }: { text: string }) {
        state.badge.text = text
      },
      async setBadgeBackgroundColor({ color }: { color: string }) {
        state.badge.color = color
      },
      async setTitle({ title }: { title: string }) {
        state.badge.title = title
      },
    },
    permissions: {
      async contains({ origins = [] }: { origins?: string[] }) {
        return origins.every((o) => granted.has(o))
      },
      async request({ origins = [] }: { origins?: string[] }) {
        state.permissionRequests.push(origins)
        if (state.permissionAnswer) for (const o of origins) granted.add(o)
        return state.permissionAnswer
      },
    },
    tabs: {
      async query() {
        return state.activeTab ? [state.activeTab] : []
      },
      onRemoved: new FakeEvent<[number]>(),
    },
  }

  ;(globalThis as unknown as { chrome: unknown }).chrome = chromeFake

  return {
    /** Everything the fake recorded; tests read and set it directly. */
    state,
    chrome: chromeFake,
    /** Scripts the background's answer to one message type (UI tests). */
    answer<T extends MessageType>(type: T, fn: Answer<T>) {
      answers.set(type, fn as unknown as Answer<MessageType>)
    },
    /** Messages of one type the UI sent, bodies as sent. */
    sentOf<T extends MessageType>(type: T): MessageRequest<T>[] {
      return sent.filter((m) => m.type === type).map((m) => m.body as MessageRequest<T>)
    },
    /** Fires an alarm as Chrome would and waits for listeners' promises to settle. */
    fireAlarm(name: string) {
      const alarm = alarms.get(name) ?? { name, scheduledTime: Date.now() }
      onAlarm.fire(alarm)
    },
  }
}

export type FakeChrome = ReturnType<typeof installFakeChrome>

export function uninstallFakeChrome(): void {
  delete (globalThis as unknown as { chrome?: unknown }).chrome
}
