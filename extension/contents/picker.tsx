// Content script (Plasmo CSUI): the "Sync as" picker on profile pages. Plasmo-only exports live
// here; the picker itself is in components/picker. It talks to the background only, through
// chrome.runtime; page messages (window.postMessage) are never listened to.
//
// It matches all of www.linkedin.com because LinkedIn navigates between the feed and profiles
// without a page load; until the URL is a profile it only watches the URL (no shadow root, no
// React, no messages). The shadow root is closed: page scripts can neither read what the picker
// shows (Clockwork data) nor reach its buttons.
import type { PlasmoCSConfig, PlasmoCreateShadowRoot, PlasmoGetShadowHostId, PlasmoGetStyle, PlasmoRender } from "plasmo"
import { createRoot } from "react-dom/client"
import { PickerApp } from "~components/picker/picker-app"
import { PICKER_CSS } from "~components/picker/picker-styles"
import { mayShowProfile } from "~lib/extractors"
import { whenUrl } from "~lib/spa-navigation"

export const config: PlasmoCSConfig = {
  matches: ["https://www.linkedin.com/*", "https://github.com/*", "http://localhost/demo/*", "http://127.0.0.1/demo/*"],
  run_at: "document_end",
}

export const getShadowHostId: PlasmoGetShadowHostId = () => "cogsync-picker"

export const createShadowRoot: PlasmoCreateShadowRoot = (host) => host.attachShadow({ mode: "closed" })

export const getStyle: PlasmoGetStyle = () => {
  const style = document.createElement("style")
  style.textContent = PICKER_CSS
  return style
}

export const render: PlasmoRender<unknown> = ({ createRootContainer }) => {
  whenUrl(window, mayShowProfile, () => {
    void Promise.resolve(createRootContainer?.({ element: document.documentElement, type: "overlay" })).then((container) => {
      if (container) createRoot(container).render(<PickerContentScript />)
    })
  })
}

export default function PickerContentScript() {
  return <PickerApp win={window} />
}
