import { describe, expect, it } from "vitest"
import {
  DEFAULT_TEAM_SETTINGS,
  OutreachEventSchema,
  PersonOverrideSchema,
  TeamSettingsPatchSchema,
  TeamSettingsSchema,
  applySettingsPatch,
  diffSettings,
} from "@shared/index"

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (r.error?.issues ?? []).map((i) => i.path.join("."))

describe("TeamSettings schema", () => {
  it("accepts the defaults", () => {
    expect(TeamSettingsSchema.safeParse(DEFAULT_TEAM_SETTINGS).success).toBe(true)
  })
  it.each([
    ["adding.addPersonWhen", { adding: { ...DEFAULT_TEAM_SETTINGS.adding, addPersonWhen: "sometimes" } }],
    ["personFields.displayed.0", { personFields: { ...DEFAULT_TEAM_SETTINGS.personFields, displayed: ["shoeSize"] } }],
    ["personFields.updatePolicy.title", { personFields: { ...DEFAULT_TEAM_SETTINGS.personFields, updatePolicy: { title: "sometimes" } } }],
    ["notes.createFrom.0", { notes: { ...DEFAULT_TEAM_SETTINGS.notes, createFrom: ["fax"] } }],
    ["stages.mapping.replied", { stages: { mapping: { replied: "" } } }],
    ["fieldMapping.title", { fieldMapping: { title: "Job Title!" } }],
    ["locks.0", { locks: ["adding.everything"] }],
    ["defaults.tags", { defaults: { syncAs: "person", tags: ["a", "a"] } }],
    ["contact.syncManualUpdates", { contact: { ...DEFAULT_TEAM_SETTINGS.contact, syncManualUpdates: "yes" } }],
  ])("names %s when it is invalid", (path, patch) => {
    const r = TeamSettingsSchema.safeParse({ ...DEFAULT_TEAM_SETTINGS, ...patch })
    expect(r.success).toBe(false)
    expect(paths(r)).toContain(path)
  })
  it("rejects unknown sections in a patch, naming them", () => {
    const r = TeamSettingsPatchSchema.safeParse({ adding: { addPersonWhen: "replied" }, extras: true })
    expect(r.success).toBe(false)
    expect(JSON.stringify(r.error?.issues)).toContain("extras")
  })
})

describe("settings patch and history diff", () => {
  it("merges a section one level deep and reports exactly what changed", () => {
    const patch = TeamSettingsPatchSchema.parse({ adding: { addPersonWhen: "interested" }, locks: ["adding.addPersonWhen"] })
    const next = applySettingsPatch(DEFAULT_TEAM_SETTINGS, patch)
    expect(next.adding).toEqual({ addPersonWhen: "interested", onlyNotesToSyncedRecords: DEFAULT_TEAM_SETTINGS.adding.onlyNotesToSyncedRecords })
    expect(diffSettings(DEFAULT_TEAM_SETTINGS, next)).toEqual(["adding.addPersonWhen", "locks"])
  })
})

describe("OutreachEvent and PersonOverride schemas", () => {
  it("names the wrong field of an event", () => {
    const r = OutreachEventSchema.safeParse({ id: "e1", type: "activity", channel: "pigeon", personKey: "li:x", occurredAt: "2026-12-04T10:00:00Z" })
    expect(paths(r)).toContain("channel")
  })
  it("rejects an event id with unsafe characters", () => {
    const r = OutreachEventSchema.safeParse({ id: "../../etc", type: "bounced", personKey: "li:x", occurredAt: "2026-12-04T10:00:00Z" })
    expect(paths(r)).toContain("id")
  })
  it("rejects a person key that is not canonical", () => {
    expect(paths(PersonOverrideSchema.safeParse({ personKey: "https://linkedin.com/in/x" }))).toContain("personKey")
  })
  it("fills defaults for an override's tags and fields", () => {
    expect(PersonOverrideSchema.parse({ personKey: "li:x" })).toEqual({ personKey: "li:x", tags: { add: [], remove: [] }, fields: {} })
  })
})
