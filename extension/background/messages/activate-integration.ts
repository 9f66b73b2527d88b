// activate-integration (admin): passes the Clockwork credentials to the server, which checks and
// stores them encrypted. They are never stored in the extension.
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export default defineHandler("activate-integration", async (body) => withServer((conn) => api.activateIntegration(conn, body)))
