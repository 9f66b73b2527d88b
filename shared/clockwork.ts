import * as z from "zod"
import { FieldValuesSchema } from "./fields"

/** How an existing Clockwork person was matched to a capture (shown as "why" on the badge). */
export const MatchReasonSchema = z.object({
  by: z.enum(["ledger", "linkedin_url", "email", "name"]),
  value: z.string().max(2048),
})
export type MatchReason = z.infer<typeof MatchReasonSchema>

/** The parts of an existing Clockwork person the sync rules need. */
export const ClockworkPersonSnapshotSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(300),
  /** Single-valued fields as Clockwork holds them now; absent or "" means blank. */
  fields: FieldValuesSchema.default({}),
  emails: z.array(z.string().max(320)).default([]),
  phones: z.array(z.string().max(50)).default([]),
  linkedinUrls: z.array(z.string().max(2048)).default([]),
  websites: z.array(z.string().max(2048)).default([]),
  tags: z.array(z.string().max(100)).default([]),
  doNotContact: z.boolean().default(false),
  /** Why Clockwork marks them Do Not Contact, when known (e.g. "Company Acme is off-limits until 2027-01-01"). */
  doNotContactReason: z.string().max(500).optional(),
  hasCv: z.boolean().default(false),
  matchedBy: MatchReasonSchema.optional(),
  url: z.string().max(2048).optional(),
})
export type ClockworkPersonSnapshot = z.infer<typeof ClockworkPersonSnapshotSchema>
export type ClockworkPersonSnapshotInput = z.input<typeof ClockworkPersonSnapshotSchema>
