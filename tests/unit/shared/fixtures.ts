import {
  ClockworkPersonSnapshotSchema,
  DEFAULT_TEAM_SETTINGS,
  OutreachEventSchema,
  PersonOverrideSchema,
  ProfileCaptureSchema,
  TeamSettingsSchema,
  applySettingsPatch,
  type ClockworkPersonSnapshot,
  type ClockworkPersonSnapshotInput,
  type OutreachEvent,
  type OutreachEventInput,
  type PersonOverride,
  type PersonOverrideInput,
  type ProfileCapture,
  type ProfileCaptureInput,
  type TeamSettings,
  type TeamSettingsPatch,
} from "@shared/index"

/** Team settings: the defaults with a patch applied as the server applies one (`PATCH /settings`); validated. */
export function settings(patch: TeamSettingsPatch = {}): TeamSettings {
  return TeamSettingsSchema.parse(applySettingsPatch(DEFAULT_TEAM_SETTINGS, patch))
}

export function capture(patch: Partial<ProfileCaptureInput> = {}): ProfileCapture {
  return ProfileCaptureSchema.parse({
    personKey: "li:jane-cooper",
    source: "linkedin",
    url: "https://www.linkedin.com/in/jane-cooper/",
    name: "Jane Cooper",
    firstName: "Jane",
    lastName: "Cooper",
    headline: "Staff Software Engineer at Initech",
    title: "Staff Software Engineer",
    company: "Initech",
    location: "San Francisco Bay Area",
    linkedinUrl: "https://www.linkedin.com/in/jane-cooper",
    emails: ["jane.cooper@example.com"],
    phones: ["+1 415 555 0142"],
    positions: [{ title: "Staff Software Engineer", company: "Initech", startYear: 2021, current: true }],
    education: [{ school: "UC Berkeley", degree: "BSc Computer Science", endYear: 2014 }],
    ...patch,
  })
}

export function existing(patch: Partial<ClockworkPersonSnapshotInput> = {}): ClockworkPersonSnapshot {
  return ClockworkPersonSnapshotSchema.parse({
    id: "p-jane",
    name: "Jane Cooper",
    fields: { name: "Jane Cooper", title: "Senior Engineer", company: "Initech", location: "" },
    emails: ["jane.cooper@example.com"],
    phones: [],
    linkedinUrls: ["https://www.linkedin.com/in/jane-cooper"],
    tags: [],
    doNotContact: false,
    hasCv: false,
    ...patch,
  })
}

type EventSpec = OutreachEventInput extends infer E ? (E extends unknown ? Omit<E, "id" | "personKey" | "occurredAt"> & { id?: string; personKey?: string } : never) : never

let seq = 0
export function event(input: EventSpec): OutreachEvent {
  seq += 1
  return OutreachEventSchema.parse({
    id: `evt-${seq}`,
    personKey: "li:jane-cooper",
    occurredAt: "2026-12-04T10:00:00Z",
    ...input,
  })
}

export function override(patch: Partial<PersonOverrideInput> = {}): PersonOverride {
  return PersonOverrideSchema.parse({ personKey: "li:jane-cooper", ...patch })
}
