// open-options: opens Cogsync's options page (content scripts cannot do it themselves).
import { defineHandler } from "../define-handler"

export default defineHandler("open-options", async () => {
  await chrome.runtime.openOptionsPage()
  return {}
})
