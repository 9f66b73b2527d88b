// Demo profile pages (server/demo/pages) shown in the test document as a single-page navigation
// would show them: the URL changes, then the head and the content are replaced.
import { readFileSync } from "node:fs"
import path from "node:path"

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
