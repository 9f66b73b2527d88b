import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { DEFAULT_TEAM_SETTINGS, type SettingsHistory, type SettingsResponse, type TeamSettings } from "@shared/index"
import { apiError, startTestServer, type TestClock, type TestServer } from "../helpers/test-server"

const changed = (patch: (s: TeamSettings) => void): TeamSettings => {
  const s = structuredClone(DEFAULT_TEAM_SETTINGS)
  patch(s)
  return s
}

describe("team settings", () => {
  let t: TestServer
  beforeEach(async () => {
    t = await startTestServer({ secondTeam: true })
  })
  afterEach(async () => {
    await t.close()
  })

  it("starts every team on the defaults at version 0, readable by recruiters", async () => {
    const res = await t.request<SettingsResponse>("GET", "/settings", { token: t.tokens.recruiter })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ settings: DEFAULT_TEAM_SETTINGS, version: 0, updatedAt: null, updatedBy: null })
  })

  it("replaces the settings as a new version naming who and when", async () => {
    const next = changed((s) => {
      s.adding.addPersonWhen = "interested"
      s.locks = ["adding.addPersonWhen"]
    })
    const res = await t.request<SettingsResponse>("PUT", "/settings", { body: { settings: next, baseVersion: 0 } })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ settings: next, version: 1, updatedAt: (t.clock as TestClock).now().toISOString(), updatedBy: t.team.admin.name })
    const read = await t.request<SettingsResponse>("GET", "/settings", { token: t.tokens.recruiter })
    expect(read.body.settings.locks).toEqual(["adding.addPersonWhen"])
  })

  it("patches one field, keeping the rest of its section", async () => {
    const res = await t.request<SettingsResponse>("PATCH", "/settings", { body: { contact: { blockEmailsToOffLimits: false } } })
    expect(res.status).toBe(200)
    expect(res.body.settings.contact).toEqual({ syncManualUpdates: true, blockEmailsToOffLimits: false })
    expect(res.body.settings.adding).toEqual(DEFAULT_TEAM_SETTINGS.adding)
    expect(res.body.version).toBe(1)
  })

  it("records every change in a history admins can read, newest first", async () => {
    await t.request("PATCH", "/settings", { body: { contact: { blockEmailsToOffLimits: false } } })
    ;(t.clock as TestClock).advance(60_000)
    await t.request("PATCH", "/settings", { body: { personFields: { displayed: ["title", "email"], mandatory: ["email"] } } })
    const res = await t.request<SettingsHistory>("GET", "/settings/history")
    expect(res.status).toBe(200)
    expect(res.body.history.map((h) => [h.version, h.changes])).toEqual([
      [2, ["personFields.displayed", "personFields.mandatory"]],
      [1, ["contact.blockEmailsToOffLimits"]],
    ])
    expect(res.body.history[0]!.changedBy).toEqual({ id: t.team.admin.id, name: t.team.admin.name })
    expect(Date.parse(res.body.history[0]!.changedAt) - Date.parse(res.body.history[1]!.changedAt)).toBe(60_000)
    expect(res.body.history[0]!.settings.personFields.mandatory).toEqual(["email"])
  })

  it("keeps the version when a change changes nothing", async () => {
    const res = await t.request<SettingsResponse>("PUT", "/settings", { body: { settings: DEFAULT_TEAM_SETTINGS } })
    expect(res.body.version).toBe(0)
    const history = await t.request<SettingsHistory>("GET", "/settings/history")
    expect(history.body.history).toEqual([])
  })

  it("refuses a replace based on an older version (409 naming baseVersion)", async () => {
    await t.request("PATCH", "/settings", { body: { advanced: { dontOverwriteCv: false } } })
    const res = await t.request("PUT", "/settings", { body: { settings: DEFAULT_TEAM_SETTINGS, baseVersion: 0 } })
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ error: { code: "settings_changed", field: "baseVersion" } })
    const read = await t.request<SettingsResponse>("GET", "/settings")
    expect(read.body.settings.advanced.dontOverwriteCv).toBe(false)
  })

  it.each([
    ["settings.adding.addPersonWhen", { settings: changed((s) => ((s.adding as { addPersonWhen: string }).addPersonWhen = "sometimes")) }],
    ["settings.personFields.displayed", { settings: changed((s) => (s.personFields.displayed = ["title", "title"])) }],
    ["settings.locks.0", { settings: changed((s) => ((s.locks as string[]) = ["everything"])) }],
    ["settings.fieldMapping.title", { settings: changed((s) => (s.fieldMapping.title = "Not A Variable")) }],
    ["settings", {}],
    ["baseVersion", { settings: DEFAULT_TEAM_SETTINGS, baseVersion: -1 }],
  ])("refuses a replace with an invalid %s (400 naming it)", async (field, body) => {
    const res = await t.request("PUT", "/settings", { body })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: { code: "invalid_input", field } })
    expect(apiError(res).message).toContain(field)
  })

  it.each([
    ["adding.addPersonWhen", { adding: { addPersonWhen: "sometimes" } }],
    ["contact.syncManualUpdates", { contact: { syncManualUpdates: "yes" } }],
    ["personFields.mandatory.0", { personFields: { mandatory: ["shoeSize"] } }],
    ["unknownSection", { unknownSection: {} }],
  ])("refuses a patch with an invalid %s (400 naming it)", async (field, body) => {
    const res = await t.request("PATCH", "/settings", { body })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: { field } })
  })

  it("lists every issue of an invalid body, not only the first", async () => {
    const res = await t.request<{ error: { issues: { path: string }[] } }>("PATCH", "/settings", {
      body: { adding: { addPersonWhen: "x" }, contact: { syncManualUpdates: 1 } },
    })
    expect(res.body.error.issues.map((i) => i.path).sort()).toEqual(["adding.addPersonWhen", "contact.syncManualUpdates"])
  })

  it("gives concurrent changes consecutive versions without losing one", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.request<SettingsResponse>("PATCH", "/settings", { body: { defaults: { tags: [`Tag ${i}`] } } })),
    )
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200))
    expect(results.map((r) => r.body.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    const history = await t.request<SettingsHistory>("GET", "/settings/history")
    expect(history.body.history.map((h) => h.version)).toEqual([8, 7, 6, 5, 4, 3, 2, 1])
  })

  it("keeps each team's settings to itself", async () => {
    await t.request("PATCH", "/settings", { body: { defaults: { syncAs: "none" } } })
    const other = await t.request<SettingsResponse>("GET", "/settings", { token: t.otherTeam!.tokens.admin })
    expect(other.body.settings.defaults.syncAs).toBe("person")
    const history = await t.request<SettingsHistory>("GET", "/settings/history", { token: t.otherTeam!.tokens.admin })
    expect(history.body.history).toEqual([])
  })
})
