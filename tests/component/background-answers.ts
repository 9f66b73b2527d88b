// Realistic background answers for the UI tests: a person context, and decision previews made by
// the shared resolver itself (so the picker shows what the server would compute).
import type { Campaign, ClockworkMetadata, DecisionPreviewResponse } from "@shared/api"
import { PersonOverrideSchema, type PersonOverrideInput } from "@shared/campaign"
import { ProfileCaptureSchema, type ProfileCaptureInput } from "@shared/capture"
import { ClockworkPersonSnapshotSchema, type ClockworkPersonSnapshotInput } from "@shared/clockwork"
import { FIELD_LABELS } from "@shared/fields"
import type { PersonContext } from "@shared/messages"
import { resolveSyncDecision } from "@shared/resolve"
import { DEFAULT_TEAM_SETTINGS, type TeamSettings } from "@shared/settings"

export const ME = {
  user: { id: "u-1", name: "Rita Recruiter", email: "rita@example.com", role: "recruiter" as const, createdAt: "2026-01-01T00:00:00.000Z" },
  team: { id: "t-1", name: "Northwind Search" },
}
export const ADMIN_ME = { ...ME, user: { ...ME.user, id: "u-2", name: "Ada Admin", role: "admin" as const } }

export const CAMPAIGNS: Campaign[] = [
  {
    id: "c-vpe",
    name: "VP Engineering — Northwind",
    options: { tags: ["Engineering"], clockworkProjectId: "proj-demo-vpe" },
    archived: false,
    createdAt: "2026-11-01T00:00:00.000Z",
    updatedAt: "2026-11-01T00:00:00.000Z",
    memberCount: 12,
  },
  {
    id: "c-quiet",
    name: "Quiet research",
    options: { tags: [], syncAs: "none" },
    archived: false,
    createdAt: "2026-11-02T00:00:00.000Z",
    updatedAt: "2026-11-02T00:00:00.000Z",
    memberCount: 3,
  },
]

export const METADATA: ClockworkMetadata = {
  fields: [
    { id: "name", label: "Full name", custom: false },
    { id: "title", label: "Title", custom: false },
    { id: "company", label: "Company", custom: false },
    { id: "location", label: "Location", custom: false },
    { id: "email", label: "Email", custom: false },
    { id: "phone", label: "Phone", custom: false },
    { id: "linkedinUrl", label: "LinkedIn URL", custom: false },
    { id: "custom:cf-source", label: "Source", custom: true },
    { id: "custom:cf-notice-period", label: "Notice period", custom: true },
  ],
  noteTypes: [
    { id: "nt-email", name: "Email" },
    { id: "nt-call", name: "Call" },
    { id: "nt-follow-up", name: "Follow Up" },
  ],
  statuses: [
    { id: "st-research", name: "Research", group: "Progressing" },
    { id: "st-qualifying", name: "Qualifying", group: "Progressing" },
    { id: "st-not-interested", name: "Not Interested", group: "Dropped out" },
  ],
  tags: [
    { id: "tag-outreach", name: "Outreach" },
    { id: "tag-engineering", name: "Engineering" },
    { id: "tag-leadership", name: "Leadership" },
  ],
  projects: [{ id: "proj-demo-vpe", name: "VP Engineering — Northwind (demo)" }],
  fetchedAt: "2026-12-01T00:00:00.000Z",
}

export function settingsWith(patch: Partial<TeamSettings> = {}): TeamSettings {
  return { ...structuredClone(DEFAULT_TEAM_SETTINGS), defaults: { syncAs: "person", tags: ["Outreach"] }, ...patch }
}

export function contextFor(patch: Partial<PersonContext> = {}): PersonContext {
  return {
    session: { signedIn: true, serverUrl: "http://127.0.0.1:8787", me: ME },
    reachable: true,
    stale: false,
    settings: settingsWith(),
    campaigns: CAMPAIGNS,
    override: null,
    lastSync: null,
    tags: METADATA.tags.map((t) => t.name),
    fieldLabels: { ...FIELD_LABELS, "custom:cf-source": "Source" },
    pending: 0,
    ...patch,
  }
}

/** What `POST /decisions/preview` answers, computed with the shared resolver. */
export function previewFor(
  captureInput: ProfileCaptureInput,
  options: { settings?: TeamSettings; existing?: ClockworkPersonSnapshotInput; override?: PersonOverrideInput; campaign?: Campaign } = {},
): DecisionPreviewResponse {
  const capture = ProfileCaptureSchema.parse(captureInput)
  const existing = options.existing ? ClockworkPersonSnapshotSchema.parse(options.existing) : null
  const decision = resolveSyncDecision({
    settings: options.settings ?? settingsWith(),
    capture,
    existing,
    override: options.override ? PersonOverrideSchema.parse(options.override) : null,
    campaign: options.campaign ? { ...options.campaign.options, name: options.campaign.name } : null,
  })
  return {
    decision,
    existing: existing
      ? {
          id: existing.id,
          name: existing.name,
          title: existing.fields.title ?? null,
          company: existing.fields.company ?? null,
          doNotContact: existing.doNotContact,
          doNotContactReason: existing.doNotContactReason ?? null,
          matchedBy: existing.matchedBy ?? { by: "linkedin_url", value: capture.linkedinUrl ?? "" },
          url: existing.url ?? null,
        }
      : null,
    campaign: options.campaign ? { id: options.campaign.id, name: options.campaign.name } : null,
    clockworkReachable: true,
  }
}
