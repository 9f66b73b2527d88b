// The demo profile pages: static HTML files in ./pages (no scripts, no external resources), served
// under /demo on loopback by server/routes/demo.ts so the extension can be tried without LinkedIn.
// Only the pages listed here are served (no path from the URL ever reaches the file system).
import path from "node:path"
import { SERVER_DIR } from "../paths"

const PAGES_DIR = path.join(SERVER_DIR, "demo", "pages")

/** Path under /demo → file under pages/. */
export const DEMO_PAGES: Readonly<Record<string, string>> = {
  "/": "index.html",
  "/feed": "feed.html",
  "/in/jane-cooper-demo": "in/jane-cooper-demo.html",
  "/in/robert-fox-demo": "in/robert-fox-demo.html",
  "/in/eleanor-pena-demo": "in/eleanor-pena-demo.html",
  "/people/cody-fisher": "people/cody-fisher.html",
}

export const DEMO_PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  // The pages carry no scripts (JSON-LD is data, not run); styles are inline.
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
  "cache-control": "no-store",
}

/** The file for a path under /demo (trailing slash ignored), or undefined. */
export function demoPageFile(subPath: string): string | undefined {
  const key = subPath === "" || subPath === "/" ? "/" : subPath.replace(/\/+$/, "")
  const file = DEMO_PAGES[key]
  return file ? path.join(PAGES_DIR, file) : undefined
}
