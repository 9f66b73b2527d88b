// Helpers shared by the extractors: sections found by their visible heading, dates, names,
// emails and phones. Everything reads text, never markup.
import type { Education, Position } from "@shared/capture"
import { CAPTURE_LIMITS } from "@shared/capture-limits"
import { normalizeEmail } from "@shared/person-key-rules"
import { attr, clip, closest, contains, parentElement, queryAll, tagName, text, textLines } from "./dom"

/** Capture limits of `ProfileCaptureSchema`, so a capture never fails validation for length. */
export const MAX = CAPTURE_LIMITS

/**
 * The page region introduced by a heading whose text is one of `names` (case-insensitive): the
 * closest `section` around the heading, else the heading's parent. Class names are never used.
 */
export function sectionByHeading(root: ParentNode, names: readonly string[]): Element | undefined {
  const wanted = new Set(names.map((n) => n.toLowerCase()))
  for (const heading of queryAll(root, 'h1, h2, h3, [role="heading"]')) {
    const label = textLines(heading)[0] ?? ""
    if (!wanted.has(label.toLowerCase())) continue
    const region = regionOf(heading, label)
    if (region) return region
  }
  return undefined
}

/** The region a heading introduces: its closest section, article or dialog; else the first ancestor with more text than the heading. */
function regionOf(heading: Element, label: string): Element | undefined {
  let fallback: Element | undefined
  for (let el = parentElement(heading), depth = 0; el && depth < 10; el = parentElement(el), depth++) {
    const tag = tagName(el)
    if (tag === "section" || tag === "article" || tag === "dialog" || attr(el, "role") === "dialog") return el
    if (!fallback && text(el).length > label.length + 2) fallback = el
  }
  return fallback
}

/** Top-level list items of a region (items nested in another item are that item's roles). */
export function topLevelItems(region: Element): Element[] {
  return queryAll(region, "li").filter((li) => {
    const parent = parentElement(li)
    const outer = parent ? closest(parent, "li") : null
    return !outer || !contains(region, outer)
  })
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
const DATE = String.raw`(?:([A-Za-z]{3,9})\.?\s+)?((?:19|20)\d{2})`
const RANGE_RE = new RegExp(`${DATE}\\s*(?:[-–—]|to)\\s*(?:${DATE}|(present|now|current|today))`, "i")
const SINGLE_RE = new RegExp(`^${DATE}$`, "i")

export interface DateRange {
  startYear?: number
  startMonth?: number
  endYear?: number
  endMonth?: number
  current?: boolean
}

function month(name: string | undefined): number | undefined {
  if (!name) return undefined
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase())
  return i >= 0 ? i + 1 : undefined
}

/** "Mar 2021 - Present · 3 yrs", "2012 – 2016", "Jan 2019 - Dec 2020". */
export function parseDateRange(input: string): DateRange | undefined {
  const m = RANGE_RE.exec(input)
  if (m) {
    const range: DateRange = { startYear: Number(m[2]) }
    const sm = month(m[1])
    if (sm) range.startMonth = sm
    if (m[5]) range.current = true
    else if (m[4]) {
      range.endYear = Number(m[4])
      const em = month(m[3])
      if (em) range.endMonth = em
    }
    return range
  }
  const single = SINGLE_RE.exec(input.trim())
  if (single) return { startYear: Number(single[2]) }
  return undefined
}

const isDateLine = (line: string) => parseDateRange(line) !== undefined || /^\d+\s+(yrs?|years?|mos?|months?)\b/i.test(line)

/** Drops "· Full-time"-style suffixes from a company line. */
function companyOf(line: string): string {
  return line.split(" · ")[0]!.trim()
}

function dated<T extends object>(base: T, range: DateRange | undefined, keys: readonly (keyof DateRange)[]): T {
  const out = { ...base } as Record<string, unknown>
  for (const k of keys) if (range?.[k] !== undefined) out[k] = range[k]
  return out as T
}

const hasRange = (lines: readonly string[]) => RANGE_RE.test(lines.join(" "))

/**
 * Positions from an "Experience" region: one per item; an item without dates of its own whose
 * nested items carry dates is a company with several roles.
 */
export function positionsFrom(region: Element | undefined): Position[] {
  if (!region) return []
  const positions: Position[] = []
  for (const item of topLevelItems(region)) {
    const own = textLines(item, { skipNestedItems: true })
    const roles = queryAll(item, "li").filter((li) => li !== item && hasRange(textLines(li, { skipNestedItems: true })))
    if (roles.length > 0 && !hasRange(own)) {
      const company = clip(companyOf(meaningful(own)[0] ?? ""), MAX.field)
      for (const role of roles) {
        const p = positionFromLines(textLines(role, { skipNestedItems: true }), company)
        if (p) positions.push(p)
      }
    } else {
      const p = positionFromLines(own)
      if (p) positions.push(p)
    }
    if (positions.length >= MAX.positions) break
  }
  return positions.slice(0, MAX.positions)
}

/** Drops leading blocks with fewer than two letters (logo initials, separators). */
const meaningful = (lines: string[]) => lines.slice(Math.max(0, lines.findIndex((l) => /\p{L}.*\p{L}/u.test(l))))

function positionFromLines(all: string[], groupCompany?: string): Position | undefined {
  const lines = meaningful(all)
  const title = clip(lines[0], MAX.field)
  if (!title || isDateLine(title)) return undefined
  const range = parseDateRange(lines.join(" "))
  let company = groupCompany
  if (!company && lines[1] && !isDateLine(lines[1])) company = clip(companyOf(lines[1]), MAX.field)
  const base: Position = company ? { title, company } : { title }
  return dated(base, range, ["startYear", "startMonth", "endYear", "endMonth", "current"])
}

/** Education entries from an "Education" region. */
export function educationFrom(region: Element | undefined): Education[] {
  if (!region) return []
  const out: Education[] = []
  for (const item of topLevelItems(region)) {
    const lines = meaningful(textLines(item, { skipNestedItems: true }))
    const school = clip(lines[0], MAX.field)
    if (!school || isDateLine(school)) continue
    const degree = lines[1] && !isDateLine(lines[1]) ? clip(lines[1], MAX.field) : undefined
    const range = parseDateRange(lines.join(" "))
    out.push(dated(degree ? { school, degree } : { school }, range, ["startYear", "endYear"]))
    if (out.length >= MAX.education) break
  }
  return out
}

const EMAIL_IN_TEXT = /[^\s@<>()[\],;:"']+@[^\s@<>()[\],;:"']+\.[A-Za-z]{2,}/g
const PHONE_RE = /^\+?[\d\s().-]{7,30}$/

/** Emails from `mailto:` links and from the text of a region; normalised, unique. */
export function emailsIn(region: Element | undefined): string[] {
  if (!region) return []
  const found: string[] = []
  for (const a of queryAll(region, 'a[href^="mailto:" i]')) found.push(attr(a, "href").replace(/^mailto:/i, "").split("?")[0] ?? "")
  for (const m of text(region).matchAll(EMAIL_IN_TEXT)) found.push(m[0])
  return unique(found.map((e) => normalizeEmail(e)).filter((e): e is string => !!e && e.length <= MAX.email)).slice(0, MAX.list)
}

/** Phones from `tel:` links and from lines that look like a phone number. */
export function phonesIn(region: Element | undefined): string[] {
  if (!region) return []
  const found: string[] = []
  for (const a of queryAll(region, 'a[href^="tel:" i]')) found.push(decodeSafe(attr(a, "href").replace(/^tel:/i, "")))
  for (const line of textLines(region)) {
    const candidate = line.replace(/\s*\((mobile|work|home|other)\)\s*$/i, "").trim()
    if (PHONE_RE.test(candidate) && (candidate.match(/\d/g)?.length ?? 0) >= 7) found.push(candidate)
  }
  return unique(found.map((p) => p.trim()).filter((p) => p.length >= 3 && p.length <= MAX.phone)).slice(0, MAX.list)
}

function decodeSafe(v: string): string {
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

export function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)]
}

/** First and last name from a full name ("Jane Cooper" → Jane / Cooper); undefined parts for one word. */
export function splitName(full: string): { firstName?: string; lastName?: string } {
  const parts = full
    .replace(/,.*$/, "") // ", PhD", ", MBA"
    .trim()
    .split(/\s+/)
    .filter(Boolean)
  if (parts.length < 2) return {}
  const firstName = clip(parts[0], MAX.part)
  const lastName = clip(parts.slice(1).join(" "), MAX.part)
  return { ...(firstName ? { firstName } : {}), ...(lastName ? { lastName } : {}) }
}

/** "Staff Engineer at Initech" → title and company. */
export function splitHeadline(headline: string): { title?: string; company?: string } {
  const m = /^(.{2,}?)\s+(?:at|@)\s+(.{2,})$/i.exec(headline.split(/\s[|·]\s/)[0] ?? "")
  if (!m) return {}
  return { title: m[1]!.trim(), company: m[2]!.trim() }
}

/** Removes keys whose value is undefined (the capture type uses exact optional properties). */
export function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T
}
