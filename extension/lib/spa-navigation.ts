// Follows single-page navigation (LinkedIn changes profile without a page load): the Navigation
// API where it exists, plus `popstate`, a watch on <title> and a slow poll as fallbacks.
// No `webNavigation` permission is used.

interface NavigationLike {
  addEventListener(type: string, listener: () => void): void
  removeEventListener(type: string, listener: () => void): void
}

/**
 * The page's Navigation API object, if it is one. NOTE: a page can clobber missing globals with
 * named elements (`<a id="navigation">`), so the object's class is checked, not just its presence.
 */
function navigationOf(win: Window): NavigationLike | undefined {
  try {
    const ctor = (win as unknown as { Navigation?: unknown }).Navigation
    const nav = (win as unknown as { navigation?: unknown }).navigation
    if (typeof ctor === "function" && nav instanceof ctor) return nav as NavigationLike
  } catch {
    // A clobbered `Navigation` is not a constructor.
  }
  return undefined
}

export const URL_POLL_MS = 1000

/** Calls `onChange(url)` whenever the page's URL changes; returns a function that stops watching. */
export function watchUrl(win: Window, onChange: (url: string) => void): () => void {
  let last = win.location.href
  const check = () => {
    const now = win.location.href
    if (now === last) return
    last = now
    onChange(now)
  }
  const nav = navigationOf(win)
  nav?.addEventListener("navigatesuccess", check)
  nav?.addEventListener("currententrychange", check)
  win.addEventListener("popstate", check)
  const head = win.document.head
  const titles = head ? new MutationObserver(check) : undefined
  if (head) titles?.observe(head, { childList: true, subtree: true, characterData: true })
  const poll = win.setInterval(check, URL_POLL_MS)
  return () => {
    nav?.removeEventListener("navigatesuccess", check)
    nav?.removeEventListener("currententrychange", check)
    win.removeEventListener("popstate", check)
    titles?.disconnect()
    win.clearInterval(poll)
  }
}

/**
 * Runs `run` once, as soon as the page's URL satisfies `ready` (now, or after a single-page
 * navigation). Until then only the URL watch above runs. Returns a function that stops waiting.
 */
export function whenUrl(win: Window, ready: (url: string) => boolean, run: () => void): () => void {
  if (ready(win.location.href)) {
    run()
    return () => undefined
  }
  let done = false
  const stop = watchUrl(win, (url) => {
    if (done || !ready(url)) return
    done = true
    stop()
    run()
  })
  return stop
}
