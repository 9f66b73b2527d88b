// create-campaign: a new campaign with its Clockwork sync options.
import type { MessageRequest, MessageResponse } from "@shared/messages"
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export type CreateCampaignRequest = MessageRequest<"create-campaign">
export type CreateCampaignResponse = MessageResponse<"create-campaign">

export default defineHandler("create-campaign", async (body) => withServer((conn) => api.createCampaign(conn, body)))
