import { LOCATION_TYPES } from "./defaults"
import type { AttachmentRec, CandidacyRec, CompanyRec, FirmState, NoteRec, PersonRec, PositionRec } from "./state"

/** Clockwork's timestamp format: "YYYY-MM-DD HH:MM:SS" (UTC). */
export function cwTime(iso: string): string {
  return iso.replace("T", " ").slice(0, 19)
}

/** YYYY-MM-DD of a date (UTC). */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10)
}

/** Whether a company's Do Not Contact label is in force on `day` (YYYY-MM-DD; start and end inclusive). */
export function companyDncActive(c: CompanyRec, day: string): boolean {
  const dnc = c.doNotContact
  if (!dnc) return false
  return (!dnc.startDate || dnc.startDate <= day) && (!dnc.endDate || day <= dnc.endDate)
}

/** A position with no end date counts as current (CW-210: "currently employed"). */
export function isCurrent(p: PositionRec): boolean {
  return p.endYear === null && p.endMonth === null
}

/**
 * Effective Do Not Contact of a person (assumption, see docs): their own flag, or a current
 * position at a company whose Do Not Contact label is in force. Says why.
 */
export function personDnc(s: FirmState, p: PersonRec, day: string): { doNotContact: boolean; reason: string | null; source: "person" | "company" | null; companyId: string | null } {
  if (p.doNotContact) return { doNotContact: true, reason: "Marked Do Not Contact", source: "person", companyId: null }
  for (const pos of p.positions) {
    const company = s.companies[pos.companyId]
    if (company && isCurrent(pos) && companyDncActive(company, day)) {
      const dnc = company.doNotContact!
      const until = dnc.endDate ? ` until ${dnc.endDate}` : ""
      return {
        doNotContact: true,
        reason: `Works at ${company.name}, which is Do Not Contact${until}: ${dnc.reason}`,
        source: "company",
        companyId: company.id,
      }
    }
  }
  return { doNotContact: false, reason: null, source: null, companyId: null }
}

const locationTypeId = (location: string | null) => (location ? (LOCATION_TYPES[location.toLowerCase()] ?? LOCATION_TYPES.other!) : null)

/** A position as the API answers it (v1 fields plus v3 `type`/`startDate`). */
export function positionJson(s: FirmState, p: PositionRec) {
  const company = s.companies[p.companyId]
  const date = (y: number | null, m: number | null) => (y ? `${y}-${String(m ?? 1).padStart(2, "0")}-01 00:00:00` : null)
  return {
    id: p.id,
    title: p.title,
    companyId: p.companyId,
    companyName: company?.name ?? null,
    company: company ? { id: company.id, name: company.name } : null,
    startMonth: p.startMonth,
    startYear: p.startYear,
    endMonth: p.endMonth,
    endYear: p.endYear,
    startDate: date(p.startYear, p.startMonth),
    endDate: date(p.endYear, p.endMonth),
    isCurrent: isCurrent(p),
    type: isCurrent(p) ? "current" : "past",
    createdAt: cwTime(p.createdAt),
    updatedAt: cwTime(p.updatedAt),
  }
}

/** An attachment as the API answers it. */
export function attachmentJson(a: AttachmentRec) {
  return {
    id: a.id,
    attachmentType: a.attachmentType,
    fileName: a.fileName,
    contentType: a.contentType,
    fileSize: a.fileSize,
    url: a.url,
    isPreferred: a.isPreferred,
    createdAt: cwTime(a.createdAt),
    updatedAt: cwTime(a.updatedAt),
  }
}

/** Formatted one-line address. */
function formatAddress(a: { street: string | null; street2: string | null; city: string | null; state: string | null; postalCode: string | null; country: string | null }): string {
  const cityLine = [a.city, [a.state, a.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ")
  return [a.street, a.street2, cityLine, a.country].filter(Boolean).join(", ")
}

const stamps = (r: { createdAt: string; updatedAt: string }) => ({ createdAt: cwTime(r.createdAt), updatedAt: cwTime(r.updatedAt) })

/** Sub-record serialisers, shared by the person document and the sub-resource POST answers. */
export const sub = {
  email: (e: PersonRec["emails"][number]) => ({ id: e.id, address: e.address, location: e.location, locationTypeId: locationTypeId(e.location), isPreferred: e.isPreferred, ...stamps(e) }),
  phone: (p: PersonRec["phoneNumbers"][number]) => ({
    id: p.id,
    digits: p.digits,
    extension: p.extension,
    location: p.location,
    locationTypeId: locationTypeId(p.location),
    isPreferred: p.isPreferred,
    ...stamps(p),
  }),
  address: (s: FirmState, a: PersonRec["addresses"][number]) => ({
    id: a.id,
    street: a.street,
    street2: a.street2,
    city: a.city,
    state: a.state,
    postalCode: a.postalCode,
    country: a.country,
    location: a.location,
    locationTypeId: locationTypeId(a.location),
    regionId: a.regionId,
    regionName: a.regionId ? (s.regions[a.regionId]?.name ?? null) : null,
    formattedAddress: formatAddress(a),
    isPreferred: a.isPreferred,
    ...stamps(a),
  }),
  linkedinUrl: (l: PersonRec["linkedinUrls"][number]) => ({ id: l.id, url: l.url, isPreferred: l.isPreferred, ...stamps(l) }),
  webSite: (w: PersonRec["webSites"][number]) => ({ id: w.id, url: w.url, location: w.location, isPreferred: w.isPreferred, ...stamps(w) }),
  education: (e: PersonRec["education"][number]) => ({
    id: e.id,
    degree: e.degree,
    startYear: e.startYear,
    endYear: e.endYear,
    school: { id: `school-${e.schoolName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`, name: e.schoolName },
    ...stamps(e),
  }),
  tag: (s: FirmState, t: PersonRec["tags"][number]) => ({ id: t.id, tagId: t.tagId, name: s.tags[t.tagId]?.name ?? null }),
}

/** A person document as `GET /people/:id`, `GET /people` and `people_search` answer it. */
export function personJson(s: FirmState, p: PersonRec, day: string) {
  const dnc = personDnc(s, p, day)
  const preferred = <T extends { isPreferred: boolean }>(xs: T[]) => xs.find((x) => x.isPreferred) ?? xs[0]
  const prefAddress = preferred(p.addresses)
  const prefPhone = preferred(p.phoneNumbers)
  return {
    id: p.id,
    name: p.name,
    firstName: p.firstName,
    lastName: p.lastName,
    middleName: p.middleName,
    prefix: p.prefix,
    suffix: p.suffix,
    nickName: p.nickName,
    biography: p.biography,
    assistantName: p.assistantName,
    skypeName: p.skypeName,
    doNotContact: dnc.doNotContact,
    doNotContactReason: dnc.reason,
    doNotContactSource: dnc.source,
    doNotContactCompanyId: dnc.companyId,
    noRelocation: p.noRelocation,
    ...stamps(p),
    preferredEmailAddress: preferred(p.emails)?.address ?? null,
    preferredPhoneNumber: prefPhone ? prefPhone.digits : null,
    preferredLinkedinUrl: preferred(p.linkedinUrls)?.url ?? null,
    preferredWebSite: preferred(p.webSites)?.url ?? null,
    preferredAddress: prefAddress ? formatAddress(prefAddress) : null,
    emails: p.emails.map(sub.email),
    phoneNumbers: p.phoneNumbers.map(sub.phone),
    addresses: p.addresses.map((a) => sub.address(s, a)),
    linkedinUrls: p.linkedinUrls.map(sub.linkedinUrl),
    webSites: p.webSites.map(sub.webSite),
    positions: p.positions.map((x) => positionJson(s, x)),
    education: p.education.map(sub.education),
    tags: p.tags.map((t) => sub.tag(s, t)),
    customFieldValues: Object.entries(p.customFieldValues).map(([id, value]) => ({ customFieldId: id, name: s.customFields[id]?.name ?? null, value })),
    attachments: p.attachments.map(attachmentJson),
  }
}

/** A note as the API answers it; `type` is the note type's name (Clockwork's "category"). */
export function noteJson(s: FirmState, n: NoteRec) {
  return {
    id: n.id,
    type: n.noteTypeId ? (s.noteTypes[n.noteTypeId]?.name ?? null) : null,
    noteTypeId: n.noteTypeId,
    subject: n.subject,
    content: n.content,
    contentType: n.contentType,
    personId: n.personId,
    entityId: n.personId,
    ...stamps(n),
  }
}

/** A company, with its Do Not Contact label (exposure on the real API is an assumption). */
export function companyJson(c: CompanyRec, day: string) {
  return {
    id: c.id,
    name: c.name,
    doNotContact: companyDncActive(c, day),
    doNotContactReason: c.doNotContact?.reason ?? null,
    doNotContactStartDate: c.doNotContact?.startDate ?? null,
    doNotContactEndDate: c.doNotContact?.endDate ?? null,
    ...stamps(c),
  }
}

/** A candidacy in camelCase, as the candidacies endpoints answer it (optionally with the person embedded). */
export function candidacyJson(c: CandidacyRec) {
  return {
    id: c.id,
    personId: c.personId,
    projectId: c.projectId,
    statusId: c.statusId,
    rank: c.rank,
    stoplightStatus: c.stoplightStatus,
    colorCategory: null,
    overviewNoteId: null,
    assessmentNoteId: null,
    nextStepsNoteId: null,
    createdUserId: null,
    ...stamps(c),
  }
}

/** The snake_case candidacy of a `candidacy_updated` webhook payload (clockwork-api.md §4.3, §7). */
export function candidacyWebhookJson(c: CandidacyRec) {
  return {
    id: c.id,
    person_id: c.personId,
    project_id: c.projectId,
    status_id: c.statusId,
    rank: c.rank,
    stoplight_status: c.stoplightStatus,
    color_category: null,
    overview_note_id: null,
    assessment_note_id: null,
    next_steps_note_id: null,
    created_user_id: null,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    updated_at_display: c.updatedAt,
  }
}
