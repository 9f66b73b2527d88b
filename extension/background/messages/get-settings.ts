// get-settings: the team's settings and version.
import * as api from "~lib/api"
import { settingsCacheItem } from "~lib/storage"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export default defineHandler("get-settings", async () => {
  const settings = await withServer((conn) => api.getSettings(conn))
  await settingsCacheItem.set(settings)
  return settings
})
