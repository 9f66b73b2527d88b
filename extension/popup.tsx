// Plasmo entry: the toolbar popup.
import { PopupView } from "~components/popup/popup-view"
import "~styles/pages.css"

export default function Popup() {
  return <PopupView />
}
