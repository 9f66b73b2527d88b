import * as z from "zod"

/**
 * zod shapes of Clockwork v3.0 responses (camelCase, as the API answers) and of the client's
 * inputs. Response shapes are lenient where the public record is thin: unknown keys are dropped,
 * most fields may be absent or null, lists default to []. See docs/clockwork-sandbox.md for which
 * parts are documented and which are assumed.
 */

const id = z.union([z.string().min(1), z.number().int()]).transform(String)
const text = z.string().nullish().transform((v) => v ?? null)
const int = z.number().int().nullish().transform((v) => v ?? null)
const bool = z.boolean().nullish().transform((v) => v ?? false)

/** A list that may be absent or null on the wire; always an array after parsing. */
function list<T extends z.ZodType>(item: T) {
  return z.array(item).nullish().transform((v): z.output<T>[] => v ?? [])
}

export const CwEmailSchema = z.object({ id, address: z.string(), location: text, isPreferred: bool })
export type CwEmail = z.infer<typeof CwEmailSchema>

export const CwPhoneSchema = z.object({ id, digits: z.string(), extension: text, location: text, isPreferred: bool })
export type CwPhone = z.infer<typeof CwPhoneSchema>

export const CwAddressSchema = z.object({
  id,
  street: text,
  street2: text,
  city: text,
  state: text,
  postalCode: text,
  country: text,
  location: text,
  regionId: text,
  regionName: text,
  formattedAddress: text,
  isPreferred: bool,
})
export type CwAddress = z.infer<typeof CwAddressSchema>

export const CwLinkedinUrlSchema = z.object({ id, url: z.string(), isPreferred: bool })
export type CwLinkedinUrl = z.infer<typeof CwLinkedinUrlSchema>

export const CwWebSiteSchema = z.object({ id, url: z.string(), location: text, isPreferred: bool })
export type CwWebSite = z.infer<typeof CwWebSiteSchema>

export const CwPositionSchema = z.object({
  id,
  title: text,
  companyId: text,
  companyName: text,
  company: z.object({ id: text, name: text }).nullish().transform((v) => v ?? null),
  startMonth: int,
  startYear: int,
  endMonth: int,
  endYear: int,
  /** v1 and the positions list say `isCurrent`; v3 search items say `type: "current"`. */
  isCurrent: z.boolean().nullish().transform((v) => v ?? null),
  type: text,
})
export type CwPosition = z.infer<typeof CwPositionSchema>

export const CwEducationSchema = z.object({
  id,
  degree: text,
  startYear: int,
  endYear: int,
  school: z.object({ id: text, name: text }).nullish().transform((v) => v ?? null),
})
export type CwEducation = z.infer<typeof CwEducationSchema>

export const CwPersonTagSchema = z.object({ id, tagId: text, name: text })
export type CwPersonTag = z.infer<typeof CwPersonTagSchema>

export const CwCustomFieldValueSchema = z.object({ customFieldId: id, name: text, value: text })
export type CwCustomFieldValue = z.infer<typeof CwCustomFieldValueSchema>

export const CwAttachmentSchema = z.object({
  id,
  attachmentType: text,
  fileName: text,
  contentType: text,
  fileSize: int,
  url: text,
  isPreferred: bool,
  createdAt: text,
})
export type CwAttachment = z.infer<typeof CwAttachmentSchema>

export const CwPersonSchema = z.object({
  id,
  name: text,
  firstName: text,
  lastName: text,
  nickName: text,
  biography: text,
  /** Effective flag: the person's own, or (sandbox assumption) derived from a Do Not Contact employer. */
  doNotContact: bool,
  /** Sandbox assumption: why the person is Do Not Contact. Absent on the real API as far as known. */
  doNotContactReason: text,
  /** Sandbox assumption: "person" or "company". */
  doNotContactSource: text,
  noRelocation: bool,
  createdAt: text,
  updatedAt: text,
  preferredEmailAddress: text,
  preferredPhoneNumber: text,
  preferredLinkedinUrl: text,
  preferredWebSite: text,
  preferredAddress: text,
  emails: list(CwEmailSchema),
  phoneNumbers: list(CwPhoneSchema),
  addresses: list(CwAddressSchema),
  linkedinUrls: list(CwLinkedinUrlSchema),
  webSites: list(CwWebSiteSchema),
  positions: list(CwPositionSchema),
  education: list(CwEducationSchema),
  tags: list(CwPersonTagSchema),
  customFieldValues: list(CwCustomFieldValueSchema),
  attachments: list(CwAttachmentSchema),
})
export type CwPerson = z.infer<typeof CwPersonSchema>

export const CwNoteSchema = z.object({
  id,
  /** The note type's name (Clockwork's "category"), null for an untyped note. */
  type: text,
  noteTypeId: text,
  subject: text,
  /** HTML. */
  content: text,
  personId: text,
  createdAt: text,
  updatedAt: text,
})
export type CwNote = z.infer<typeof CwNoteSchema>

export const CwNamedSchema = z.object({ id, name: z.string() })
export type CwNamed = z.infer<typeof CwNamedSchema>

export const CwCompanySchema = z.object({
  id,
  name: z.string(),
  doNotContact: bool,
  doNotContactReason: text,
  doNotContactStartDate: text,
  doNotContactEndDate: text,
})
export type CwCompany = z.infer<typeof CwCompanySchema>

export const CwStatusSchema = z.object({
  id,
  name: z.string(),
  group: text,
  position: z.number().int().nullish().transform((v) => v ?? 0),
})
export type CwStatus = z.infer<typeof CwStatusSchema>

export const CwCustomFieldSchema = z.object({
  id,
  name: z.string(),
  entity: z.literal("person").nullish().transform((): "person" => "person"),
  fieldType: text,
})
export type CwCustomField = z.infer<typeof CwCustomFieldSchema>

export const CwProjectSchema = z.object({ id, name: z.string(), clientCompanyId: text, status: text })
export type CwProject = z.infer<typeof CwProjectSchema>

export const CwCandidacySchema = z.object({
  id,
  personId: id,
  projectId: id,
  statusId: text,
  rank: int,
  stoplightStatus: text,
  createdAt: text,
  updatedAt: text,
})
export type CwCandidacy = z.infer<typeof CwCandidacySchema>

export const CwWebhookSchema = z.object({ id, hookUrl: text })
export type CwWebhook = z.infer<typeof CwWebhookSchema>

/**
 * A single record in its resource-named envelope (`{ "person": {…} }`), or bare. NOTE: the v3
 * envelope of single objects is unknown (Pipedream reads `response.id` after POST /people), so
 * both forms are accepted.
 */
export function single<T extends z.ZodType>(key: string, item: T) {
  return z.union([z.object({ [key]: item }).transform((v) => v[key] as z.output<T>), item])
}

/** A list under its resource-named key, e.g. `{ "tags": [...] }`. */
export function listOf<T extends z.ZodType>(key: string, item: T) {
  return z.object({ [key]: z.array(item) }).transform((v) => v[key] as z.output<T>[])
}

export const PeopleSearchSchema = z
  .object({
    peopleSearch: z.array(CwPersonSchema),
    meta: z.object({ total: z.number().int().nullish(), page: z.number().int().nullish() }).nullish(),
  })
  .transform((v) => ({ people: v.peopleSearch, total: v.meta?.total ?? v.peopleSearch.length }))

// ---- Client inputs ---------------------------------------------------------------------------

const name = z.string().trim().min(1).max(300)
const shortText = z.string().trim().max(2000)
const year = z.number().int().min(1900).max(2200)
const month = z.number().int().min(1).max(12)
const ref = z.string().trim().min(1).max(200)

export const CreatePersonInputSchema = z
  .object({
    name: name.optional(),
    firstName: z.string().trim().max(150).optional(),
    lastName: z.string().trim().max(150).optional(),
    nickName: z.string().trim().max(150).optional(),
    biography: z.string().max(20_000).optional(),
    doNotContact: z.boolean().optional(),
    noRelocation: z.boolean().optional(),
    tagIds: z.array(ref).max(100).optional(),
    tagNames: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
    customFieldValues: z.array(z.object({ customFieldId: ref, value: shortText.nullable() })).max(200).optional(),
  })
  .refine((p) => p.name || p.firstName || p.lastName, { message: "give name, firstName or lastName", path: ["name"] })
export type CreatePersonInput = z.input<typeof CreatePersonInputSchema>

export const UpdatePersonInputSchema = z.object({
  name: name.optional(),
  firstName: z.string().trim().max(150).nullable().optional(),
  lastName: z.string().trim().max(150).nullable().optional(),
  nickName: z.string().trim().max(150).nullable().optional(),
  biography: z.string().max(20_000).nullable().optional(),
  doNotContact: z.boolean().optional(),
  noRelocation: z.boolean().optional(),
  customFieldValues: z.array(z.object({ customFieldId: ref, value: shortText.nullable() })).max(200).optional(),
})
export type UpdatePersonInput = z.input<typeof UpdatePersonInputSchema>

export const EmailInputSchema = z.object({ address: z.string().trim().min(3).max(320), location: z.string().trim().max(50).optional() })
export const PhoneInputSchema = z.object({
  digits: z.string().trim().min(1).max(50),
  extension: z.string().trim().max(20).optional(),
  location: z.string().trim().max(50).optional(),
})
export const AddressInputSchema = z
  .object({
    street: shortText.optional(),
    street2: shortText.optional(),
    city: z.string().trim().max(200).optional(),
    state: z.string().trim().max(200).optional(),
    postalCode: z.string().trim().max(40).optional(),
    country: z.string().trim().max(200).optional(),
    location: z.string().trim().max(50).optional(),
    regionId: ref.optional(),
    /** Make the new address the preferred one (assumed field, as on v1 sub-records). */
    isPreferred: z.boolean().optional(),
  })
  .refine((a) => a.street || a.city || a.state || a.postalCode || a.country, { message: "give at least one address part", path: ["city"] })
export type AddressInput = z.input<typeof AddressInputSchema>
export const UrlInputSchema = z.url({ protocol: /^https?$/ }).max(2048)
export const PositionInputSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    companyName: z.string().trim().min(1).max(300).optional(),
    companyId: ref.optional(),
    startMonth: month.optional(),
    startYear: year.optional(),
    endMonth: month.optional(),
    endYear: year.optional(),
  })
export type PositionInput = z.input<typeof PositionInputSchema>
export const EducationInputSchema = z.object({
  schoolName: z.string().trim().min(1).max(300),
  degree: z.string().trim().max(300).optional(),
  startYear: year.optional(),
  endYear: year.optional(),
})
export type EducationInput = z.input<typeof EducationInputSchema>
export const NoteInputSchema = z.object({
  content: z.string().min(1).max(100_000),
  noteTypeId: ref.nullable().optional(),
  subject: z.string().trim().max(300).optional(),
})
export type NoteInput = z.input<typeof NoteInputSchema>
export const AttachmentInputSchema = z.object({
  url: UrlInputSchema,
  fileName: z.string().trim().min(1).max(255),
  attachmentType: z.enum(["resume", "other"]),
  contentType: z.string().trim().max(200).optional(),
})
export type AttachmentInput = z.input<typeof AttachmentInputSchema>
export const PageInputSchema = z.object({
  limit: z.number().int().min(1).max(100).optional(),
  offset: z.number().int().min(0).optional(),
})
export type PageInput = z.input<typeof PageInputSchema>
