import type { ClockworkPersonSummary } from "@shared/api"
import { ClockworkPersonSnapshotSchema, type ClockworkPersonSnapshot, type MatchReason } from "@shared/clockwork"
import type { CwAddress, CwPerson, CwPosition } from "./schemas"
import { InvalidResponse } from "./errors"

const FIELD_MAX = 2000
const CUSTOM_ID_RE = /^[A-Za-z0-9_-]{1,64}$/

/** Trimmed non-empty string, clipped to `max`, or undefined. */
function clean(v: string | null | undefined, max = FIELD_MAX): string | undefined {
  const t = v?.trim()
  return t ? t.slice(0, max) : undefined
}

/** The person's display name: `name`, else first + last. */
export function personName(p: CwPerson): string {
  return clean(p.name, 300) ?? clean([p.firstName, p.lastName].filter(Boolean).join(" "), 300) ?? ""
}

/**
 * The current position: the first one flagged current (`isCurrent` or `type: "current"`), else the
 * first without an end year. Undefined when every position has ended.
 */
export function currentPosition(p: CwPerson): CwPosition | undefined {
  return p.positions.find((x) => x.isCurrent === true || x.type === "current") ?? p.positions.find(isCurrentPosition)
}

/** Whether a position is current: flagged so, or unflagged and without an end year. */
export function isCurrentPosition(x: CwPosition): boolean {
  return x.isCurrent === true || x.type === "current" || (x.isCurrent === null && x.type === null && x.endYear === null)
}

/** Company name of a position, from `companyName` or the embedded `company`. */
export function companyOf(pos: CwPosition | undefined): string | undefined {
  return clean(pos?.companyName) ?? clean(pos?.company?.name)
}

/** The preferred address, else the first. */
function preferredAddress(p: CwPerson): CwAddress | undefined {
  return p.addresses.find((a) => a.isPreferred) ?? p.addresses[0]
}

/**
 * A one-line location: "city, state, country" of the preferred address (blank parts skipped),
 * else its formatted address, else the person's `preferredAddress` string. Writing
 * `{ city: "<location>" }` reads back as the same string.
 */
export function locationOf(p: CwPerson): string | undefined {
  const a = preferredAddress(p)
  const parts = a ? [a.city, a.state, a.country].map((x) => clean(x)).filter((x): x is string => !!x) : []
  if (parts.length) return parts.join(", ")
  return clean(a?.formattedAddress) ?? clean(a?.street) ?? clean(p.preferredAddress)
}

/** Whether the person has a résumé attachment. */
export function hasResume(p: CwPerson): boolean {
  return p.attachments.some((a) => (a.attachmentType ?? "").toLowerCase() === "resume")
}

/** Clockwork's UI link to a person (`https://{firm}.clockworkrecruiting.com/firm/people/{id}`). */
export function personUrl(firm: string, id: string): string {
  return `https://${firm}.clockworkrecruiting.com/firm/people/${encodeURIComponent(id)}`
}

/** Why the person is Do Not Contact, when Clockwork (or the sandbox) says; a generic reason for the bare flag. */
function dncReason(p: CwPerson): string | undefined {
  if (!p.doNotContact) return undefined
  return clean(p.doNotContactReason, 500) ?? "Marked Do Not Contact in Clockwork"
}

/**
 * Converts a Clockwork person into the shared ClockworkPersonSnapshot the resolver reads:
 * name/firstName/lastName/biography, title and company of the current position, location of the
 * preferred address, `custom:<id>` values, the list fields, tag names, Do Not Contact (with its
 * reason) and `hasCv` (a résumé attachment, unless `extra.hasCv` says otherwise).
 * Pass `extra.firm` to get the Clockwork UI link in `url`.
 */
export function toSnapshot(person: CwPerson, extra: { matchedBy?: MatchReason; hasCv?: boolean; firm?: string } = {}): ClockworkPersonSnapshot {
  const pos = currentPosition(person)
  const fields: Record<string, string | undefined> = {
    name: personName(person) || undefined,
    firstName: clean(person.firstName),
    lastName: clean(person.lastName),
    biography: clean(person.biography),
    title: clean(pos?.title),
    company: companyOf(pos),
    location: locationOf(person),
  }
  for (const cf of person.customFieldValues) {
    const value = clean(cf.value)
    if (CUSTOM_ID_RE.test(cf.customFieldId) && value) fields[`custom:${cf.customFieldId}`] = value
  }
  const strings = (xs: (string | null | undefined)[], max: number) => xs.map((x) => clean(x, max)).filter((x): x is string => !!x && x.length <= max)
  const snapshot = ClockworkPersonSnapshotSchema.safeParse({
    id: person.id,
    name: personName(person),
    fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    emails: strings(person.emails.map((e) => e.address), 320),
    phones: strings(person.phoneNumbers.map((p) => (p.extension ? `${p.digits} x${p.extension}` : p.digits)), 50),
    linkedinUrls: strings(person.linkedinUrls.map((l) => l.url), 2048),
    websites: strings(person.webSites.map((w) => w.url), 2048),
    tags: strings(person.tags.map((t) => t.name), 100),
    doNotContact: person.doNotContact,
    doNotContactReason: dncReason(person),
    hasCv: extra.hasCv ?? hasResume(person),
    matchedBy: extra.matchedBy,
    url: extra.firm ? personUrl(extra.firm, person.id) : undefined,
  })
  // NOTE: a person beyond the snapshot's limits (e.g. an id over 100 characters) is Clockwork's
  // answer being unusable, not our bug; the message names the paths only, never the values.
  if (!snapshot.success) {
    const where = snapshot.error.issues.slice(0, 3).map((i) => i.path.join(".") || "(root)").join(", ")
    throw new InvalidResponse(`Clockwork's person record does not fit Cogsync's limits (${where})`)
  }
  return snapshot.data
}

/** Converts to the shared ClockworkPersonSummary (the "In Clockwork" badge). */
export function toSummary(person: CwPerson, matchedBy: MatchReason, firm: string): ClockworkPersonSummary {
  const pos = currentPosition(person)
  return {
    id: person.id,
    name: personName(person),
    title: clean(pos?.title) ?? null,
    company: companyOf(pos) ?? null,
    doNotContact: person.doNotContact,
    doNotContactReason: dncReason(person) ?? null,
    matchedBy,
    url: personUrl(firm, person.id),
  }
}
