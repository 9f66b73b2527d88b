// get-settings-history (admin): every saved settings version with who changed what.
import type { MessageRequest, MessageResponse } from "@shared/messages"
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export type GetSettingsHistoryRequest = MessageRequest<"get-settings-history">
export type GetSettingsHistoryResponse = MessageResponse<"get-settings-history">

export default defineHandler("get-settings-history", async () => withServer((conn) => api.getSettingsHistory(conn)))
