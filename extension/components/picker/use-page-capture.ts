// The person on the current page, re-read when the URL changes (single-page navigation) and while
// the page is still rendering (LinkedIn fills the profile in after load).
import { useEffect, useState } from "react"
import type { ProfileCaptureInput } from "@shared/capture"
import { toPersonKey } from "@shared/person-key-rules"
import { extractProfile } from "~lib/extractors"
import { watchUrl } from "~lib/spa-navigation"

/** Quiet time after DOM changes before the page is read again. */
export const SETTLE_MS = 400
/** How long after a navigation the page is watched for its content. */
export const SETTLE_WINDOW_MS = 8000

const same = (a: ProfileCaptureInput | undefined, b: ProfileCaptureInput | undefined) => JSON.stringify(a) === JSON.stringify(b)

export function usePageCapture(win: Window): ProfileCaptureInput | undefined {
  const [capture, setCapture] = useState(() => extractProfile(win.document, win.location.href))

  useEffect(() => {
    const doc = win.document
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopAt = 0
    let observer: MutationObserver | undefined

    const read = () => {
      const next = extractProfile(doc, win.location.href)
      setCapture((prev) => (same(prev, next) ? prev : next))
      if (Date.now() > stopAt) observer?.disconnect()
    }
    const settle = () => {
      stopAt = Date.now() + SETTLE_WINDOW_MS
      observer?.disconnect()
      observer = new MutationObserver(() => {
        clearTimeout(timer)
        timer = setTimeout(read, SETTLE_MS)
      })
      observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true, characterData: true })
      clearTimeout(timer)
      timer = setTimeout(read, SETTLE_MS)
    }

    const stop = watchUrl(win, (url) => {
      // Another person's URL: drop the old capture at once so the old DOM is never sent under the new key.
      const key = toPersonKey(url)
      setCapture((prev) => (prev && key && prev.personKey !== key ? undefined : prev))
      settle()
    })
    if (!extractProfile(doc, win.location.href)) settle()
    return () => {
      stop()
      observer?.disconnect()
      clearTimeout(timer)
    }
  }, [win])

  return capture
}
