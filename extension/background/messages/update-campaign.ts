// update-campaign: renames, archives or changes a campaign's sync options.
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export default defineHandler("update-campaign", async ({ id, patch }) => withServer((conn) => api.updateCampaign(conn, id, patch)))
