// URL watching for single-page navigation: the Navigation API when the page really has one,
// popstate and a slow poll otherwise; a clobbered `navigation` global is not trusted.
import { afterEach, describe, expect, it, vi } from "vitest"
import { URL_POLL_MS, watchUrl } from "~lib/spa-navigation"

class FakeNavigation extends EventTarget {}

function fakeWindow(options: { navigation?: unknown; Navigation?: unknown } = {}) {
  const events = new EventTarget()
  const win = {
    location: { href: "https://www.linkedin.com/in/jane-cooper-demo/" },
    document: { head: null },
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
    dispatchEvent: events.dispatchEvent.bind(events),
    setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
    clearInterval: (id: ReturnType<typeof setInterval>) => clearInterval(id),
    ...options,
  }
  return win as unknown as Window & typeof win
}

afterEach(() => {
  vi.useRealTimers()
})

describe("watchUrl", () => {
  it("reports a navigation the Navigation API announces, once", () => {
    const navigation = new FakeNavigation()
    const win = fakeWindow({ navigation, Navigation: FakeNavigation })
    const seen: string[] = []
    const stop = watchUrl(win, (url) => seen.push(url))
    win.location.href = "https://www.linkedin.com/in/robert-fox-demo/"
    navigation.dispatchEvent(new Event("navigatesuccess"))
    navigation.dispatchEvent(new Event("currententrychange"))
    expect(seen).toEqual(["https://www.linkedin.com/in/robert-fox-demo/"])
    stop()
  })

  it("reports a back navigation through popstate", () => {
    const win = fakeWindow()
    const seen: string[] = []
    const stop = watchUrl(win, (url) => seen.push(url))
    win.location.href = "https://www.linkedin.com/in/eleanor-pena-demo/"
    win.dispatchEvent(new Event("popstate"))
    expect(seen).toEqual(["https://www.linkedin.com/in/eleanor-pena-demo/"])
    stop()
  })

  it("notices a pushState navigation with its slow poll when nothing announces it", () => {
    vi.useFakeTimers()
    const win = fakeWindow()
    const seen: string[] = []
    const stop = watchUrl(win, (url) => seen.push(url))
    win.location.href = "https://www.linkedin.com/in/robert-fox-demo/"
    vi.advanceTimersByTime(URL_POLL_MS)
    expect(seen).toEqual(["https://www.linkedin.com/in/robert-fox-demo/"])
    stop()
    win.location.href = "https://www.linkedin.com/feed/"
    vi.advanceTimersByTime(URL_POLL_MS * 3)
    expect(seen).toHaveLength(1)
  })

  it("does not listen to a `navigation` global that a page element clobbered", () => {
    const clobbered = new EventTarget() // e.g. <a id="navigation">: not a Navigation
    const listen = vi.spyOn(clobbered, "addEventListener")
    const win = fakeWindow({ navigation: clobbered, Navigation: undefined })
    const stop = watchUrl(win, () => {})
    expect(listen).not.toHaveBeenCalled()
    stop()
  })
})
