// list-campaigns: the team's campaigns, archived ones included.
import type { MessageRequest, MessageResponse } from "@shared/messages"
import * as api from "~lib/api"
import { campaignsCacheItem } from "~lib/storage"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export type ListCampaignsRequest = MessageRequest<"list-campaigns">
export type ListCampaignsResponse = MessageResponse<"list-campaigns">

export default defineHandler("list-campaigns", async () => {
  const list = await withServer((conn) => api.listCampaigns(conn))
  await campaignsCacheItem.set(list.campaigns)
  return list
})
