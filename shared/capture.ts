import * as z from "zod"
import { CustomFieldIdSchema } from "./fields"
import { PersonKeySchema } from "./person-key"

const text = (max: number) => z.string().trim().max(max)
const year = z.number().int().min(1900).max(2100)
const month = z.number().int().min(1).max(12)

export const PositionSchema = z.object({
  title: text(300).min(1),
  company: text(300).optional(),
  startYear: year.optional(),
  startMonth: month.optional(),
  endYear: year.optional(),
  endMonth: month.optional(),
  current: z.boolean().optional(),
})
export type Position = z.infer<typeof PositionSchema>

export const EducationSchema = z.object({
  school: text(300).min(1),
  degree: text(300).optional(),
  startYear: year.optional(),
  endYear: year.optional(),
})
export type Education = z.infer<typeof EducationSchema>

export const CaptureSourceSchema = z.enum(["linkedin", "linkedin_recruiter", "sales_navigator", "github", "schema_org", "outreach"])
export type CaptureSource = z.infer<typeof CaptureSourceSchema>

const HttpUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => {
    try {
      const u = new URL(v)
      return u.protocol === "https:" || u.protocol === "http:"
    } catch {
      return false
    }
  }, "must be an http(s) URL")

/** What the extension reads off a profile page (or the outreach side knows of a contact). */
export const ProfileCaptureSchema = z.object({
  personKey: PersonKeySchema,
  source: CaptureSourceSchema,
  /** The page the capture was read from. */
  url: HttpUrlSchema.optional(),
  name: text(300).min(1, "name is required"),
  firstName: text(150).optional(),
  lastName: text(150).optional(),
  headline: text(500).optional(),
  title: text(300).optional(),
  company: text(300).optional(),
  location: text(300).optional(),
  linkedinUrl: HttpUrlSchema.optional(),
  website: HttpUrlSchema.optional(),
  biography: text(5000).optional(),
  emails: z.array(text(320).min(3)).max(20).default([]),
  phones: z.array(text(50).min(3)).max(20).default([]),
  positions: z.array(PositionSchema).max(50).default([]),
  education: z.array(EducationSchema).max(30).default([]),
  /** A CV the outreach side holds, fetched by Clockwork from this URL. */
  cvUrl: HttpUrlSchema.optional(),
  /** Firm custom field values the page or outreach side supplied, by `custom:<id>`. */
  custom: z.partialRecord(CustomFieldIdSchema, text(2000)).optional(),
})
export type ProfileCapture = z.infer<typeof ProfileCaptureSchema>
export type ProfileCaptureInput = z.input<typeof ProfileCaptureSchema>

