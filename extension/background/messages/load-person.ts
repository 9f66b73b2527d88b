// load-person: everything the picker needs about the person on the page except the decision
// preview (asked separately, as it waits on Clockwork): team settings, campaigns, the person's
// override, last sync, Clockwork tags and field labels. When the server is unreachable it answers
// from the last good load (`stale`), so the picker still works and actions go to the outbox.
import { FIELD_LABELS } from "@shared/fields"
import type { ClockworkMetadata } from "@shared/api"
import type { PersonContext } from "@shared/messages"
import * as api from "~lib/api"
import { ServerRequestError } from "~lib/api"
import { campaignsCacheItem, metadataCacheItem, settingsCacheItem } from "~lib/storage"
import { defineHandler } from "../define-handler"
import { outbox } from "../outbox"
import { withServer } from "../server"
import { readSession } from "../session"

export function fieldLabelsFrom(metadata: ClockworkMetadata | null): Record<string, string> {
  const labels: Record<string, string> = { ...FIELD_LABELS }
  for (const f of metadata?.fields ?? []) labels[f.id] = f.label
  return labels
}

/** Optional parts (sync log, Clockwork metadata) must not fail the load, except when the server is gone. */
async function optional<T>(run: Promise<T>): Promise<T | null> {
  try {
    return await run
  } catch (e) {
    if (e instanceof ServerRequestError && (e.kind === "unreachable" || e.status === 401)) throw e
    return null
  }
}

export default defineHandler("load-person", async ({ capture, campaignId }) => {
  const session = await readSession()
  const pending = (await outbox.view()).pending.filter((i) => i.personKey === capture.personKey).length
  const base: PersonContext = {
    session,
    reachable: false,
    stale: false,
    settings: null,
    campaigns: [],
    override: null,
    lastSync: null,
    tags: [],
    fieldLabels: fieldLabelsFrom(null),
    pending,
  }
  if (!session.signedIn) return base
  try {
    return await withServer(async (conn) => {
      const [settings, campaigns, override, log, metadata] = await Promise.all([
        api.getSettings(conn),
        api.listCampaigns(conn),
        api.getOverride(conn, capture.personKey, campaignId),
        optional(api.getSyncLog(conn, capture.personKey)),
        optional(api.getMetadata(conn)),
      ])
      await Promise.all([
        settingsCacheItem.set(settings),
        campaignsCacheItem.set(campaigns.campaigns),
        metadata ? metadataCacheItem.set(metadata) : Promise.resolve(),
      ])
      return {
        ...base,
        reachable: true,
        settings: settings.settings,
        campaigns: campaigns.campaigns.filter((c) => !c.archived),
        override: override.override,
        lastSync: log?.jobs[0] ?? null,
        tags: (metadata?.tags ?? []).map((t) => t.name),
        fieldLabels: fieldLabelsFrom(metadata),
      }
    })
  } catch (e) {
    if (!(e instanceof ServerRequestError && e.kind === "unreachable")) throw e
    const [settings, campaigns, metadata] = await Promise.all([settingsCacheItem.get(), campaignsCacheItem.get(), metadataCacheItem.get()])
    return {
      ...base,
      stale: settings !== null,
      settings: settings?.settings ?? null,
      campaigns: campaigns.filter((c) => !c.archived),
      tags: (metadata?.tags ?? []).map((t) => t.name),
      fieldLabels: fieldLabelsFrom(metadata),
    }
  }
})
