// Profile extraction: `extractProfile(document, url)` turns a page into a `ProfileCaptureInput`,
// or undefined when the page is not a person's profile. Pure: the world comes in as arguments.
import type { ProfileCaptureInput } from "@shared/capture"
import { extractGitHub } from "./github"
import { canonicalProfile, extractLinkedIn, linkedInPageKind } from "./linkedin"
import { extractSchemaOrg } from "./schema-org"

/**
 * Whether a page at this URL may show a person, judged from the URL alone. On LinkedIn only
 * profile, Recruiter and Sales Navigator paths can (the feed, search, messaging never do); other
 * matched sites must be read to know. The content script mounts nothing before this is true.
 */
export function mayShowProfile(url: string): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return false
  const host = u.hostname.toLowerCase()
  if (host === "linkedin.com" || host.endsWith(".linkedin.com")) return linkedInPageKind(u) !== undefined
  return true
}

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
