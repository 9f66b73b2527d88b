// get-settings: the team's settings and version.
import type { MessageRequest, MessageResponse } from "@shared/messages"
import * as api from "~lib/api"
import { settingsCacheItem } from "~lib/storage"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export type GetSettingsRequest = MessageRequest<"get-settings">
export type GetSettingsResponse = MessageResponse<"get-settings">

export default defineHandler("get-settings", async () => {
  const settings = await withServer((conn) => api.getSettings(conn))
  await settingsCacheItem.set(settings)
  return settings
})
