// LinkedIn profiles: public `/in/<slug>` pages (logged in or out), Recruiter (`/talent/…`) and
// Sales Navigator (`/sales/…`) profiles, and LinkedIn-like pages that declare a public profile URL
// (the demo pages). Order of trust: JSON-LD, meta tags and <title>, then visible-text landmarks
// (the h1, headings such as "Experience"); `data-*` hooks only as hints; never class names.
import type { CaptureSource, ProfileCaptureInput } from "@shared/capture"
import { linkedInSlug, linkedInUrlForSlug, personKeyFrom } from "@shared/person-key-rules"
import {
  MAX,
  compact,
  educationFrom,
  emailsIn,
  phonesIn,
  positionsFrom,
  sectionByHeading,
  splitHeadline,
  splitName,
} from "./common"
import { attr, clip, documentTitle, httpUrl, linkHref, meta, parentElement, query, queryAll, tagName, text, textLines } from "./dom"
import { personFromJsonLd } from "./schema-org"

export type LinkedInPage = "profile" | "recruiter" | "sales"

/** Which kind of LinkedIn profile a URL shows, or undefined for any other LinkedIn page. */
export function linkedInPageKind(url: URL): LinkedInPage | undefined {
  const path = url.pathname
  if (/^\/in\/[^/]+/i.test(path)) return "profile"
  if (/^\/talent\/(?:[^/]+\/){0,5}profile\/[^/]+/i.test(path) || /^\/recruiter\/profile\//i.test(path)) return "recruiter"
  if (/^\/sales\/(?:lead|people)\/[^/]+/i.test(path)) return "sales"
  return undefined
}

const SOURCE: Record<LinkedInPage, CaptureSource> = { profile: "linkedin", recruiter: "linkedin_recruiter", sales: "sales_navigator" }

/** The public LinkedIn profile URL a page says it *is*: its canonical link or og:url. */
export function canonicalProfile(doc: Document): string | undefined {
  for (const candidate of [linkHref(doc, "canonical"), meta(doc, "og:url")]) {
    const slug = linkedInSlug(candidate)
    if (slug) return linkedInUrlForSlug(slug)
  }
  return undefined
}

/** The public profile URL a page declares: canonical link, og:url, or a "public profile" link. */
export function declaredPublicProfile(doc: Document): string | undefined {
  const canonical = canonicalProfile(doc)
  if (canonical) return canonical
  for (const a of queryAll(doc, 'a[href*="linkedin.com/in/" i]')) {
    const label = `${text(a)} ${attr(a, "aria-label")} ${attr(a, "title")}`.toLowerCase()
    const hinted = a.hasAttribute("data-test-public-profile-link") || /public profile|linkedin profile|view profile on linkedin/.test(label)
    const slug = hinted ? linkedInSlug(attr(a, "href")) : undefined
    if (slug) return linkedInUrlForSlug(slug)
  }
  return undefined
}

const NOT_A_HEADLINE = /^.{0,2}$|^(·\s*)?(1st|2nd|3rd\+?)(\s+degree connection)?$|^(he|she|they)\/(him|her|them)|^contact info$|connections?$|followers?$|^(message|connect|follow|more|open to|save|pending)$/i

/** The name heading: a `data-anonymize` hint (Sales Navigator), else the first h1 of `main`, else the first h1. */
function nameHeading(doc: Document): Element | null {
  return query(doc, '[data-anonymize="person-name"]') ?? query(doc, "main h1") ?? query(doc, "h1")
}

/** Lines of the profile's top card: the heading's closest section (or a few levels up). */
function topCardLines(heading: Element): string[] {
  let card: Element = heading
  for (let i = 0, el = parentElement(heading); el && i < 8; i++, el = parentElement(el)) {
    card = el
    if (tagName(el) === "section" || tagName(el) === "main") break
  }
  return textLines(card)
}

function nameFromTitle(doc: Document): string | undefined {
  // "(3) Jane Cooper | LinkedIn", "Jane Cooper - Staff Engineer - Initech | LinkedIn"
  const raw = meta(doc, "og:title") || documentTitle(doc)
  const cleaned = raw.replace(/^\(\d+\)\s*/, "").replace(/\s*\|\s*LinkedIn.*$/i, "")
  return clip(cleaned.split(" - ")[0], MAX.name)
}

export function extractLinkedIn(doc: Document, url: URL, kind: LinkedInPage): ProfileCaptureInput | undefined {
  const ld = personFromJsonLd(doc)
  const heading = nameHeading(doc)
  const name = clip(ld?.name, MAX.name) ?? clip(heading ? (textLines(heading)[0] ?? text(heading)) : "", MAX.name) ?? nameFromTitle(doc)
  if (!name) return undefined

  const lines = heading ? topCardLines(heading) : []
  const afterName = lines.slice(Math.max(0, lines.indexOf(name)) + 1).filter((l) => !NOT_A_HEADLINE.test(l) && l !== name)
  const hinted = (selector: string, max: number = MAX.field) => {
    const el = query(doc, selector)
    return el ? clip(text(el), max) : undefined
  }
  const headline =
    hinted('[data-anonymize="headline"], [data-test-row-lockup-headline]', MAX.headline) ??
    clip(afterName[0], MAX.headline) ??
    clip(meta(doc, "og:description").split(" · ")[0], MAX.headline)
  const contactIndex = lines.findIndex((l) => /^contact info$/i.test(l))
  const location =
    clip(ld?.location, MAX.field) ??
    hinted('[data-anonymize="location"], [data-test-row-lockup-location]') ??
    (contactIndex > 0 ? clip(lines.slice(0, contactIndex).reverse().find((l) => /\p{L}{2}/u.test(l)), MAX.field) : undefined) ??
    clip(afterName.find((l, i) => i > 0 && /,|\barea\b|\bregion\b/i.test(l) && l.length < 100), MAX.field)

  const positions = positionsFrom(sectionByHeading(doc, ["Experience"]))
  const education = educationFrom(sectionByHeading(doc, ["Education"]))
  const current = positions.find((p) => p.current) ?? positions[0]
  const fromHeadline = splitHeadline(headline ?? "")
  const contact = sectionByHeading(doc, ["Contact info", "Contact information", "Contact"])

  // The public URL: the page's own /in/ URL on linkedin.com, else what the page declares.
  const pageUrl = httpUrl(url.href)
  const ownSlug = url.hostname.endsWith("linkedin.com") && kind === "profile" ? linkedInSlug(url.href) : undefined
  const publicUrl = ownSlug ? linkedInUrlForSlug(ownSlug) : (declaredPublicProfile(doc) ?? ld?.linkedinUrl)
  const emails = [...new Set([...emailsIn(contact), ...(ld?.emails ?? [])])].slice(0, MAX.list)
  const phones = [...new Set([...phonesIn(contact), ...(ld?.phones ?? [])])].slice(0, MAX.list)
  const personKey = personKeyFrom({ linkedinUrl: publicUrl, emails, url: pageUrl })
  if (!personKey) return undefined

  const website = contact ? websiteIn(contact) : undefined
  return compact({
    personKey,
    source: url.hostname.endsWith("linkedin.com") ? SOURCE[kind] : "linkedin",
    url: pageUrl,
    name,
    ...(ld?.firstName || ld?.lastName ? compact({ firstName: ld.firstName, lastName: ld.lastName }) : splitName(name)),
    headline,
    title: clip(ld?.title ?? current?.title ?? fromHeadline.title, MAX.field),
    company: clip(ld?.company ?? current?.company ?? fromHeadline.company, MAX.field),
    location,
    linkedinUrl: publicUrl,
    website,
    biography: clip(aboutText(doc) ?? ld?.biography, MAX.bio),
    emails,
    phones,
    positions: positions.length ? positions : (ld?.positions ?? []),
    education: education.length ? education : (ld?.education ?? []),
  })
}

function aboutText(doc: Document): string | undefined {
  const about = sectionByHeading(doc, ["About"])
  if (!about) return undefined
  const lines = textLines(about).slice(1)
  return lines.length ? lines.join("\n") : undefined
}

/** The first http(s) link under a "Website" heading of the contact section (never `javascript:`). */
function websiteIn(contact: Element): string | undefined {
  const region = sectionByHeading(contact, ["Website", "Websites"])
  if (!region) return undefined
  for (const a of queryAll(region, "a[href]")) {
    const href = httpUrl(attr(a, "href"))
    if (href && !linkedInSlug(href)) return href
  }
  return undefined
}
