import * as z from "zod"
import { ClockworkError, InvalidInputError, InvalidResponse } from "./errors"
import {
  AddressInputSchema,
  AttachmentInputSchema,
  CreatePersonInputSchema,
  CwAddressSchema,
  CwAttachmentSchema,
  CwCandidacySchema,
  CwCompanySchema,
  CwCustomFieldSchema,
  CwEducationSchema,
  CwEmailSchema,
  CwLinkedinUrlSchema,
  CwNamedSchema,
  CwNoteSchema,
  CwPersonSchema,
  CwPersonTagSchema,
  CwPhoneSchema,
  CwPositionSchema,
  CwProjectSchema,
  CwStatusSchema,
  CwWebSiteSchema,
  CwWebhookSchema,
  EducationInputSchema,
  EmailInputSchema,
  NoteInputSchema,
  PageInputSchema,
  PeopleSearchSchema,
  PhoneInputSchema,
  PositionInputSchema,
  UpdatePersonInputSchema,
  UrlInputSchema,
  listOf,
  single,
  type AddressInput,
  type AttachmentInput,
  type CreatePersonInput,
  type CwAddress,
  type CwAttachment,
  type CwCandidacy,
  type CwCompany,
  type CwCustomField,
  type CwEducation,
  type CwEmail,
  type CwLinkedinUrl,
  type CwNamed,
  type CwNote,
  type CwPerson,
  type CwPersonTag,
  type CwPhone,
  type CwPosition,
  type CwProject,
  type CwStatus,
  type CwWebSite,
  type EducationInput,
  type NoteInput,
  type PageInput,
  type PositionInput,
  type UpdatePersonInput,
} from "./schemas"
import { DEFAULT_BASE_URL } from "./firm"
import { Transport, type ClockworkCredentials, type TransportOptions } from "./transport"

export type { ClockworkCredentials }

export interface ClockworkClientOptions extends Omit<TransportOptions, "baseUrl"> {
  /** e.g. "https://api.clockworkrecruiting.com" (the default) or "http://127.0.0.1:4010". */
  baseUrl?: string
}

export type VerifyResult = { status: "valid" } | { status: "invalid"; message: string } | { status: "unreachable"; message: string }

/** The typed Clockwork v3.0 client. Every function parses the response with its zod schema. */
export interface ClockworkClient {
  readonly firm: string
  /** One `GET /people?limit=1`; tells valid, invalid and unreachable credentials apart. Never throws. */
  verifyCredentials(): Promise<VerifyResult>

  /** `GET /people?limit&offset`. */
  listPeople(q?: PageInput): Promise<CwPerson[]>
  /** `GET /people_search?q&limit&offset`: free-text search; `total` from `meta.total`. */
  searchPeople(q: string, opts?: PageInput): Promise<{ people: CwPerson[]; total: number }>
  /** `GET /people/:id`; undefined when there is no such person. */
  getPerson(id: string): Promise<CwPerson | undefined>
  /** `POST /people {person:{…}}`. Never retried after it may have reached Clockwork: look the person up first. */
  createPerson(input: CreatePersonInput): Promise<CwPerson>
  /** `PATCH /people/:id {person:{…}}` (assumed method); only the given fields change. */
  updatePerson(id: string, patch: UpdatePersonInput): Promise<CwPerson>
  /** `POST /people/:id/email_addresses {email:{address,location}}` → `personEmailAddress`. */
  addEmail(personId: string, email: { address: string; location?: string }): Promise<CwEmail>
  /** `POST /people/:id/phone_numbers {phone_number:{digits,extension,location}}` → `personPhoneNumber`. */
  addPhone(personId: string, phone: { digits: string; extension?: string; location?: string }): Promise<CwPhone>
  /** `POST /people/:id/addresses {address:{street,street_2,city,state,postalCode,country,location,region_id,is_preferred}}` → `personAddress`. */
  addAddress(personId: string, address: AddressInput): Promise<CwAddress>
  /** `POST /people/:id/linkedin_urls {linkedin_url:{url}}` → `personLinkedinUrl`. */
  addLinkedinUrl(personId: string, url: string): Promise<CwLinkedinUrl>
  /** `POST /people/:id/web_sites {web_site:{url}}` → `personWebSite` (assumed endpoint). */
  addWebsite(personId: string, url: string): Promise<CwWebSite>
  /** `GET /people/:id/positions` → `personPositions`. */
  listPositions(personId: string): Promise<CwPosition[]>
  /** `POST /people/:id/positions {position:{title,companyId|companyName,start/end month/year}}` → `position`. */
  addPosition(personId: string, p: PositionInput): Promise<CwPosition>
  /** `DELETE /people/:id/positions/:positionId` (assumed endpoint). */
  deletePosition(personId: string, positionId: string): Promise<void>
  /** `GET /people/:id/education` → `personEducations` (assumed endpoint). */
  listEducation(personId: string): Promise<CwEducation[]>
  /** `POST /people/:id/education {education:{schoolName,degree,startYear,endYear}}` → `personEducation` (assumed). */
  addEducation(personId: string, e: EducationInput): Promise<CwEducation>
  /** `DELETE /people/:id/education/:educationId` (assumed endpoint). */
  deleteEducation(personId: string, educationId: string): Promise<void>
  /** `POST /people/:id/tags {person_tag:{tag_id}}` → `personTag`. */
  addTag(personId: string, tagId: string): Promise<CwPersonTag>
  /** `DELETE /people/:id/tags/:tagId` (assumed endpoint). */
  removeTag(personId: string, tagId: string): Promise<void>

  /** `GET /people/:id/notes?limit` → `notes` (newest first). */
  listNotes(personId: string, opts?: { limit?: number }): Promise<CwNote[]>
  /** `GET /notes/:id`; undefined when there is no such note. */
  getNote(noteId: string): Promise<CwNote | undefined>
  /** `POST /people/:id/notes {note:{content,content_type,note_type_id,subject}}` → `note` (assumed endpoint). */
  createNote(personId: string, note: NoteInput): Promise<CwNote>
  /** `GET /people/:id/attachments` → `attachments` (assumed endpoint). */
  listAttachments(personId: string): Promise<CwAttachment[]>
  /** `POST /people/:id/attachments {attachment:{attachment_type,url,file_name,content_type}}`: Clockwork fetches the file by URL (assumed). */
  uploadAttachment(personId: string, a: AttachmentInput): Promise<CwAttachment>

  /** `GET /tags` (first 100). */
  listTags(): Promise<CwNamed[]>
  /** `POST /tags {tag:{name}}` (assumed endpoint). */
  createTag(name: string): Promise<CwNamed>
  /** `GET /regions` (first 100). */
  listRegions(): Promise<CwNamed[]>
  /** `GET /companies?limit&offset`. */
  listCompanies(q?: PageInput): Promise<CwCompany[]>
  /** `GET /statuses` → `statuses` ({id,name,group,position}; shape assumed). */
  listStatuses(): Promise<CwStatus[]>
  /** `GET /note_types` → `noteTypes` (assumed endpoint). */
  listNoteTypes(): Promise<CwNamed[]>
  /** `GET /custom_fields` → `customFields` (assumed endpoint; person fields only). */
  listCustomFields(): Promise<CwCustomField[]>
  /** `GET /projects` → `projects`. */
  listProjects(): Promise<CwProject[]>

  /** `GET /projects/:id/candidacies?limit&offset` → `candidacies` (default: the first 100). */
  listCandidacies(projectId: string, q?: PageInput): Promise<CwCandidacy[]>
  /** `POST /projects/:id/candidacies {candidacy:{person_id,status_id}}` → `candidacy` (assumed endpoint). */
  addCandidacy(projectId: string, c: { personId: string; statusId?: string }): Promise<CwCandidacy>
  /** `PATCH /projects/:id/candidacies/:candidacyId {candidacy:{status_id}}` → `candidacy` (assumed endpoint). */
  updateCandidacyStatus(projectId: string, candidacyId: string, statusId: string): Promise<CwCandidacy>

  /** `POST /webhooks {hook_url}` → `{id}`. */
  createWebhook(hookUrl: string): Promise<{ id: string }>
  /** `DELETE /webhooks/:id`. */
  deleteWebhook(id: string): Promise<void>
}

/** Parses caller input with its schema; a failure becomes InvalidInputError naming the field. */
function input<S extends z.ZodType>(what: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = [what, ...(issue?.path ?? []).map(String)].join(".")
  throw new InvalidInputError(field, issue?.message ?? "is invalid")
}

/** Drops undefined members so bodies carry only what the caller gave. */
function compact<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>
}

const STATUS_ALL = 100

/** Creates a client for one firm. Throws InvalidInputError for a bad firm, base URL or credential before any request. */
export function createClockworkClient(opts: ClockworkClientOptions): ClockworkClient {
  const { baseUrl = DEFAULT_BASE_URL, ...rest } = opts
  const t = new Transport({ ...rest, baseUrl } satisfies TransportOptions)
  const person = (id: string) => ["personId", id] as const
  const required = async <T>(p: Promise<T | undefined>): Promise<T> => {
    const v = await p
    if (v === undefined) throw new InvalidResponse("Clockwork answered without a body")
    return v
  }
  const page = (q: PageInput | undefined) => {
    const p = input("query", PageInputSchema, q ?? {})
    return { limit: p.limit, offset: p.offset }
  }

  return {
    firm: t.firm,

    async verifyCredentials() {
      try {
        await t.call({ method: "GET", segments: [["resource", "people"]], query: { limit: 1 }, schema: listOf("people", CwPersonSchema) }, { retries: 0 })
        return { status: "valid" }
      } catch (err) {
        if (err instanceof ClockworkError && err.kind === "unauthorized") {
          return { status: "invalid", message: "Clockwork refused the API Key, API Secret or Service Key for this subdomain." }
        }
        if (err instanceof ClockworkError && err.kind === "not_found") {
          return { status: "invalid", message: `Clockwork does not know the subdomain "${t.firm}".` }
        }
        const message = err instanceof ClockworkError ? err.message : "Clockwork could not be reached."
        return { status: "unreachable", message }
      }
    },

    async listPeople(q) {
      return required(t.call({ method: "GET", segments: [["resource", "people"]], query: page(q), schema: listOf("people", CwPersonSchema) }))
    },

    async searchPeople(q, o) {
      const query = input("q", z.string().trim().min(1).max(500), q)
      return required(
        t.call({ method: "GET", segments: [["resource", "people_search"]], query: { q: query, ...page(o) }, schema: PeopleSearchSchema }),
      )
    },

    async getPerson(id) {
      return t.call({ method: "GET", segments: [["resource", "people"], person(id)], schema: single("person", CwPersonSchema), notFoundAsUndefined: true })
    },

    async createPerson(p) {
      const v = input("person", CreatePersonInputSchema, p)
      const body = {
        person: compact({
          name: v.name ?? [v.firstName, v.lastName].filter(Boolean).join(" "),
          firstName: v.firstName,
          lastName: v.lastName,
          nickName: v.nickName,
          biography: v.biography,
          doNotContact: v.doNotContact,
          noRelocation: v.noRelocation,
          tag_ids: v.tagIds,
          tag_names: v.tagNames,
          custom_field_values: v.customFieldValues?.map((c) => ({ custom_field_id: c.customFieldId, value: c.value })),
        }),
      }
      return required(t.call({ method: "POST", segments: [["resource", "people"]], body, schema: single("person", CwPersonSchema) }))
    },

    async updatePerson(id, patch) {
      const v = input("person", UpdatePersonInputSchema, patch)
      const body = {
        person: compact({
          ...v,
          customFieldValues: undefined,
          custom_field_values: v.customFieldValues?.map((c) => ({ custom_field_id: c.customFieldId, value: c.value })),
        }),
      }
      return required(t.call({ method: "PATCH", segments: [["resource", "people"], person(id)], body, schema: single("person", CwPersonSchema) }))
    },

    async addEmail(personId, e) {
      const v = input("email", EmailInputSchema, e)
      return required(
        t.call({
          method: "POST",
          segments: [["resource", "people"], person(personId), ["resource", "email_addresses"]],
          body: { email: compact({ address: v.address, location: v.location }) },
          schema: single("personEmailAddress", CwEmailSchema),
        }),
      )
    },

    async addPhone(personId, p) {
      const v = input("phone", PhoneInputSchema, p)
      return required(
        t.call({
          method: "POST",
          segments: [["resource", "people"], person(personId), ["resource", "phone_numbers"]],
          body: { phone_number: compact({ digits: v.digits, extension: v.extension, location: v.location }) },
          schema: single("personPhoneNumber", CwPhoneSchema),
        }),
      )
    },

    async addAddress(personId, a) {
      const v = input("address", AddressInputSchema, a)
      const address = compact({
        street: v.street,
        street_2: v.street2,
        city: v.city,
        state: v.state,
        postalCode: v.postalCode,
        country: v.country,
        location: v.location,
        region_id: v.regionId,
        is_preferred: v.isPreferred,
      })
      return required(
        t.call({
          method: "POST",
          segments: [["resource", "people"], person(personId), ["resource", "addresses"]],
          body: { address },
          schema: single("personAddress", CwAddressSchema),
        }),
      )
    },

    async addLinkedinUrl(personId, url) {
      const v = input("url", UrlInputSchema, url)
      return required(
        t.call({
          method: "POST",
          segments: [["resource", "people"], person(personId), ["resource", "linkedin_urls"]],
          body: { linkedin_url: { url: v } },
          schema: single("personLinkedinUrl", CwLinkedinUrlSchema),
        }),
      )
    },

    async addWebsite(personId, url) {
      const v = input("url", UrlInputSchema, url)
      return required(
        t.call({
          method: "POST",
          segments: [["resource", "people"], person(personId), ["resource", "web_sites"]],
          body: { web_site: { url: v } },
          schema: single("personWebSite", CwWebSiteSchema),
        }),
      )
    },

    async listPositions(personId) {
      return required(
        t.call({ method: "GET", segments: [["resource", "people"], person(personId), ["resource", "positions"]], schema: listOf("personPositions", CwPositionSchema) }),
      )
    },

    async addPosition(personId, p) {
      const v = input("position", PositionInputSchema, p)
      return required(
        t.call({
          method: "POST",
          segments: [["resource", "people"], person(personId), ["resource", "positions"]],
          body: { position: compact({ ...v }) },
          schema: single("position", CwPositionSchema),
        }),
      )
    },

    async deletePosition(personId, positionId) {
      await t.call({ method: "DELETE", segments: [["resource", "people"], person(personId), ["resource", "positions"], ["positionId", positionId]], schema: undefined })
    },

    async listEducation(personId) {
      return required(
        t.call({ method: "GET", segments: [["resource", "people"], person(personId), ["resource", "education"]], schema: listOf("personEducations", CwEducationSchema) }),
      )
    },

    async addEducation(personId, e) {
      const v = input("education", EducationInputSchema, e)
      return required(
        t.call({
          method: "POST",
          segments: [["resource", "people"], person(personId), ["resource", "education"]],
          body: { education: compact({ ...v }) },
          schema: single("personEducation", CwEducationSchema),
        }),
      )
    },

    async deleteEducation(personId, educationId) {
      await t.call({ method: "DELETE", segments: [["resource", "people"], person(personId), ["resource", "education"], ["educationId", educationId]], schema: undefined })
    },

    async addTag(personId, tagId) {
      return required(
        t.call({
          method: "POST",
          segments: [["resource", "people"], person(personId), ["resource", "tags"]],
          body: { person_tag: { tag_id: input("tagId", z.string().trim().min(1).max(200), tagId) } },
          schema: single("personTag", CwPersonTagSchema),
        }),
      )
    },

    async removeTag(personId, tagId) {
      await t.call({ method: "DELETE", segments: [["resource", "people"], person(personId), ["resource", "tags"], ["tagId", tagId]], schema: undefined })
    },

    async listNotes(personId, o) {
      const limit = input("limit", z.number().int().min(1).max(100).optional(), o?.limit)
      return required(
        t.call({ method: "GET", segments: [["resource", "people"], person(personId), ["resource", "notes"]], query: { limit: limit ?? 50 }, schema: listOf("notes", CwNoteSchema) }),
      )
    },

    async getNote(noteId) {
      return t.call({ method: "GET", segments: [["resource", "notes"], ["noteId", noteId]], schema: single("note", CwNoteSchema), notFoundAsUndefined: true })
    },

    async createNote(personId, n) {
      const v = input("note", NoteInputSchema, n)
      const note = compact({ content: v.content, content_type: "text/html", note_type_id: v.noteTypeId ?? undefined, subject: v.subject })
      return required(
        t.call({ method: "POST", segments: [["resource", "people"], person(personId), ["resource", "notes"]], body: { note }, schema: single("note", CwNoteSchema) }),
      )
    },

    async listAttachments(personId) {
      return required(
        t.call({ method: "GET", segments: [["resource", "people"], person(personId), ["resource", "attachments"]], schema: listOf("attachments", CwAttachmentSchema) }),
      )
    },

    async uploadAttachment(personId, a) {
      const v = input("attachment", AttachmentInputSchema, a)
      const attachment = compact({ attachment_type: v.attachmentType, url: v.url, file_name: v.fileName, content_type: v.contentType })
      return required(
        t.call({
          method: "POST",
          segments: [["resource", "people"], person(personId), ["resource", "attachments"]],
          body: { attachment },
          schema: single("attachment", CwAttachmentSchema),
        }),
      )
    },

    async listTags() {
      return required(t.call({ method: "GET", segments: [["resource", "tags"]], query: { limit: STATUS_ALL }, schema: listOf("tags", CwNamedSchema) }))
    },

    async createTag(name) {
      const v = input("name", z.string().trim().min(1).max(100), name)
      return required(t.call({ method: "POST", segments: [["resource", "tags"]], body: { tag: { name: v } }, schema: single("tag", CwNamedSchema) }))
    },

    async listRegions() {
      return required(t.call({ method: "GET", segments: [["resource", "regions"]], query: { limit: STATUS_ALL }, schema: listOf("regions", CwNamedSchema) }))
    },

    async listCompanies(q) {
      return required(t.call({ method: "GET", segments: [["resource", "companies"]], query: page(q), schema: listOf("companies", CwCompanySchema) }))
    },

    async listStatuses() {
      return required(t.call({ method: "GET", segments: [["resource", "statuses"]], schema: listOf("statuses", CwStatusSchema) }))
    },

    async listNoteTypes() {
      return required(t.call({ method: "GET", segments: [["resource", "note_types"]], schema: listOf("noteTypes", CwNamedSchema) }))
    },

    async listCustomFields() {
      return required(t.call({ method: "GET", segments: [["resource", "custom_fields"]], schema: listOf("customFields", CwCustomFieldSchema) }))
    },

    async listProjects() {
      return required(t.call({ method: "GET", segments: [["resource", "projects"]], query: { limit: STATUS_ALL }, schema: listOf("projects", CwProjectSchema) }))
    },

    async listCandidacies(projectId, q) {
      return required(
        t.call({
          method: "GET",
          segments: [["resource", "projects"], ["projectId", projectId], ["resource", "candidacies"]],
          query: q ? page(q) : { limit: STATUS_ALL },
          schema: listOf("candidacies", CwCandidacySchema),
        }),
      )
    },

    async addCandidacy(projectId, c) {
      const v = input("candidacy", z.object({ personId: z.string().trim().min(1).max(200), statusId: z.string().trim().min(1).max(200).optional() }), c)
      return required(
        t.call({
          method: "POST",
          segments: [["resource", "projects"], ["projectId", projectId], ["resource", "candidacies"]],
          body: { candidacy: compact({ person_id: v.personId, status_id: v.statusId }) },
          schema: single("candidacy", CwCandidacySchema),
        }),
      )
    },

    async updateCandidacyStatus(projectId, candidacyId, statusId) {
      const v = input("statusId", z.string().trim().min(1).max(200), statusId)
      return required(
        t.call({
          method: "PATCH",
          segments: [["resource", "projects"], ["projectId", projectId], ["resource", "candidacies"], ["candidacyId", candidacyId]],
          body: { candidacy: { status_id: v } },
          schema: single("candidacy", CwCandidacySchema),
        }),
      )
    },

    async createWebhook(hookUrl) {
      const v = input("hookUrl", UrlInputSchema, hookUrl)
      const created = await required(t.call({ method: "POST", segments: [["resource", "webhooks"]], body: { hook_url: v }, schema: single("webhook", CwWebhookSchema) }))
      return { id: created.id }
    },

    async deleteWebhook(id) {
      await t.call({ method: "DELETE", segments: [["resource", "webhooks"], ["webhookId", id]], schema: undefined })
    },
  }
}
