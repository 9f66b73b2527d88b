// The picker's pure rules: where "Sync as" comes from, inherited tags, mandatory fields, and the
// override that is saved.
import { describe, expect, it } from "vitest"
import type { Campaign } from "@shared/api"
import { DEFAULT_TEAM_SETTINGS, type TeamSettings } from "@shared/settings"
import { EMPTY_DRAFT, buildOverride, effectiveSyncAs, inheritedTags, missingMandatory } from "~lib/picker-model"
import { JANE } from "./captures"

const settings = (patch: Partial<TeamSettings> = {}): TeamSettings => ({ ...DEFAULT_TEAM_SETTINGS, ...patch })
const campaign = (options: Campaign["options"]): Campaign => ({ id: "c-1", name: "VP search", options, archived: false, createdAt: "", updatedAt: "", memberCount: 0 })

describe("Sync as", () => {
  it.each([
    ["the team default", settings(), undefined, undefined, { value: "person", source: "team", locked: false }],
    ["the campaign over the team", settings(), campaign({ tags: [], syncAs: "none" }), undefined, { value: "none", source: "campaign", locked: false }],
    ["the recruiter over the campaign", settings(), campaign({ tags: [], syncAs: "none" }), "person" as const, { value: "person", source: "person", locked: false }],
    [
      "the admin's lock over everyone",
      settings({ defaults: { syncAs: "none", tags: [] }, locks: ["defaults.syncAs"] }),
      campaign({ tags: [], syncAs: "person" }),
      "person" as const,
      { value: "none", source: "lock", locked: true },
    ],
  ])("comes from %s", (_what, s, c, syncAs, expected) => {
    expect(effectiveSyncAs(s, c, { ...EMPTY_DRAFT, syncAs })).toEqual(expected)
  })
})

describe("inherited tags", () => {
  it("joins the team's and the campaign's tags once each, whatever their case", () => {
    expect(inheritedTags(settings({ defaults: { syncAs: "person", tags: ["Outreach"] } }), campaign({ tags: ["outreach", "Engineering"] }))).toEqual(["Outreach", "Engineering"])
  })

  it("keeps only the team's tags when tags are locked", () => {
    const s = settings({ defaults: { syncAs: "person", tags: ["Outreach"] }, locks: ["defaults.tags"] })
    expect(inheritedTags(s, campaign({ tags: ["Engineering"] }))).toEqual(["Outreach"])
  })
})

describe("mandatory fields", () => {
  const s = settings({ personFields: { ...DEFAULT_TEAM_SETTINGS.personFields, mandatory: ["phone", "custom:cf-source"] } })

  it("lists mandatory fields with no value on the page, in the draft or in Clockwork", () => {
    expect(missingMandatory(s, { ...JANE, phones: [] }, EMPTY_DRAFT, null)).toEqual(["phone", "custom:cf-source"])
  })

  it("counts a value typed by the recruiter", () => {
    expect(missingMandatory(s, JANE, { ...EMPTY_DRAFT, fields: { "custom:cf-source": "Referral" } }, null)).toEqual([])
  })
})

describe("the override to save", () => {
  it("keeps only edited fields that differ from the page, and the recruiter's choices", () => {
    const draft = { syncAs: "none" as const, tagsAdd: ["Leadership"], tagsRemove: ["Outreach"], fields: { title: "Staff Software Engineer", company: "Initech Labs", phone: " " } }
    expect(buildOverride(JANE, "c-1", draft, ["title", "company", "phone"])).toEqual({
      personKey: "li:jane-cooper-demo",
      campaignId: "c-1",
      syncAs: "none",
      tags: { add: ["Leadership"], remove: ["Outreach"] },
      fields: { company: "Initech Labs" },
    })
  })

  it("leaves Sync as out when the recruiter made no choice", () => {
    expect(buildOverride(JANE, undefined, EMPTY_DRAFT, [])).toEqual({ personKey: "li:jane-cooper-demo", tags: { add: [], remove: [] }, fields: {} })
  })
})
