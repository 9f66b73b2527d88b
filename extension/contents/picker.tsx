// Content script (Plasmo CSUI): the "Sync as" picker on profile pages. Plasmo-only exports live
// here; the picker itself is in components/picker. It talks to the background only, through
// chrome.runtime; page messages (window.postMessage) are never listened to.
import type { PlasmoCSConfig, PlasmoGetShadowHostId, PlasmoGetStyle } from "plasmo"
import { PickerApp } from "~components/picker/picker-app"
import { PICKER_CSS } from "~components/picker/picker-styles"

export const config: PlasmoCSConfig = {
  matches: [
    "https://www.linkedin.com/in/*",
    "https://www.linkedin.com/talent/*",
    "https://www.linkedin.com/sales/*",
    "https://github.com/*",
    "http://localhost/demo/*",
    "http://127.0.0.1/demo/*",
  ],
  run_at: "document_end",
}

export const getShadowHostId: PlasmoGetShadowHostId = () => "cogsync-picker"

export const getStyle: PlasmoGetStyle = () => {
  const style = document.createElement("style")
  style.textContent = PICKER_CSS
  return style
}

export default function PickerContentScript() {
  return <PickerApp win={window} />
}
