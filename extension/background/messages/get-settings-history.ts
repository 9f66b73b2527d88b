// get-settings-history (admin): every saved settings version with who changed what.
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export default defineHandler("get-settings-history", async () => withServer((conn) => api.getSettingsHistory(conn)))
