// disconnect-integration (admin): forgets the Clockwork credentials, answers the new status.
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export default defineHandler("disconnect-integration", async () =>
  withServer(async (conn) => {
    await api.deleteIntegration(conn)
    return api.getIntegration(conn)
  }),
)
