import * as z from "zod"
import { CAPTURE_LIMITS as MAX } from "./capture-limits"
import { CustomFieldIdSchema } from "./fields"
import { PersonKeySchema } from "./person-key"

const text = (max: number) => z.string().trim().max(max)
const year = z.number().int().min(1900).max(2100)
const month = z.number().int().min(1).max(12)

export const PositionSchema = z.object({
  title: text(MAX.field).min(1),
  company: text(MAX.field).optional(),
  startYear: year.optional(),
  startMonth: month.optional(),
  endYear: year.optional(),
  endMonth: month.optional(),
  current: z.boolean().optional(),
})
export type Position = z.infer<typeof PositionSchema>

export const EducationSchema = z.object({
  school: text(MAX.field).min(1),
  degree: text(MAX.field).optional(),
  startYear: year.optional(),
  endYear: year.optional(),
})
export type Education = z.infer<typeof EducationSchema>

export const CaptureSourceSchema = z.enum(["linkedin", "linkedin_recruiter", "sales_navigator", "github", "schema_org", "outreach"])
export type CaptureSource = z.infer<typeof CaptureSourceSchema>

const HttpUrlSchema = z
  .string()
  .trim()
  .max(MAX.url)
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
  name: text(MAX.name).min(1, "name is required"),
  firstName: text(MAX.part).optional(),
  lastName: text(MAX.part).optional(),
  headline: text(MAX.headline).optional(),
  title: text(MAX.field).optional(),
  company: text(MAX.field).optional(),
  location: text(MAX.field).optional(),
  linkedinUrl: HttpUrlSchema.optional(),
  website: HttpUrlSchema.optional(),
  biography: text(MAX.bio).optional(),
  emails: z.array(text(MAX.email).min(3)).max(MAX.list).default([]),
  phones: z.array(text(MAX.phone).min(3)).max(MAX.list).default([]),
  positions: z.array(PositionSchema).max(MAX.positions).default([]),
  education: z.array(EducationSchema).max(MAX.education).default([]),
  /** A CV the outreach side holds, fetched by Clockwork from this URL. */
  cvUrl: HttpUrlSchema.optional(),
  /** Firm custom field values the page or outreach side supplied, by `custom:<id>`. */
  custom: z.partialRecord(CustomFieldIdSchema, text(MAX.custom)).optional(),
})
export type ProfileCapture = z.infer<typeof ProfileCaptureSchema>
export type ProfileCaptureInput = z.input<typeof ProfileCaptureSchema>

