// Plasmo entry: the options page (sign-in, Clockwork activation, team settings).
import { OptionsPage } from "~components/options/options-page"
import "~styles/pages.css"

export default function Options() {
  return <OptionsPage />
}
