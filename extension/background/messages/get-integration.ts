// get-integration: the Clockwork connection status (no secrets).
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export default defineHandler("get-integration", async () => withServer((conn) => api.getIntegration(conn)))
