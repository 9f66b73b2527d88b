import { linkedInSlug, normalizeEmail } from "@shared/person-key"
import type { ClockworkClient } from "./client"
import type { CwPerson } from "./schemas"

const PAGE = 25
const MAX_PAGES = 3

/** Whether any of the person's LinkedIn URLs (or the preferred one) carries this slug. */
function hasSlug(p: CwPerson, slug: string): boolean {
  const urls = [...p.linkedinUrls.map((l) => l.url), p.preferredLinkedinUrl ?? ""]
  return urls.some((u) => linkedInSlug(u) === slug)
}

/** Whether any of the person's emails (or the preferred one) is this (normalized) address. */
function hasEmail(p: CwPerson, email: string): boolean {
  const emails = [...p.emails.map((e) => e.address), p.preferredEmailAddress ?? ""]
  return emails.some((e) => normalizeEmail(e) === email)
}

/** Pages through `people_search?q=` (at most 3 pages of 25) and returns the first result `accept` confirms. */
async function searchVerified(client: ClockworkClient, q: string, accept: (p: CwPerson) => boolean): Promise<CwPerson | undefined> {
  for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
    const { people, total } = await client.searchPeople(q, { limit: PAGE, offset: pageNo * PAGE })
    const hit = people.find(accept)
    if (hit) return hit
    if (people.length < PAGE || (pageNo + 1) * PAGE >= total) return undefined
  }
  return undefined
}

/**
 * Finds a person by any LinkedIn URL shape or email, and says why it matched. LinkedIn URLs are
 * tried first (searched by their public slug), then emails (lower-cased). Search is free text, so
 * every hit is confirmed against the person's own LinkedIn URLs / emails before it counts; the
 * confirmed person is then read in full with `GET /people/:id`. Undefined when nobody matches.
 */
export async function findPerson(
  client: ClockworkClient,
  ids: { linkedinUrls?: string[]; emails?: string[] },
): Promise<{ person: CwPerson; matchedBy: { by: "linkedin_url" | "email"; value: string } } | undefined> {
  const tried = new Set<string>()
  for (const url of ids.linkedinUrls ?? []) {
    const slug = linkedInSlug(url)
    if (!slug || tried.has(`li:${slug}`)) continue
    tried.add(`li:${slug}`)
    const hit = await searchVerified(client, slug, (p) => hasSlug(p, slug))
    if (hit) return { person: (await client.getPerson(hit.id)) ?? hit, matchedBy: { by: "linkedin_url", value: url } }
  }
  for (const raw of ids.emails ?? []) {
    const email = normalizeEmail(raw)
    if (!email || tried.has(`email:${email}`)) continue
    tried.add(`email:${email}`)
    const hit = await searchVerified(client, email, (p) => hasEmail(p, email))
    if (hit) return { person: (await client.getPerson(hit.id)) ?? hit, matchedBy: { by: "email", value: raw } }
  }
  return undefined
}
