// sign-out: forgets the token and the cached team data (queued actions stay until the next sign-in).
import { campaignsCacheItem, meItem, metadataCacheItem, settingsCacheItem, tokenItem } from "~lib/storage"
import { defineHandler } from "../define-handler"
import { readSession } from "../session"

export default defineHandler("sign-out", async () => {
  await Promise.all([tokenItem.set(null), meItem.set(null), settingsCacheItem.set(null), campaignsCacheItem.set([]), metadataCacheItem.set(null)])
  return { ...(await readSession()), reachable: null, error: null }
})
