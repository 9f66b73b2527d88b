// create-campaign: a new campaign with its Clockwork sync options.
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export default defineHandler("create-campaign", async (body) => withServer((conn) => api.createCampaign(conn, body)))
