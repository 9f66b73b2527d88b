import * as z from "zod"

/** Standard Clockwork person fields a recruiter can push. */
export const STANDARD_FIELD_IDS = [
  "name",
  "firstName",
  "lastName",
  "title",
  "company",
  "location",
  "email",
  "phone",
  "linkedinUrl",
  "website",
  "biography",
] as const

export const StandardFieldIdSchema = z.enum(STANDARD_FIELD_IDS)
export type StandardFieldId = z.infer<typeof StandardFieldIdSchema>

/** A firm custom field, addressed by its Clockwork id: `custom:<id>`. */
export const CustomFieldIdSchema = z.templateLiteral(["custom:", z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)])
export type CustomFieldId = z.infer<typeof CustomFieldIdSchema>

export const FieldIdSchema = z.union([StandardFieldIdSchema, CustomFieldIdSchema])
export type FieldId = z.infer<typeof FieldIdSchema>

/**
 * Fields Clockwork holds as lists (a person can have several emails, phones, LinkedIn URLs and
 * web sites). Pushing a value adds it to the list; it never replaces what is there.
 */
export const MULTI_VALUED_FIELDS: readonly FieldId[] = ["email", "phone", "linkedinUrl", "website"]

export const FIELD_LABELS: Record<StandardFieldId, string> = {
  name: "Full name",
  firstName: "First name",
  lastName: "Last name",
  title: "Title",
  company: "Company",
  location: "Location",
  email: "Email",
  phone: "Phone",
  linkedinUrl: "LinkedIn URL",
  website: "Website",
  biography: "Biography",
}

/** Human label for a field id; custom fields fall back to their id unless a label is given. */
export function fieldLabel(field: FieldId, customLabels: Readonly<Record<string, string>> = {}): string {
  if (field.startsWith("custom:")) return customLabels[field] ?? field.slice("custom:".length)
  return FIELD_LABELS[field as StandardFieldId]
}

/** A value a recruiter or the page supplies for a field: trimmed, 1–2,000 characters. */
export const FieldValueSchema = z.string().trim().max(2000)

export const FieldValuesSchema = z.partialRecord(FieldIdSchema, FieldValueSchema)
export type FieldValues = z.infer<typeof FieldValuesSchema>
