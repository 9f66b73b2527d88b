// Realistic inputs: the captures the extension reads from the demo profile pages (the extension's
// own extractor, run on the served HTML in jsdom), and variants of them for people who are not in
// Clockwork yet.
import { readFileSync } from "node:fs"
import path from "node:path"
import { JSDOM } from "jsdom"
import type { ProfileCaptureInput } from "@shared/index"
import { extractProfile } from "~lib/extractors"

/** Demo pages of people the sandbox's demo firm already has (found by LinkedIn URL) and of one it has not. */
export const DEMO_PROFILES = { existing: ["robert-fox-demo", "eleanor-pena-demo"], fresh: "jane-cooper-demo" } as const

/** What the extension captures on `/demo/in/<slug>` served at `origin`. */
export function demoCapture(root: string, slug: string, origin = "http://127.0.0.1:8787"): ProfileCaptureInput {
  const html = readFileSync(path.join(root, "server/demo/pages/in", `${slug}.html`), "utf8")
  const url = `${origin}/demo/in/${slug}`
  const dom = new JSDOM(html, { url })
  try {
    const capture = extractProfile(dom.window.document, url)
    if (!capture) throw new Error(`the extractor read no profile on ${url}`)
    return capture
  } finally {
    dom.window.close()
  }
}

/** The same profile as someone else: unique LinkedIn slug, email and name (a person Clockwork lacks). */
export function freshVariant(base: ProfileCaptureInput, label: string): ProfileCaptureInput & { personKey: string } {
  const slug = `bench-${label}`.toLowerCase().replace(/[^a-z0-9-]/g, "-")
  return {
    ...base,
    personKey: `li:${slug}`,
    url: `https://www.linkedin.com/in/${slug}`,
    linkedinUrl: `https://www.linkedin.com/in/${slug}`,
    name: `${base.firstName ?? "Bench"} ${label}`,
    lastName: label,
    emails: [`${slug}@example.com`],
  }
}
