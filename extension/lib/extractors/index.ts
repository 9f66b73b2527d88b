// Profile extraction: `extractProfile(document, url)` turns a page into a `ProfileCaptureInput`,
// or undefined when the page is not a person's profile. Pure: the world comes in as arguments.
import type { ProfileCaptureInput } from "@shared/capture"
import { extractGitHub } from "./github"
import { canonicalProfile, extractLinkedIn, linkedInPageKind } from "./linkedin"
import { extractSchemaOrg } from "./schema-org"

export function extractProfile(doc: Document, url: string): ProfileCaptureInput | undefined {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return undefined
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return undefined
  const host = u.hostname.toLowerCase()
  try {
    if (host === "linkedin.com" || host.endsWith(".linkedin.com")) {
      const kind = linkedInPageKind(u)
      return kind ? extractLinkedIn(doc, u, kind) : undefined
    }
    if (host === "github.com" || host === "www.github.com") return extractGitHub(doc, u)
    // Other sites (the demo pages): a LinkedIn-like profile whose canonical URL is a public profile, else a schema.org Person.
    if (canonicalProfile(doc)) return extractLinkedIn(doc, u, "profile")
    return extractSchemaOrg(doc, u)
  } catch (e) {
    // NOTE: an extractor must never break the page; a page it cannot read is "not a profile".
    console.warn("cogsync: could not read this page", e)
    return undefined
  }
}
