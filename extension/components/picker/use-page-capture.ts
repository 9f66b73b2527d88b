// The person on the current page, re-read when the URL changes (single-page navigation) and while
// the page is still rendering (LinkedIn fills the profile in after load).
import { useEffect, useRef, useState } from "react"
import type { ProfileCaptureInput } from "@shared/capture"
import { toPersonKey } from "@shared/person-key-rules"
import { extractProfile } from "~lib/extractors"
import { watchUrl } from "~lib/spa-navigation"

/** Quiet time after DOM changes before a shown person is read again (late content, edits). */
const SETTLE_MS = 400
/** While no person is shown for the current URL, DOM changes are read this soon. */
const FIRST_READ_MS = 30
/** How long after a navigation the page is watched for its content. */
const SETTLE_WINDOW_MS = 8000

const same = (a: ProfileCaptureInput | undefined, b: ProfileCaptureInput | undefined) => JSON.stringify(a) === JSON.stringify(b)

/** What the page shows of a person, without what the URL alone decides (key, addresses, source). */
const content = ({ personKey: _k, url: _u, source: _s, linkedinUrl: _l, ...rest }: ProfileCaptureInput) => JSON.stringify(rest)

export function usePageCapture(win: Window): ProfileCaptureInput | undefined {
  // The page is read once on mount; the effect starts from that read.
  const first = useRef<ProfileCaptureInput | undefined>(undefined)
  const [capture, setCapture] = useState(() => (first.current = extractProfile(win.document, win.location.href)))

  useEffect(() => {
    const doc = win.document
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopAt = 0
    let observer: MutationObserver | undefined
    let current = first.current
    // The person key the URL named when `current` was read (a GitHub page may declare a LinkedIn
    // profile, so the capture's own key can differ from the URL's while the person is the same).
    let shownKey = current && (toPersonKey(win.location.href) ?? current.personKey)
    // The person shown before a navigation to someone else: while the page still shows them, it has
    // not rendered the new person yet. NOTE: LinkedIn changes the URL first and the profile after it,
    // and its person key comes from the URL, so the old DOM would read as the new person.
    let previous: ProfileCaptureInput | undefined

    const show = (next: ProfileCaptureInput | undefined) => {
      current = next
      shownKey = next && (toPersonKey(win.location.href) ?? next.personKey)
      setCapture((prev) => (same(prev, next) ? prev : next))
    }
    const read = (force = false) => {
      const next = extractProfile(doc, win.location.href)
      if (!force && next && previous && content(next) === content(previous)) {
        // Still the old person's page (or the new person's page reads exactly the same): accept it
        // only once the page has been quiet for SETTLE_MS.
        clearTimeout(timer)
        timer = setTimeout(() => read(true), SETTLE_MS)
        return
      }
      previous = undefined
      show(next)
      if (Date.now() > stopAt) observer?.disconnect()
    }
    const schedule = () => {
      clearTimeout(timer)
      timer = setTimeout(read, current ? SETTLE_MS : FIRST_READ_MS)
    }
    const settle = () => {
      stopAt = Date.now() + SETTLE_WINDOW_MS
      observer?.disconnect()
      observer = new MutationObserver(schedule)
      observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true, characterData: true })
      // Read right after the task that changed the URL (a SPA renders the new page in it or soon after).
      clearTimeout(timer)
      timer = setTimeout(read, 0)
    }

    const stop = watchUrl(win, (url) => {
      // Another person's URL: drop the old capture at once so the old DOM is never sent under the new key.
      const key = toPersonKey(url)
      if (current && key && shownKey !== key) {
        previous = current
        show(undefined)
      }
      settle()
    })
    if (!current) settle()
    return () => {
      stop()
      observer?.disconnect()
      clearTimeout(timer)
    }
  }, [win])

  return capture
}
