// schema.org `Person` pages (personal sites, about pages): JSON-LD first, microdata second.
import type { Education, Position, ProfileCaptureInput } from "@shared/capture"
import { linkedInSlug, linkedInUrlForSlug, normalizeEmail, personKeyFrom } from "@shared/person-key-rules"
import { MAX, compact, splitName, unique } from "./common"
import { attr, clip, hasType, httpUrl, jsonLdObjects, query, queryAll, text } from "./dom"

/** The fields a schema.org Person gives, already clipped to capture limits. */
export interface PersonFacts {
  name?: string
  firstName?: string
  lastName?: string
  title?: string
  company?: string
  location?: string
  biography?: string
  emails: string[]
  phones: string[]
  website?: string
  linkedinUrl?: string
  positions: Position[]
  education: Education[]
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined)
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])
const nameOf = (v: unknown): string | undefined =>
  str(v) ?? (v && typeof v === "object" ? str((v as Record<string, unknown>)["name"]) : undefined)

function placeOf(v: unknown): string | undefined {
  if (typeof v === "string") return v
  if (!v || typeof v !== "object") return undefined
  const o = v as Record<string, unknown>
  const address = o["address"] && typeof o["address"] === "object" ? (o["address"] as Record<string, unknown>) : o
  const parts = [address["addressLocality"], address["addressRegion"], address["addressCountry"]].map(nameOf).filter(Boolean)
  return parts.length ? parts.join(", ") : nameOf(o)
}

/** Reads the first JSON-LD `Person` of the page, if any. */
export function personFromJsonLd(doc: Document): PersonFacts | undefined {
  const person = jsonLdObjects(doc).find((o) => hasType(o, "Person"))
  if (!person) return undefined
  const name = clip(str(person["name"]), MAX.name)
  const sameAs = list(person["sameAs"]).map(str).filter((s): s is string => !!s)
  const linkedin = sameAs.map((s) => linkedInSlug(s)).find(Boolean)
  const jobTitles = list(person["jobTitle"]).map(str).filter((s): s is string => !!s)
  const employers = list(person["worksFor"]).map(nameOf).filter((s): s is string => !!s)
  const education = list(person["alumniOf"])
    .map((o) => clip(nameOf(o), MAX.field))
    .filter((s): s is string => !!s)
    .slice(0, MAX.education)
    .map((school) => ({ school }))
  const title = clip(jobTitles[0], MAX.field)
  const company = clip(employers[0], MAX.field)
  const website = httpUrl(str(person["url"]) ?? "")
  return {
    ...compact({
      name,
      firstName: clip(str(person["givenName"]), MAX.part),
      lastName: clip(str(person["familyName"]), MAX.part),
      title,
      company,
      location: clip(placeOf(person["address"]) ?? placeOf(person["homeLocation"]), MAX.field),
      biography: clip(str(person["description"]), MAX.bio),
      website: website && !linkedInSlug(website) ? website : undefined,
      linkedinUrl: linkedin ? linkedInUrlForSlug(linkedin) : undefined,
    }),
    emails: unique(list(person["email"]).map((e) => normalizeEmail(str(e) ?? "")).filter((e): e is string => !!e)).slice(0, MAX.list),
    phones: unique(list(person["telephone"]).map((p) => clip(str(p), MAX.phone)).filter((p): p is string => !!p && p.length >= 3)).slice(0, MAX.list),
    positions: title ? [compact({ title, company, current: true })] : [],
    education,
  }
}

/** Reads an `itemscope itemtype=…/Person` block (microdata), if any. */
export function personFromMicrodata(doc: Document): PersonFacts | undefined {
  const scope = queryAll(doc, "[itemscope][itemtype]").find((el) => /schema\.org\/Person$/i.test(attr(el, "itemtype")))
  if (!scope) return undefined
  const prop = (name: string) => query(scope, `[itemprop~="${name}"]`)
  const name = clip(text(prop("name")), MAX.name)
  const email = prop("email")
  const emailValue = email ? attr(email, "href") || text(email) : ""
  const url = prop("url")
  const website = url ? httpUrl(attr(url, "href") || text(url)) : undefined
  const title = clip(text(prop("jobTitle")), MAX.field)
  const company = clip(text(prop("worksFor")), MAX.field)
  return {
    ...compact({
      name,
      title,
      company,
      location: clip(text(prop("address")) || text(prop("homeLocation")), MAX.field),
      biography: clip(text(prop("description")), MAX.bio),
      website,
    }),
    emails: [normalizeEmail(emailValue)].filter((e): e is string => !!e),
    phones: [clip(text(prop("telephone")), MAX.phone)].filter((p): p is string => !!p && p.length >= 3),
    positions: title ? [compact({ title, company, current: true })] : [],
    education: [],
  }
}

/** A personal page describing one schema.org Person; undefined when the page has none. */
export function extractSchemaOrg(doc: Document, url: URL): ProfileCaptureInput | undefined {
  const facts = personFromJsonLd(doc) ?? personFromMicrodata(doc)
  if (!facts?.name) return undefined
  const pageUrl = httpUrl(url.href)
  const personKey = personKeyFrom({ linkedinUrl: facts.linkedinUrl, emails: facts.emails, url: pageUrl })
  if (!personKey) return undefined
  const names = facts.firstName || facts.lastName ? {} : splitName(facts.name)
  return compact({
    ...facts,
    ...names,
    name: facts.name,
    personKey,
    source: "schema_org" as const,
    url: pageUrl,
    website: facts.website ?? pageUrl,
    headline: facts.title && facts.company ? clip(`${facts.title} at ${facts.company}`, MAX.headline) : facts.title,
  })
}
