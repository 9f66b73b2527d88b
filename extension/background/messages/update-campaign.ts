// update-campaign: renames, archives or changes a campaign's sync options.
import type { MessageRequest, MessageResponse } from "@shared/messages"
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export type UpdateCampaignRequest = MessageRequest<"update-campaign">
export type UpdateCampaignResponse = MessageResponse<"update-campaign">

export default defineHandler("update-campaign", async ({ id, patch }) => withServer((conn) => api.updateCampaign(conn, id, patch)))
