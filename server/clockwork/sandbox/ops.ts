import { linkedInSlug } from "@shared/person-key"
import type * as z from "zod"
import { invalid, notFound } from "./api-error"
import type {
  AddressBody,
  AttachmentBody,
  CandidacyCreateBody,
  CandidacyUpdateBody,
  EducationBody,
  EmailBody,
  LinkedinUrlBody,
  NoteBody,
  PersonCreateBody,
  PersonUpdateBody,
  PhoneBody,
  PositionBody,
  WebSiteBody,
} from "./bodies"
import { DEFAULT_CANDIDATE_STATUS } from "./defaults"
import type { AttachmentRec, CandidacyRec, Collection, CompanyRec, FirmState, NamedRec, NoteRec, PersonRec, PositionRec, Stamped } from "./state"

/**
 * The sandbox's writes. Each takes a firm, a context (clock, id source) and an already-validated
 * body, checks references (422 naming the field, 404 for a missing parent), and mutates the firm.
 */
export interface OpContext {
  now: Date
  newId: () => string
  /** Records every record a write created, changed or deleted (persistence saves exactly these). */
  touch: (collection: Collection, id: string) => void
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Fresh id and timestamps for a new record. */
function stamp(ctx: OpContext): Stamped {
  const at = ctx.now.toISOString()
  return { id: ctx.newId(), createdAt: at, updatedAt: at }
}

const nul = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v)
const lower = (v: string | null | undefined) => (v ? v.toLowerCase() : null)

/** The person, or a 404. */
export function getPerson(s: FirmState, id: string): PersonRec {
  const p = s.people[id]
  if (!p) throw notFound("Person", id)
  return p
}

/** Marks the person updated (and changed, for persistence). */
function touch(p: PersonRec, ctx: OpContext): void {
  p.updatedAt = ctx.now.toISOString()
  ctx.touch("people", p.id)
}

/** Whether the new item of a list becomes the preferred one (the first always does). */
function preferNew<T extends { isPreferred: boolean }>(list: T[], asked: boolean | undefined): boolean {
  if (asked) {
    for (const x of list) x.isPreferred = false
    return true
  }
  return list.length === 0
}

/** Splits "Jane Q. Cooper" into first and last name. */
function splitName(name: string): { firstName: string | null; lastName: string | null } {
  const parts = name.trim().split(/\s+/)
  if (parts.length === 1) return { firstName: parts[0] ?? null, lastName: null }
  return { firstName: parts.slice(0, -1).join(" "), lastName: parts.at(-1) ?? null }
}

/** Resolves a tag by id or a 422 on `field`. */
function tagById(s: FirmState, id: string, field: string): NamedRec {
  const tag = s.tags[id]
  if (!tag) throw invalid(field, `no tag with id ${JSON.stringify(id)}`)
  return tag
}

/** The tag with this name (case-insensitive), created when missing. */
export function ensureTag(s: FirmState, ctx: OpContext, name: string): { tag: NamedRec; created: boolean } {
  const found = Object.values(s.tags).find((t) => t.name.toLowerCase() === name.trim().toLowerCase())
  if (found) return { tag: found, created: false }
  const tag = { id: ctx.newId(), name: name.trim() }
  s.tags[tag.id] = tag
  ctx.touch("tags", tag.id)
  return { tag, created: true }
}

/** The company with this name (case-insensitive), created when missing. */
export function ensureCompany(s: FirmState, ctx: OpContext, name: string): CompanyRec {
  const found = Object.values(s.companies).find((c) => c.name.toLowerCase() === name.trim().toLowerCase())
  if (found) return found
  const company: CompanyRec = { ...stamp(ctx), name: name.trim(), doNotContact: null }
  s.companies[company.id] = company
  ctx.touch("companies", company.id)
  return company
}

/** Applies custom field values (null clears); unknown field ids are a 422. */
function applyCustomValues(s: FirmState, p: PersonRec, values: { customFieldId: string; value: string | null }[] | undefined, field: string): void {
  for (const [i, v] of (values ?? []).entries()) {
    if (!s.customFields[v.customFieldId]) throw invalid(`${field}.${i}.customFieldId`, `no custom field with id ${JSON.stringify(v.customFieldId)}`)
    if (v.value === null || v.value.trim() === "") delete p.customFieldValues[v.customFieldId]
    else p.customFieldValues[v.customFieldId] = v.value.trim()
  }
}

/** `POST /people`. A name (or first/last name) is required; tag names that do not exist are created. `id` is for seeds. */
export function createPerson(s: FirmState, ctx: OpContext, b: z.infer<typeof PersonCreateBody>, id?: string): PersonRec {
  const name = b.name?.trim() || [b.firstName, b.lastName].filter((x) => x?.trim()).join(" ").trim()
  if (!name) throw invalid("person.name", "is required (or give firstName/lastName)")
  const split = splitName(name)
  const p: PersonRec = {
    ...stamp(ctx),
    ...(id ? { id } : {}),
    name,
    firstName: b.firstName?.trim() || (b.name ? split.firstName : null),
    lastName: b.lastName?.trim() || (b.name ? split.lastName : null),
    middleName: nul(b.middleName),
    prefix: nul(b.prefix),
    suffix: nul(b.suffix),
    nickName: nul(b.nickName),
    biography: nul(b.biography),
    assistantName: nul(b.assistantName),
    skypeName: nul(b.skypeName),
    doNotContact: b.doNotContact ?? false,
    noRelocation: b.noRelocation ?? false,
    emails: [],
    phoneNumbers: [],
    addresses: [],
    linkedinUrls: [],
    webSites: [],
    positions: [],
    education: [],
    tags: [],
    customFieldValues: {},
    attachments: [],
  }
  const tagIds = new Set<string>()
  for (const [i, id] of (b.tagIds ?? []).entries()) tagIds.add(tagById(s, id, `person.tagIds.${i}`).id)
  applyCustomValues(s, p, b.customFieldValues, "person.customFieldValues")
  for (const tagName of b.tagNames ?? []) tagIds.add(ensureTag(s, ctx, tagName).tag.id)
  for (const tagId of tagIds) p.tags.push({ id: ctx.newId(), tagId, createdAt: p.createdAt })
  s.people[p.id] = p
  ctx.touch("people", p.id)
  return p
}

/** `PATCH /people/:id`: only the given fields change; null clears an optional field. */
export function updatePerson(s: FirmState, ctx: OpContext, id: string, b: z.infer<typeof PersonUpdateBody>): PersonRec {
  const p = getPerson(s, id)
  const customIndex = (b.customFieldValues ?? []).findIndex((v) => !s.customFields[v.customFieldId])
  if (customIndex >= 0) throw invalid(`person.customFieldValues.${customIndex}.customFieldId`, "no such custom field")
  if (b.name !== undefined) {
    if (!b.name?.trim()) throw invalid("person.name", "cannot be blank")
    p.name = b.name.trim()
  }
  for (const key of ["firstName", "lastName", "middleName", "prefix", "suffix", "nickName", "biography", "assistantName", "skypeName"] as const) {
    if (b[key] !== undefined) p[key] = b[key]?.trim() ? b[key]! : null
  }
  if (b.name === undefined && (b.firstName !== undefined || b.lastName !== undefined)) {
    p.name = [p.firstName, p.lastName].filter(Boolean).join(" ") || p.name
  }
  if (b.doNotContact !== undefined) p.doNotContact = b.doNotContact
  if (b.noRelocation !== undefined) p.noRelocation = b.noRelocation
  applyCustomValues(s, p, b.customFieldValues, "person.customFieldValues")
  touch(p, ctx)
  return p
}

/** `POST /people/:id/email_addresses`. Duplicates are kept (as far as known, Clockwork does not de-duplicate). */
export function addEmail(s: FirmState, ctx: OpContext, personId: string, b: z.infer<typeof EmailBody>) {
  const p = getPerson(s, personId)
  if (!EMAIL_RE.test(b.address)) throw invalid("email.address", "is not an email address")
  const rec = { ...stamp(ctx), address: b.address, location: lower(b.location), isPreferred: preferNew(p.emails, b.isPreferred) }
  p.emails.push(rec)
  touch(p, ctx)
  return rec
}

/** `POST /people/:id/phone_numbers`. */
export function addPhone(s: FirmState, ctx: OpContext, personId: string, b: z.infer<typeof PhoneBody>) {
  const p = getPerson(s, personId)
  if (!/\d/.test(b.digits)) throw invalid("phone_number.digits", "must contain digits")
  const rec = {
    ...stamp(ctx),
    digits: b.digits,
    extension: nul(b.extension),
    location: lower(b.location),
    isPreferred: preferNew(p.phoneNumbers, b.isPreferred),
  }
  p.phoneNumbers.push(rec)
  touch(p, ctx)
  return rec
}

/** `POST /people/:id/addresses`; `region_id` must name a region. */
export function addAddress(s: FirmState, ctx: OpContext, personId: string, b: z.infer<typeof AddressBody>) {
  const p = getPerson(s, personId)
  if (![b.street, b.street2, b.city, b.state, b.postalCode, b.country].some((x) => x?.trim())) {
    throw invalid("address", "give at least one of street, city, state, postalCode, country")
  }
  if (b.regionId && !s.regions[b.regionId]) throw invalid("address.region_id", `no region with id ${JSON.stringify(b.regionId)}`)
  const rec = {
    ...stamp(ctx),
    street: nul(b.street),
    street2: nul(b.street2),
    city: nul(b.city),
    state: nul(b.state),
    postalCode: nul(b.postalCode),
    country: nul(b.country),
    location: lower(b.location),
    regionId: nul(b.regionId),
    isPreferred: preferNew(p.addresses, b.isPreferred),
  }
  p.addresses.push(rec)
  touch(p, ctx)
  return rec
}

/** http(s) URL check, a 422 on `field` otherwise. */
function httpUrl(raw: string, field: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw invalid(field, "is not a URL")
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalid(field, "must be an http(s) URL")
  return url
}

/** `POST /people/:id/linkedin_urls`; the URL must be on linkedin.com. */
export function addLinkedinUrl(s: FirmState, ctx: OpContext, personId: string, b: z.infer<typeof LinkedinUrlBody>) {
  const p = getPerson(s, personId)
  const host = httpUrl(b.url, "linkedin_url.url").hostname.toLowerCase()
  if (host !== "linkedin.com" && !host.endsWith(".linkedin.com")) throw invalid("linkedin_url.url", "must be a linkedin.com URL")
  const rec = { ...stamp(ctx), url: b.url, isPreferred: preferNew(p.linkedinUrls, b.isPreferred) }
  p.linkedinUrls.push(rec)
  touch(p, ctx)
  return rec
}

/** `POST /people/:id/web_sites` (assumed endpoint). */
export function addWebSite(s: FirmState, ctx: OpContext, personId: string, b: z.infer<typeof WebSiteBody>) {
  const p = getPerson(s, personId)
  httpUrl(b.url, "web_site.url")
  const rec = { ...stamp(ctx), url: b.url, location: lower(b.location), isPreferred: preferNew(p.webSites, b.isPreferred) }
  p.webSites.push(rec)
  touch(p, ctx)
  return rec
}

/** `POST /people/:id/positions`: `companyId` wins over `companyName`; an unknown name creates the company. */
export function addPosition(s: FirmState, ctx: OpContext, personId: string, b: z.infer<typeof PositionBody>): PositionRec {
  const p = getPerson(s, personId)
  if (b.startYear && b.endYear && b.endYear < b.startYear) throw invalid("position.endYear", "is before startYear")
  let companyId: string
  if (b.companyId) {
    if (!s.companies[b.companyId]) throw invalid("position.companyId", `no company with id ${JSON.stringify(b.companyId)}`)
    companyId = b.companyId
  } else if (b.companyName?.trim()) {
    companyId = ensureCompany(s, ctx, b.companyName).id
  } else {
    throw invalid("position.companyName", "give companyId or companyName")
  }
  const rec: PositionRec = {
    ...stamp(ctx),
    title: b.title,
    companyId,
    startMonth: nul(b.startMonth),
    startYear: nul(b.startYear),
    endMonth: nul(b.endMonth),
    endYear: nul(b.endYear),
  }
  p.positions.push(rec)
  touch(p, ctx)
  return rec
}

/** Removes one record of a person's list by id, or 404. */
function removeFrom<T extends { id: string }>(list: T[], id: string, what: string): T {
  const i = list.findIndex((x) => x.id === id)
  if (i < 0) throw notFound(what, id)
  return list.splice(i, 1)[0]!
}

/** `DELETE /people/:id/positions/:positionId` (assumed endpoint). */
export function deletePosition(s: FirmState, ctx: OpContext, personId: string, positionId: string): void {
  const p = getPerson(s, personId)
  removeFrom(p.positions, positionId, "Position")
  touch(p, ctx)
}

/** `POST /people/:id/education` (assumed endpoint). */
export function addEducation(s: FirmState, ctx: OpContext, personId: string, b: z.infer<typeof EducationBody>) {
  const p = getPerson(s, personId)
  if (b.startYear && b.endYear && b.endYear < b.startYear) throw invalid("education.endYear", "is before startYear")
  const rec = { ...stamp(ctx), schoolName: b.schoolName, degree: nul(b.degree), startYear: nul(b.startYear), endYear: nul(b.endYear) }
  p.education.push(rec)
  touch(p, ctx)
  return rec
}

/** `DELETE /people/:id/education/:educationId` (assumed endpoint). */
export function deleteEducation(s: FirmState, ctx: OpContext, personId: string, educationId: string): void {
  const p = getPerson(s, personId)
  removeFrom(p.education, educationId, "Education")
  touch(p, ctx)
}

/** `POST /people/:id/tags`. Tagging twice is not an error: the existing tagging comes back with `created: false`. */
export function addTag(s: FirmState, ctx: OpContext, personId: string, tagId: string) {
  const p = getPerson(s, personId)
  const tag = tagById(s, tagId, "person_tag.tag_id")
  const existing = p.tags.find((t) => t.tagId === tag.id)
  if (existing) return { rec: existing, created: false }
  const rec = { id: ctx.newId(), tagId: tag.id, createdAt: ctx.now.toISOString() }
  p.tags.push(rec)
  touch(p, ctx)
  return { rec, created: true }
}

/** `DELETE /people/:id/tags/:id`: the id may be the tag's or the tagging's (assumed endpoint). */
export function removeTag(s: FirmState, ctx: OpContext, personId: string, id: string): void {
  const p = getPerson(s, personId)
  const i = p.tags.findIndex((t) => t.tagId === id || t.id === id)
  if (i < 0) throw notFound("Tag on person", id)
  p.tags.splice(i, 1)
  touch(p, ctx)
}

/** `POST /people/:id/notes` (assumed endpoint): the type by `note_type_id` or by v1 `category` name. */
export function createNote(s: FirmState, ctx: OpContext, personId: string, b: z.infer<typeof NoteBody>): NoteRec {
  getPerson(s, personId)
  let noteTypeId: string | null = null
  if (b.noteTypeId) {
    if (!s.noteTypes[b.noteTypeId]) throw invalid("note.note_type_id", `no note type with id ${JSON.stringify(b.noteTypeId)}`)
    noteTypeId = b.noteTypeId
  } else if (b.category) {
    const nt = Object.values(s.noteTypes).find((t) => t.name.toLowerCase() === b.category!.toLowerCase())
    if (!nt) throw invalid("note.category", `no note type named ${JSON.stringify(b.category)}`)
    noteTypeId = nt.id
  }
  const rec: NoteRec = { ...stamp(ctx), personId, noteTypeId, subject: nul(b.subject), content: b.content, contentType: b.contentType ?? "text/html" }
  s.notes[rec.id] = rec
  ctx.touch("notes", rec.id)
  return rec
}

/** `POST /people/:id/attachments` (assumed endpoint). The file is referenced by URL and not fetched. */
export function addAttachment(s: FirmState, ctx: OpContext, personId: string, b: z.infer<typeof AttachmentBody>): AttachmentRec {
  const p = getPerson(s, personId)
  httpUrl(b.url, "attachment.url")
  const resumes = p.attachments.filter((a) => a.attachmentType === "resume")
  const preferred = b.attachmentType === "resume" && (b.isPreferred ?? true)
  if (preferred) for (const a of resumes) a.isPreferred = false
  const rec: AttachmentRec = {
    ...stamp(ctx),
    attachmentType: b.attachmentType,
    fileName: b.fileName,
    contentType: nul(b.contentType),
    fileSize: nul(b.fileSize),
    url: b.url,
    isPreferred: preferred,
  }
  p.attachments.push(rec)
  touch(p, ctx)
  return rec
}

/** `POST /projects/:id/candidacies` (assumed endpoint): a person joins a project once; status defaults to Research. `id` is for seeds. */
export function addCandidacy(s: FirmState, ctx: OpContext, projectId: string, b: z.infer<typeof CandidacyCreateBody>, id?: string): CandidacyRec {
  if (!s.projects[projectId]) throw notFound("Project", projectId)
  if (!s.people[b.personId]) throw invalid("candidacy.person_id", `no person with id ${JSON.stringify(b.personId)}`)
  const statusId = b.statusId ?? s.statuses.find((st) => st.name === DEFAULT_CANDIDATE_STATUS)?.id ?? s.statuses[0]?.id
  if (!statusId || !s.statuses.some((st) => st.id === statusId)) throw invalid("candidacy.status_id", `no status with id ${JSON.stringify(b.statusId)}`)
  const onProject = Object.values(s.candidacies).filter((c) => c.projectId === projectId)
  if (onProject.some((c) => c.personId === b.personId)) throw invalid("candidacy.person_id", "is already on this project")
  const rec: CandidacyRec = { ...stamp(ctx), ...(id ? { id } : {}), projectId, personId: b.personId, statusId, rank: onProject.length + 1, stoplightStatus: nul(b.stoplightStatus) }
  s.candidacies[rec.id] = rec
  ctx.touch("candidacies", rec.id)
  return rec
}

/** Changes a candidacy's status (and stoplight); `projectId` undefined skips the project check (control API). */
export function updateCandidacy(s: FirmState, ctx: OpContext, projectId: string | undefined, id: string, b: z.infer<typeof CandidacyUpdateBody>): CandidacyRec {
  const c = s.candidacies[id]
  if (!c || (projectId !== undefined && c.projectId !== projectId)) throw notFound("Candidacy", id)
  if (b.statusId !== undefined) {
    if (!s.statuses.some((st) => st.id === b.statusId)) throw invalid("candidacy.status_id", `no status with id ${JSON.stringify(b.statusId)}`)
    c.statusId = b.statusId
  }
  if (b.stoplightStatus !== undefined) c.stoplightStatus = b.stoplightStatus
  c.updatedAt = ctx.now.toISOString()
  ctx.touch("candidacies", c.id)
  return c
}

/** `POST /webhooks`: the hook URL must be http(s). */
export function createWebhook(s: FirmState, ctx: OpContext, hookUrl: string) {
  httpUrl(hookUrl, "hook_url")
  const rec = { id: ctx.newId(), hookUrl, createdAt: ctx.now.toISOString() }
  s.webhooks[rec.id] = rec
  ctx.touch("webhooks", rec.id)
  return rec
}

/** `DELETE /webhooks/:id`. */
export function deleteWebhook(s: FirmState, ctx: OpContext, id: string): void {
  if (!s.webhooks[id]) throw notFound("Webhook", id)
  delete s.webhooks[id]
  ctx.touch("webhooks", id)
}

/**
 * Whether a person matches a free-text `people_search` query (sandbox semantics, assumed): a
 * LinkedIn URL query matches any stored LinkedIn URL with the same public slug; otherwise the
 * query matches a case-insensitive substring of the name or of any email, or equals a LinkedIn slug.
 */
export function matchesQuery(p: PersonRec, q: string): boolean {
  const query = q.trim().toLowerCase()
  if (!query) return true
  const slugs = p.linkedinUrls.map((l) => linkedInSlug(l.url)).filter((x): x is string => !!x)
  const qSlug = linkedInSlug(query)
  if (qSlug) return slugs.includes(qSlug)
  if (p.name.toLowerCase().includes(query)) return true
  if (p.emails.some((e) => e.address.toLowerCase().includes(query))) return true
  return slugs.includes(query)
}
