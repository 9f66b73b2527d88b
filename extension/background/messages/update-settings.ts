// update-settings (admin): `PATCH /settings` with one section (and the locks); 422 names the field.
import * as api from "~lib/api"
import { settingsCacheItem } from "~lib/storage"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export default defineHandler("update-settings", async ({ patch }) => {
  const settings = await withServer((conn) => api.patchSettings(conn, patch))
  await settingsCacheItem.set(settings)
  return settings
})
