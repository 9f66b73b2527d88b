/**
 * The sandbox's in-memory model of Clockwork firms. Plain JSON-serialisable records (so a firm can
 * be persisted as one JSON document); timestamps are ISO strings here and formatted on the way out.
 */

export interface Stamped {
  id: string
  createdAt: string
  updatedAt: string
}

export interface EmailRec extends Stamped {
  address: string
  location: string | null
  isPreferred: boolean
}

export interface PhoneRec extends Stamped {
  digits: string
  extension: string | null
  location: string | null
  isPreferred: boolean
}

export interface AddressRec extends Stamped {
  street: string | null
  street2: string | null
  city: string | null
  state: string | null
  postalCode: string | null
  country: string | null
  location: string | null
  regionId: string | null
  isPreferred: boolean
}

export interface LinkedinUrlRec extends Stamped {
  url: string
  isPreferred: boolean
}

export interface WebSiteRec extends Stamped {
  url: string
  location: string | null
  isPreferred: boolean
}

export interface PositionRec extends Stamped {
  title: string
  companyId: string
  startMonth: number | null
  startYear: number | null
  endMonth: number | null
  endYear: number | null
}

export interface EducationRec extends Stamped {
  schoolName: string
  degree: string | null
  startYear: number | null
  endYear: number | null
}

export interface PersonTagRec {
  id: string
  tagId: string
  createdAt: string
}

export interface AttachmentRec extends Stamped {
  attachmentType: string
  fileName: string
  contentType: string | null
  fileSize: number | null
  url: string
  isPreferred: boolean
}

export interface PersonRec extends Stamped {
  name: string
  firstName: string | null
  lastName: string | null
  middleName: string | null
  prefix: string | null
  suffix: string | null
  nickName: string | null
  biography: string | null
  assistantName: string | null
  skypeName: string | null
  /** The person's own flag; company-level Do Not Contact is derived on the way out. */
  doNotContact: boolean
  noRelocation: boolean
  emails: EmailRec[]
  phoneNumbers: PhoneRec[]
  addresses: AddressRec[]
  linkedinUrls: LinkedinUrlRec[]
  webSites: WebSiteRec[]
  positions: PositionRec[]
  education: EducationRec[]
  tags: PersonTagRec[]
  /** Custom field id → value. */
  customFieldValues: Record<string, string>
  attachments: AttachmentRec[]
}

export interface CompanyDnc {
  reason: string
  /** YYYY-MM-DD, inclusive; null = already in force. */
  startDate: string | null
  /** YYYY-MM-DD, inclusive; null = open-ended. */
  endDate: string | null
}

export interface CompanyRec extends Stamped {
  name: string
  doNotContact: CompanyDnc | null
}

export interface NamedRec {
  id: string
  name: string
}

export interface StatusRec extends NamedRec {
  group: string | null
  position: number
}

export interface CustomFieldRec extends NamedRec {
  fieldType: string
}

export interface NoteRec extends Stamped {
  personId: string
  noteTypeId: string | null
  subject: string | null
  content: string
  contentType: string
}

export interface ProjectRec extends Stamped {
  name: string
  clientCompanyId: string | null
  status: string
}

export interface CandidacyRec extends Stamped {
  projectId: string
  personId: string
  statusId: string
  rank: number
  stoplightStatus: string | null
}

export interface WebhookRec {
  id: string
  hookUrl: string
  createdAt: string
}

export interface ApiKeyPair {
  apiKey: string
  apiSecret: string
}

/** The id-keyed collections of a firm; persistence stores one row per record of these. */
export const COLLECTIONS = ["people", "companies", "tags", "regions", "noteTypes", "customFields", "notes", "projects", "candidacies", "webhooks"] as const
export type Collection = (typeof COLLECTIONS)[number]

/** One firm: its credentials and everything in it. Records keep insertion order. */
export interface FirmState {
  firm: string
  credentials: { apiKeys: ApiKeyPair[]; serviceKey: string }
  people: Record<string, PersonRec>
  companies: Record<string, CompanyRec>
  tags: Record<string, NamedRec>
  regions: Record<string, NamedRec>
  statuses: StatusRec[]
  noteTypes: Record<string, NamedRec>
  customFields: Record<string, CustomFieldRec>
  notes: Record<string, NoteRec>
  projects: Record<string, ProjectRec>
  candidacies: Record<string, CandidacyRec>
  webhooks: Record<string, WebhookRec>
}

/** One accepted write, in order: what tests assert ("exactly one person created"). */
export interface LedgerEntry {
  seq: number
  /** ISO time the write was applied. */
  at: string
  firm: string
  method: string
  /** Path under `/v3.0/{firm}`, e.g. "/people/p-1/tags". */
  path: string
  /** e.g. "person.create", "person.update", "email.create", "tag.add", "note.create", "candidacy.update". */
  kind: string
  resourceId: string | null
  personId?: string
  /** The request body as the sandbox understood it (keys normalised to camelCase). */
  body: unknown
}

/** An empty firm with the given credentials. */
export function emptyFirm(firm: string, credentials: FirmState["credentials"]): FirmState {
  return {
    firm,
    credentials,
    people: {},
    companies: {},
    tags: {},
    regions: {},
    statuses: [],
    noteTypes: {},
    customFields: {},
    notes: {},
    projects: {},
    candidacies: {},
    webhooks: {},
  }
}
