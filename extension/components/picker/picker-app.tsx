// Ties the page to the picker: reads the person, loads them into the store, renders the card.
import { useEffect } from "react"
import { usePickerStore } from "~stores/picker-store"
import { Picker } from "./picker"
import { usePageCapture } from "./use-page-capture"

export function PickerApp({ win }: { win: Window }) {
  const capture = usePageCapture(win)
  const load = usePickerStore((s) => s.load)
  useEffect(() => {
    void load(capture ?? null)
  }, [capture, load])
  return <Picker />
}
