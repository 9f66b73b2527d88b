// Every chrome.storage key the extension uses, declared once with its schema and default.
// Reads validate and fall back to the default; only the background service worker reads or
// writes these (the token never leaves it).
import * as z from "zod"
import { CampaignSchema, ClockworkMetadataSchema, MeSchema, SettingsResponseSchema } from "@shared/api"
import { ProfileCaptureSchema } from "@shared/capture"
import { DEFAULT_SERVER_URL, FailedOutboxItemSchema, OutboxItemSchema } from "@shared/messages"

type Area = "local" | "session"

export interface StorageItem<T> {
  readonly key: string
  readonly area: Area
  get(): Promise<T>
  set(value: T): Promise<void>
  /** Read-modify-write; callers serialise concurrent updates themselves (see queue.ts). */
  update(change: (current: T) => T): Promise<T>
}

function storageArea(area: Area): chrome.storage.StorageArea {
  return area === "local" ? chrome.storage.local : chrome.storage.session
}

export function defineItem<S extends z.ZodType>(area: Area, key: string, schema: S, fallback: () => z.output<S>): StorageItem<z.output<S>> {
  const item: StorageItem<z.output<S>> = {
    key,
    area,
    async get() {
      const stored = (await storageArea(area).get(key))[key]
      if (stored === undefined) return fallback()
      const parsed = schema.safeParse(stored)
      if (parsed.success) return parsed.data
      console.warn(`cogsync: stored ${key} is not valid; using its default`)
      return fallback()
    },
    async set(value) {
      await storageArea(area).set({ [key]: value })
    },
    async update(change) {
      const next = change(await item.get())
      await item.set(next)
      return next
    },
  }
  return item
}

/**
 * A list whose items are validated one by one: an item that no longer parses (e.g. written by an
 * older version) is dropped with a warning instead of discarding the whole list.
 */
function listOf<S extends z.ZodType>(schema: S) {
  return z.array(z.unknown()).transform((items) =>
    items.flatMap((raw) => {
      const parsed = schema.safeParse(raw)
      if (parsed.success) return [parsed.data as z.output<S>]
      console.warn("cogsync: dropping an unreadable stored item")
      return []
    }),
  )
}

/** The Cogsync server the user signed in to. */
export const serverUrlItem = defineItem("local", "serverUrl", z.url({ protocol: /^https?$/ }), () => DEFAULT_SERVER_URL)
/** The user's Cogsync token (`cgs_…`); null when signed out. Never sent to any page or content script. */
export const tokenItem = defineItem("local", "token", z.string().nullable(), () => null)
/** `GET /me` as last answered, for display. */
export const meItem = defineItem("local", "me", MeSchema.nullable(), () => null)

/** The persisted outbox: actions waiting to be delivered, oldest first. */
export const outboxItem = defineItem("local", "outbox", listOf(OutboxItemSchema), () => [])
/** Outbox items the server rejected as bad (4xx); shown in the popup until retried or discarded. */
export const outboxFailedItem = defineItem("local", "outboxFailed", listOf(FailedOutboxItemSchema), () => [])

/** Last settings, campaigns and Clockwork metadata the server gave, so the picker works offline. */
export const settingsCacheItem = defineItem("local", "settingsCache", SettingsResponseSchema.nullable(), () => null)
export const campaignsCacheItem = defineItem("local", "campaignsCache", z.array(CampaignSchema), () => [])
export const metadataCacheItem = defineItem("local", "metadataCache", ClockworkMetadataSchema.nullable(), () => null)

/** The person each tab shows, by tab id, for the popup. Session storage: gone when the browser closes. */
export const tabCapturesItem = defineItem("session", "tabCaptures", z.record(z.string(), ProfileCaptureSchema), () => ({}))
