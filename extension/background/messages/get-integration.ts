// get-integration: the Clockwork connection status (no secrets).
import type { MessageRequest, MessageResponse } from "@shared/messages"
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export type GetIntegrationRequest = MessageRequest<"get-integration">
export type GetIntegrationResponse = MessageResponse<"get-integration">

export default defineHandler("get-integration", async () => withServer((conn) => api.getIntegration(conn)))
