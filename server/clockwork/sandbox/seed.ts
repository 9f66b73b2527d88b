import * as z from "zod"
import { FIRM_RE } from "../firm"
import { DEFAULT_NOTE_TYPES, DEFAULT_REGIONS, DEFAULT_STATUSES, kebab } from "./defaults"
import * as ops from "./ops"
import { emptyFirm, type FirmState } from "./state"

/**
 * What a test or the demo seeds a firm with (`POST /_sandbox/firms`, `sandbox.seedFirm`).
 * Everything but the firm and its credentials is optional; statuses and note types default to
 * Clockwork's defaults, regions to a short list. Ids may be given (readable ids such as
 * `p-robert-fox`) or are generated.
 */
const sid = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/, "letters, digits and _.:- only")
const secret = z.string().min(1).max(400).regex(/^[\x21-\x7e]+$/, "printable characters without spaces")
const named = z.object({ id: sid.optional(), name: z.string().trim().min(1).max(200) })
const day = z.iso.date()

const PersonSeed = z.object({
  id: sid.optional(),
  name: z.string().trim().min(1).max(300).optional(),
  firstName: z.string().trim().max(150).optional(),
  lastName: z.string().trim().max(150).optional(),
  biography: z.string().max(20_000).optional(),
  doNotContact: z.boolean().optional(),
  emails: z.array(z.union([z.string(), z.object({ address: z.string(), location: z.string().optional() })])).default([]),
  phones: z.array(z.union([z.string(), z.object({ digits: z.string(), extension: z.string().optional(), location: z.string().optional() })])).default([]),
  linkedinUrls: z.array(z.string()).default([]),
  webSites: z.array(z.string()).default([]),
  addresses: z
    .array(z.object({ street: z.string().optional(), city: z.string().optional(), state: z.string().optional(), postalCode: z.string().optional(), country: z.string().optional(), location: z.string().optional() }))
    .default([]),
  positions: z
    .array(
      z.object({
        title: z.string().min(1),
        companyId: sid.optional(),
        companyName: z.string().optional(),
        startMonth: z.number().int().optional(),
        startYear: z.number().int().optional(),
        endMonth: z.number().int().optional(),
        endYear: z.number().int().optional(),
      }),
    )
    .default([]),
  education: z.array(z.object({ schoolName: z.string().min(1), degree: z.string().optional(), startYear: z.number().int().optional(), endYear: z.number().int().optional() })).default([]),
  /** Tag ids or names. */
  tags: z.array(z.string()).default([]),
  /** Custom field id → value. */
  customFields: z.record(z.string(), z.string()).default({}),
  attachments: z
    .array(z.object({ fileName: z.string().min(1), attachmentType: z.enum(["resume", "old resume", "references", "other"]), url: z.string(), contentType: z.string().optional() }))
    .default([]),
  notes: z.array(z.object({ content: z.string().min(1), noteTypeId: sid.optional(), subject: z.string().optional() })).default([]),
})

export const FirmSeedSchema = z.object({
  firm: z.string().regex(FIRM_RE, "must be a subdomain: lower-case letters, digits and hyphens"),
  apiKey: secret,
  apiSecret: secret,
  serviceKey: secret,
  /** More users' key pairs (Clockwork keys are per user). */
  extraApiKeys: z.array(z.object({ apiKey: secret, apiSecret: secret })).default([]),
  tags: z.array(named).default([]),
  regions: z.array(named).optional(),
  statuses: z.array(named.extend({ group: z.string().nullable().optional() })).optional(),
  noteTypes: z.array(named).optional(),
  customFields: z.array(named.extend({ fieldType: z.string().default("text") })).default([]),
  companies: z
    .array(named.extend({ doNotContact: z.object({ reason: z.string().min(1).max(500), startDate: day.nullable().optional(), endDate: day.nullable().optional() }).optional() }))
    .default([]),
  people: z.array(PersonSeed).default([]),
  projects: z
    .array(
      named.extend({
        clientCompanyId: sid.optional(),
        candidacies: z.array(z.object({ id: sid.optional(), personId: sid, statusId: sid.optional() })).default([]),
      }),
    )
    .default([]),
})
export type FirmSeed = z.input<typeof FirmSeedSchema>

/** Builds a firm from a seed. Throws (an ApiError 422 or a plain Error) when the seed references what does not exist. */
export function buildFirm(input: FirmSeed, now: Date, newId: () => string): FirmState {
  const seed = FirmSeedSchema.parse(input)
  const s = emptyFirm(seed.firm, { apiKeys: [{ apiKey: seed.apiKey, apiSecret: seed.apiSecret }, ...seed.extraApiKeys], serviceKey: seed.serviceKey })
  const at = now.toISOString()
  const put = <T extends { id: string }>(rec: Record<string, T>, value: T) => {
    if (rec[value.id]) throw new Error(`duplicate id ${value.id}`)
    rec[value.id] = value
  }
  for (const t of seed.tags) put(s.tags, { id: t.id ?? `tag-${kebab(t.name)}`, name: t.name })
  for (const r of seed.regions ?? DEFAULT_REGIONS.map((name) => ({ name, id: undefined }))) put(s.regions, { id: r.id ?? `rg-${kebab(r.name)}`, name: r.name })
  const statuses = seed.statuses ?? DEFAULT_STATUSES.map((st) => ({ ...st, id: undefined }))
  s.statuses = statuses.map((st, i) => ({ id: st.id ?? `st-${kebab(st.name)}`, name: st.name, group: st.group ?? null, position: i + 1 }))
  for (const nt of seed.noteTypes ?? DEFAULT_NOTE_TYPES.map((name) => ({ name, id: undefined }))) put(s.noteTypes, { id: nt.id ?? `nt-${kebab(nt.name)}`, name: nt.name })
  for (const cf of seed.customFields) put(s.customFields, { id: cf.id ?? `cf-${kebab(cf.name)}`, name: cf.name, fieldType: cf.fieldType })
  for (const c of seed.companies) {
    const dnc = c.doNotContact ? { reason: c.doNotContact.reason, startDate: c.doNotContact.startDate ?? null, endDate: c.doNotContact.endDate ?? null } : null
    put(s.companies, { id: c.id ?? `co-${kebab(c.name)}`, name: c.name, doNotContact: dnc, createdAt: at, updatedAt: at })
  }
  for (const ps of seed.people) {
    const ctx: ops.OpContext = { now, newId, touch: () => undefined }
    if (ps.id && s.people[ps.id]) throw new Error(`duplicate id ${ps.id}`)
    const tagIds = ps.tags.map((t) => s.tags[t]?.id).filter((x): x is string => !!x)
    const tagNames = ps.tags.filter((t) => !s.tags[t])
    const p = ops.createPerson(s, ctx, {
      name: ps.name,
      firstName: ps.firstName,
      lastName: ps.lastName,
      biography: ps.biography,
      doNotContact: ps.doNotContact,
      tagIds,
      tagNames,
      customFieldValues: Object.entries(ps.customFields).map(([customFieldId, value]) => ({ customFieldId, value })),
    }, ps.id)
    for (const e of ps.emails) ops.addEmail(s, ctx, p.id, typeof e === "string" ? { address: e, location: "work" } : e)
    for (const ph of ps.phones) ops.addPhone(s, ctx, p.id, typeof ph === "string" ? { digits: ph, location: "mobile" } : ph)
    for (const u of ps.linkedinUrls) ops.addLinkedinUrl(s, ctx, p.id, { url: u })
    for (const u of ps.webSites) ops.addWebSite(s, ctx, p.id, { url: u })
    for (const a of ps.addresses) ops.addAddress(s, ctx, p.id, a)
    for (const pos of ps.positions) ops.addPosition(s, ctx, p.id, pos)
    for (const ed of ps.education) ops.addEducation(s, ctx, p.id, ed)
    for (const a of ps.attachments) ops.addAttachment(s, ctx, p.id, a)
    for (const n of ps.notes) ops.createNote(s, ctx, p.id, n)
  }
  for (const pr of seed.projects) {
    const id = pr.id ?? `proj-${kebab(pr.name)}`
    if (pr.clientCompanyId && !s.companies[pr.clientCompanyId]) throw new Error(`project ${id}: no company ${pr.clientCompanyId}`)
    put(s.projects, { id, name: pr.name, clientCompanyId: pr.clientCompanyId ?? null, status: "open", createdAt: at, updatedAt: at })
    for (const c of pr.candidacies) ops.addCandidacy(s, { now, newId, touch: () => undefined }, id, { personId: c.personId, statusId: c.statusId }, c.id)
  }
  return s
}
