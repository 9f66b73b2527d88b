// Rules the resolver and the extension's picker share: what a capture gives for a field, and how
// tag lists merge. Zod-free (type imports only), so the content script uses them without bundling
// zod (as with person-key-rules.ts); shared/resolve.ts builds the decision on top of them.
import type { ProfileCaptureInput } from "./capture"

/** What the page gives for a field; undefined when it gives nothing. */
export function captureValue(capture: ProfileCaptureInput, field: string): string | undefined {
  switch (field) {
    case "name":
      return capture.name
    case "firstName":
      return capture.firstName
    case "lastName":
      return capture.lastName
    case "title":
      return capture.title ?? capture.headline
    case "company":
      return capture.company
    case "location":
      return capture.location
    case "email":
      return capture.emails?.[0]
    case "phone":
      return capture.phones?.[0]
    case "linkedinUrl":
      return capture.linkedinUrl
    case "website":
      return capture.website
    case "biography":
      return capture.biography
    default:
      return (capture.custom as Partial<Record<string, string>> | undefined)?.[field]
  }
}

/** Case-insensitive, order-stable union of tag lists (trimmed); the first spelling of a tag wins. */
export function mergeTags(...lists: readonly (readonly string[])[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const list of lists) {
    for (const raw of list) {
      const tag = raw.trim()
      const key = tag.toLowerCase()
      if (!tag || seen.has(key)) continue
      seen.add(key)
      out.push(tag)
    }
  }
  return out
}
