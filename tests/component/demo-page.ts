// Demo profile pages (server/demo/pages) shown in the test document as a single-page navigation
// would show them: the URL changes, then the head and the content are replaced.
import { readFileSync } from "node:fs"
import path from "node:path"
import { afterEach, beforeEach } from "vitest"
import type { ProfileCaptureInput } from "@shared/capture"
import { resetPickerStore } from "~stores/picker-store"
import { contextFor, previewFor } from "./background-answers"
import { installFakeChrome, uninstallFakeChrome, type FakeChrome } from "./fake-chrome"

const pages = path.resolve(import.meta.dirname, "../../server/demo/pages")

/** A demo page, parsed. */
export const parseDemoPage = (file: string) => new DOMParser().parseFromString(readFileSync(path.join(pages, file), "utf8"), "text/html")

/** Shows a demo page in the test document at `route`: URL, head and content (in `#page`). */
export function showPage(file: string, route: string) {
  const page = parseDemoPage(file)
  window.history.pushState({}, "", route)
  document.head.innerHTML = page.head.innerHTML
  document.querySelector("#page")?.remove()
  const content = document.createElement("div")
  content.id = "page"
  content.innerHTML = page.body.innerHTML
  document.body.prepend(content)
}

/**
 * For a test file that shows demo pages to the picker: before each test, a fake `chrome` whose
 * background answers realistically; after it, the picker's store and the page cleared. Returns the
 * current test's fake.
 */
export function withDemoPages(): () => FakeChrome {
  let fake: FakeChrome | undefined
  beforeEach(() => {
    fake = installFakeChrome()
    resetPickerStore()
    fake.answer("report-capture", () => ({}))
    fake.answer("load-person", () => contextFor())
    fake.answer("preview-decision", (body) => previewFor(body.capture as ProfileCaptureInput))
  })
  afterEach(() => {
    resetPickerStore()
    uninstallFakeChrome()
    document.head.innerHTML = ""
    document.querySelector("#page")?.remove()
  })
  return () => fake!
}
