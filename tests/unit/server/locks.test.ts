import { describe, expect, it } from "vitest"
import { CampaignSyncOptionsSchema, DEFAULT_TEAM_SETTINGS, PersonOverrideSchema, type SettingPath, type TeamSettings } from "@shared/index"
import { campaignLockIssues, overrideIssues } from "../../../server/services/locks"

function settings(locks: SettingPath[], patch: Partial<TeamSettings> = {}): TeamSettings {
  return { ...DEFAULT_TEAM_SETTINGS, ...patch, locks }
}
const teamTags = { ...DEFAULT_TEAM_SETTINGS.defaults, tags: ["Outreach"] }

describe("campaignLockIssues", () => {
  it.each([
    ["syncAs differs while Sync as is locked", ["defaults.syncAs"], { syncAs: "none" }, ["options.syncAs"]],
    ["syncAs equals the locked value", ["defaults.syncAs"], { syncAs: "person" }, []],
    ["syncAs differs with nothing locked", [], { syncAs: "none" }, []],
    ["Add Person differs while it is locked", ["adding.addPersonWhen"], { addPersonWhen: "added_to_campaign" }, ["options.addPersonWhen"]],
    ["Add Person equals the locked value", ["adding.addPersonWhen"], { addPersonWhen: "replied" }, []],
    ["a tag outside the team's while tags are locked", ["defaults.tags"], { tags: ["outreach", "VIP"] }, ["options.tags"]],
    ["only team tags (any case) while tags are locked", ["defaults.tags"], { tags: ["OUTREACH"] }, []],
    ["all three at once", ["defaults.syncAs", "adding.addPersonWhen", "defaults.tags"], { syncAs: "none", addPersonWhen: "never", tags: ["VIP"] }, ["options.syncAs", "options.addPersonWhen", "options.tags"]],
  ] as const)("%s", (_name, locks, options, paths) => {
    const issues = campaignLockIssues(settings([...locks], { defaults: teamTags }), CampaignSyncOptionsSchema.parse(options))
    expect(issues.map((i) => i.path)).toEqual(paths)
  })
})

describe("overrideIssues", () => {
  const base = { personKey: "li:jane-cooper-demo" }
  it.each([
    ["a displayed field", [], { fields: { title: "CTO" } }, []],
    ["a field that is not displayed", [], { fields: { biography: "Hi", title: "CTO" } }, ["fields.biography"]],
    ["a custom field that is not displayed", [], { fields: { "custom:cf-source": "Referral" } }, ["fields.custom:cf-source"]],
    ["Sync as while it is locked", ["defaults.syncAs"], { syncAs: "none" }, ["syncAs"]],
    ["the locked Sync as value itself", ["defaults.syncAs"], { syncAs: "person" }, []],
    ["tag changes while tags are locked", ["defaults.tags"], { tags: { add: ["VIP"], remove: ["Outreach"] } }, ["tags.add", "tags.remove"]],
    ["tag changes with nothing locked", [], { tags: { add: ["VIP"] } }, []],
  ] as const)("%s", (_name, locks, override, paths) => {
    const issues = overrideIssues(settings([...locks]), PersonOverrideSchema.parse({ ...base, ...override }))
    expect(issues.map((i) => i.path)).toEqual(paths)
  })

  it("explains that a field is not displayed, by its label", () => {
    const [issue] = overrideIssues(settings([]), PersonOverrideSchema.parse({ ...base, fields: { biography: "x" } }))
    expect(issue?.message).toMatch(/^Biography is not a displayed field/)
  })
})
