// The content script's gate: on LinkedIn it mounts the picker only once the URL is a profile
// (single-page navigation from the feed included) and does nothing before; other matched sites
// are read to find out.
import { afterEach, describe, expect, it, vi } from "vitest"
import { mayShowProfile } from "~lib/extractors"
import { URL_POLL_MS, whenUrl } from "~lib/spa-navigation"

function fakeWindow(href: string) {
  const events = new EventTarget()
  const win = {
    location: { href },
    document: { head: null },
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
    dispatchEvent: events.dispatchEvent.bind(events),
    setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
    clearInterval: (id: ReturnType<typeof setInterval>) => clearInterval(id),
  }
  return win as unknown as Window & typeof win
}

afterEach(() => {
  vi.useRealTimers()
})

describe("mayShowProfile", () => {
  it.each([
    ["https://www.linkedin.com/in/jane-cooper-demo/", true],
    ["https://www.linkedin.com/talent/hire/123/manage/all/profile/AEMAAAbc123", true],
    ["https://www.linkedin.com/sales/lead/ACwAAAbc123,NAME_SEARCH", true],
    ["https://www.linkedin.com/feed/", false],
    ["https://www.linkedin.com/search/results/people/?keywords=jane", false],
    ["https://www.linkedin.com/messaging/thread/2-abc/", false],
    ["https://www.linkedin.com/", false],
    ["https://github.com/octocat", true],
    ["http://127.0.0.1:8787/demo/feed", true],
    ["javascript:alert(1)", false],
    ["not a url", false],
  ])("%s → %s", (url, expected) => {
    expect(mayShowProfile(url)).toBe(expected)
  })
})

describe("whenUrl", () => {
  it("runs at once when the URL is already a profile", () => {
    const run = vi.fn()
    whenUrl(fakeWindow("https://www.linkedin.com/in/jane-cooper-demo/"), mayShowProfile, run)
    expect(run).toHaveBeenCalledTimes(1)
  })

  it("does nothing on the feed, then runs once when the page navigates to a profile", () => {
    vi.useFakeTimers()
    const win = fakeWindow("https://www.linkedin.com/feed/")
    const run = vi.fn()
    whenUrl(win, mayShowProfile, run)
    win.location.href = "https://www.linkedin.com/jobs/"
    win.dispatchEvent(new Event("popstate"))
    vi.advanceTimersByTime(URL_POLL_MS * 2)
    expect(run).not.toHaveBeenCalled()

    win.location.href = "https://www.linkedin.com/in/robert-fox-demo/"
    win.dispatchEvent(new Event("popstate"))
    win.location.href = "https://www.linkedin.com/in/eleanor-pena-demo/"
    vi.advanceTimersByTime(URL_POLL_MS * 3)
    expect(run).toHaveBeenCalledTimes(1)
  })

  it("stops waiting when told to", () => {
    vi.useFakeTimers()
    const win = fakeWindow("https://www.linkedin.com/feed/")
    const run = vi.fn()
    const stop = whenUrl(win, mayShowProfile, run)
    stop()
    win.location.href = "https://www.linkedin.com/in/robert-fox-demo/"
    vi.advanceTimersByTime(URL_POLL_MS * 3)
    expect(run).not.toHaveBeenCalled()
  })
})
