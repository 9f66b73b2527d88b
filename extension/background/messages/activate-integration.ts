// activate-integration (admin): passes the Clockwork credentials to the server, which checks and
// stores them encrypted. They are never stored in the extension.
import type { MessageRequest, MessageResponse } from "@shared/messages"
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export type ActivateIntegrationRequest = MessageRequest<"activate-integration">
export type ActivateIntegrationResponse = MessageResponse<"activate-integration">

export default defineHandler("activate-integration", async (body) => withServer((conn) => api.activateIntegration(conn, body)))
