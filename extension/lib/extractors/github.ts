// GitHub user pages (`github.com/<login>`): schema.org microdata (`itemprop`) that GitHub renders on
// the profile's vcard, then meta tags. Organisation and repository pages are not profiles.
import type { ProfileCaptureInput } from "@shared/capture"
import { linkedInSlug, linkedInUrlForSlug, normalizeEmail, personKeyFrom, toPersonKey } from "@shared/person-key-rules"
import { MAX, compact, splitName } from "./common"
import { attr, clip, httpUrl, meta, query, queryAll, text } from "./dom"

/** Whether the page is a user's profile (not an organisation, repository or settings page). */
function isUserProfile(doc: Document): boolean {
  const scopes = queryAll(doc, "[itemscope][itemtype]").map((el) => attr(el, "itemtype"))
  if (scopes.some((t) => /schema\.org\/Organization$/i.test(t))) return false
  if (scopes.some((t) => /schema\.org\/Person$/i.test(t))) return true
  return meta(doc, "og:type") === "profile" && meta(doc, "profile:username") !== ""
}

export function extractGitHub(doc: Document, url: URL): ProfileCaptureInput | undefined {
  const pageKey = toPersonKey(url.href)
  if (!pageKey?.startsWith("gh:") || !isUserProfile(doc)) return undefined
  const login = pageKey.slice(3)
  const scope = queryAll(doc, "[itemscope][itemtype]").find((el) => /schema\.org\/Person$/i.test(attr(el, "itemtype"))) ?? doc
  const prop = (name: string) => query(scope, `[itemprop~="${name}"]`)

  const name = clip(text(prop("name")), MAX.name) ?? login
  const bioEl = query(doc, "[data-bio-text]") ?? prop("description")
  const bio = clip(bioEl ? (attr(bioEl, "data-bio-text") || text(bioEl)) : meta(doc, "description"), MAX.bio)
  const company = clip(text(prop("worksFor")).replace(/^@/, ""), MAX.field)
  const location = clip(text(prop("homeLocation")), MAX.field)

  const emailEl = prop("email")
  const emailLink = emailEl ? query(emailEl, 'a[href^="mailto:" i]') : null
  const email = normalizeEmail(emailLink ? attr(emailLink, "href") : emailEl ? text(emailEl) : "")

  const urlEl = prop("url")
  const urlLink = urlEl ? (query(urlEl, "a[href]") ?? urlEl) : null
  const website = urlLink ? httpUrl(attr(urlLink, "href") || text(urlLink)) : undefined

  const social = queryAll(scope, '[itemprop~="social"] a[href], a[rel~="me"][href]').map((a) => attr(a, "href"))
  const slug = [website ?? "", ...social].map((href) => linkedInSlug(href)).find(Boolean)
  const linkedinUrl = slug ? linkedInUrlForSlug(slug) : undefined

  const emails = email ? [email] : []
  const pageUrl = httpUrl(url.href)
  const personKey = personKeyFrom({ linkedinUrl, emails, url: pageUrl })
  if (!personKey) return undefined
  return compact({
    personKey,
    source: "github" as const,
    url: pageUrl,
    name,
    ...splitName(name === login ? "" : name),
    headline: clip(bio?.split("\n")[0], MAX.headline),
    company,
    location,
    linkedinUrl,
    website: website && !linkedInSlug(website) ? website : pageUrl,
    biography: bio,
    emails,
    phones: [],
    positions: [],
    education: [],
  })
}
