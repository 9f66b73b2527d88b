import * as z from "zod"

/**
 * Request bodies the sandbox accepts, after keys are normalised to camelCase (see case.ts).
 * Inner objects are strict: an unknown key is a 422 naming it, so a client that misspells a field
 * finds out here rather than against the real API.
 */

const str = (max: number) => z.string().trim().max(max)
const optStr = (max: number) => str(max).nullish()
const year = z.number().int().min(1900).max(2200)
const month = z.number().int().min(1).max(12)
const idRef = z.union([z.string().trim().min(1).max(200), z.number().int()]).transform(String)
const customValues = z.array(z.strictObject({ customFieldId: idRef, value: z.string().max(2000).nullable() })).max(200)

/** Fields a person can be created with (`POST /people {person:{…}}`). */
export const PersonCreateBody = z.strictObject({
  name: optStr(300),
  firstName: optStr(150),
  lastName: optStr(150),
  middleName: optStr(150),
  prefix: optStr(50),
  suffix: optStr(50),
  nickName: optStr(150),
  assistantName: optStr(300),
  biography: z.string().max(20_000).nullish(),
  skypeName: optStr(300),
  doNotContact: z.boolean().optional(),
  noRelocation: z.boolean().optional(),
  tagIds: z.array(idRef).max(100).optional(),
  tagNames: z.array(str(100).min(1)).max(100).optional(),
  customFieldValues: customValues.optional(),
})
export type PersonCreateBody = z.infer<typeof PersonCreateBody>

/** Fields `PATCH /people/:id {person:{…}}` may change (assumed endpoint). */
export const PersonUpdateBody = PersonCreateBody.omit({ tagIds: true, tagNames: true })
export type PersonUpdateBody = z.infer<typeof PersonUpdateBody>

export const EmailBody = z.strictObject({ address: str(320).min(1), location: optStr(50), isPreferred: z.boolean().optional() })
export const PhoneBody = z.strictObject({
  digits: str(50).min(1),
  extension: optStr(20),
  location: optStr(50),
  isPreferred: z.boolean().optional(),
})
export const AddressBody = z.strictObject({
  street: optStr(2000),
  street2: optStr(2000),
  city: optStr(200),
  state: optStr(200),
  postalCode: optStr(40),
  country: optStr(200),
  location: optStr(50),
  regionId: idRef.nullish(),
  isPreferred: z.boolean().optional(),
})
export const LinkedinUrlBody = z.strictObject({ url: str(2048).min(1), isPreferred: z.boolean().optional() })
export const WebSiteBody = z.strictObject({ url: str(2048).min(1), location: optStr(50), isPreferred: z.boolean().optional() })
export const PositionBody = z.strictObject({
  title: str(300).min(1),
  companyId: idRef.nullish(),
  companyName: optStr(300),
  startMonth: month.nullish(),
  startYear: year.nullish(),
  endMonth: month.nullish(),
  endYear: year.nullish(),
})
export const EducationBody = z.strictObject({
  schoolName: str(300).min(1),
  degree: optStr(300),
  startYear: year.nullish(),
  endYear: year.nullish(),
})
export const PersonTagBody = z.strictObject({ tagId: idRef })
export const NoteBody = z.strictObject({
  content: z.string().min(1).max(100_000),
  contentType: z.enum(["text/html", "text/plain"]).optional(),
  noteTypeId: idRef.nullish(),
  /** v1 name of the note type ("Call", "Email", …), accepted as an alternative to noteTypeId. */
  category: optStr(100),
  subject: optStr(300),
})
export const AttachmentBody = z.strictObject({
  attachmentType: z.enum(["resume", "old resume", "references", "other"]),
  url: str(2048).min(1),
  fileName: str(255).min(1),
  contentType: optStr(200),
  fileSize: z.number().int().min(0).nullish(),
  isPreferred: z.boolean().optional(),
})
export const TagBody = z.strictObject({ name: str(100).min(1) })
export const CandidacyCreateBody = z.strictObject({ personId: idRef, statusId: idRef.nullish(), stoplightStatus: z.enum(["red", "yellow", "green"]).nullish() })
export const CandidacyUpdateBody = z.strictObject({ statusId: idRef.optional(), stoplightStatus: z.enum(["red", "yellow", "green"]).nullish() })
export const WebhookBody = z.strictObject({ hookUrl: str(2048).min(1) })

/** `limit`/`offset`/`page` query parameters; default page size 25, at most 100. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  page: z.coerce.number().int().min(1).optional(),
})
