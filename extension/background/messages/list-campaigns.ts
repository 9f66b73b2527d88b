// list-campaigns: the team's campaigns, archived ones included.
import * as api from "~lib/api"
import { campaignsCacheItem } from "~lib/storage"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export default defineHandler("list-campaigns", async () => {
  const list = await withServer((conn) => api.listCampaigns(conn))
  await campaignsCacheItem.set(list.campaigns)
  return list
})
