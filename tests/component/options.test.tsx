// The options page: sign-in errors, host permission, Clockwork activation, every settings section
// saving its patch with its locks, validation errors next to fields, campaigns, history, and the
// read-only view recruiters get.
import { render, screen, waitFor, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { Campaign, IntegrationStatus, Me, SettingsResponse } from "@shared/api"
import type { TeamSettings } from "@shared/settings"
import { OptionsPage } from "~components/options/options-page"
import { useCampaignsStore } from "~stores/campaigns-store"
import { useIntegrationStore } from "~stores/integration-store"
import { useSessionStore } from "~stores/session-store"
import { useSettingsStore } from "~stores/settings-store"
import { ADMIN_ME, CAMPAIGNS, METADATA, ME, settingsWith } from "./background-answers"
import { installFakeChrome, uninstallFakeChrome, type FakeChrome } from "./fake-chrome"

const TOKEN = `cgs_${"k".repeat(43)}`
const NOT_CONNECTED: IntegrationStatus = { state: "not_connected", firm: null, apiKeyLast4: null, connectedAt: null, connectedBy: null, lastSuccessAt: null, lastError: null, paused: false }
const CONNECTED: IntegrationStatus = { ...NOT_CONNECTED, state: "connected", firm: "demo", apiKeyLast4: "x9Pa", connectedBy: "Ada Admin" }

let fake: FakeChrome

function resetStores() {
  for (const store of [useSessionStore, useSettingsStore, useIntegrationStore, useCampaignsStore] as const) {
    ;(store as unknown as { setState(s: unknown, replace: true): void; getInitialState(): unknown }).setState(
      (store as unknown as { getInitialState(): unknown }).getInitialState(),
      true,
    )
  }
}

/** A signed-in user with the background answering as a healthy server would. */
function signedIn(me: Me, settings: TeamSettings = settingsWith(), extra: { integration?: IntegrationStatus; campaigns?: Campaign[] } = {}) {
  let response: SettingsResponse = { settings, version: 3, updatedAt: null, updatedBy: null }
  fake.answer("get-session", () => ({ signedIn: true, serverUrl: "http://127.0.0.1:8787", me, reachable: true, error: null }))
  fake.answer("get-settings", () => response)
  fake.answer("get-metadata", () => METADATA)
  fake.answer("get-integration", () => extra.integration ?? CONNECTED)
  fake.answer("list-campaigns", () => ({ campaigns: extra.campaigns ?? CAMPAIGNS }))
  fake.answer("get-settings-history", () => ({
    history: [{ version: 3, changedAt: new Date().toISOString(), changedBy: { id: "u-2", name: "Ada Admin" }, changes: ["personFields.mandatory", "locks"], settings }],
  }))
  fake.answer("update-settings", ({ patch }) => {
    response = { ...response, settings: { ...response.settings, ...(patch as Partial<TeamSettings>) }, version: response.version + 1 }
    return response
  })
}

async function openOptions() {
  const user = userEvent.setup()
  render(<OptionsPage />)
  return user
}

const section = (name: string) => screen.getByRole("region", { name })

beforeEach(() => {
  fake = installFakeChrome()
  resetStores()
})

afterEach(() => {
  resetStores()
  uninstallFakeChrome()
})

describe("sign-in", () => {
  beforeEach(() => {
    fake.answer("get-session", () => ({ signedIn: false, serverUrl: "http://127.0.0.1:8787", me: null, reachable: null, error: null }))
  })

  it("signs in with the server URL and token, then shows the account", async () => {
    fake.answer("sign-in", () => ({ signedIn: true, serverUrl: "http://127.0.0.1:8787", me: ME, reachable: true, error: null }))
    fake.answer("get-settings", () => ({ settings: settingsWith(), version: 1, updatedAt: null, updatedBy: null }))
    fake.answer("get-metadata", () => METADATA)
    fake.answer("get-integration", () => CONNECTED)
    fake.answer("list-campaigns", () => ({ campaigns: [] }))
    const user = await openOptions()

    expect(((await screen.findByLabelText("Server URL")) as HTMLInputElement).value).toBe("http://127.0.0.1:8787")
    await user.type(screen.getByLabelText("Token"), TOKEN)
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    expect(fake.sentOf("sign-in")).toEqual([{ serverUrl: "http://127.0.0.1:8787", token: TOKEN }])
    expect((await screen.findByTestId("account-name")).textContent).toBe("Rita Recruiter")
    expect(fake.state.permissionRequests).toEqual([])
  })

  it.each([
    ["serverUrl", "Server URL", "Can't reach the Cogsync server at http://127.0.0.1:9999."],
    ["token", "Token", "This token was not accepted by the Cogsync server."],
  ])("shows the background's %s error next to that field", async (field, label, message) => {
    fake.answer("sign-in", () => ({ error: { kind: field === "token" ? "unauthorized" : "unreachable", field, message } }))
    const user = await openOptions()
    await user.type(await screen.findByLabelText("Token"), TOKEN)
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    const input = screen.getByLabelText(label)
    await waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"))
    expect(document.getElementById(input.getAttribute("aria-describedby")!)?.textContent).toBe(message)
  })

  it("checks the token's shape before asking the server", async () => {
    const user = await openOptions()
    await user.type(await screen.findByLabelText("Token"), "not-a-token")
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    const token = screen.getByLabelText("Token")
    expect(document.getElementById(token.getAttribute("aria-describedby")!)?.textContent).toBe("must be a Cogsync token (cgs_…)")
    expect(fake.sentOf("sign-in")).toEqual([])
  })

  it("asks for permission to reach a server on another origin before signing in", async () => {
    fake.answer("sign-in", () => ({ signedIn: true, serverUrl: "https://cogsync.example.com", me: ME, reachable: true, error: null }))
    fake.answer("get-settings", () => ({ settings: settingsWith(), version: 1, updatedAt: null, updatedBy: null }))
    fake.answer("get-metadata", () => METADATA)
    fake.answer("get-integration", () => CONNECTED)
    fake.answer("list-campaigns", () => ({ campaigns: [] }))
    const user = await openOptions()
    const url = await screen.findByLabelText("Server URL")
    await user.clear(url)
    await user.type(url, "https://cogsync.example.com/")
    await user.type(screen.getByLabelText("Token"), TOKEN)
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    expect(fake.state.permissionRequests).toEqual([["https://cogsync.example.com/*"]])
    expect(fake.sentOf("sign-in")).toEqual([{ serverUrl: "https://cogsync.example.com", token: TOKEN }])
  })

  it("explains that the permission is needed when it is refused", async () => {
    fake.state.permissionAnswer = false
    const user = await openOptions()
    const url = await screen.findByLabelText("Server URL")
    await user.clear(url)
    await user.type(url, "https://cogsync.example.com")
    await user.type(screen.getByLabelText("Token"), TOKEN)
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    expect(document.getElementById(url.getAttribute("aria-describedby")!)?.textContent).toBe("Cogsync needs your permission to reach https://cogsync.example.com.")
    expect(fake.sentOf("sign-in")).toEqual([])
  })
})

describe("Clockwork activation", () => {
  it("says when Clockwork cannot be reached", async () => {
    signedIn(ADMIN_ME, settingsWith(), { integration: NOT_CONNECTED })
    fake.answer("activate-integration", () => ({ error: { kind: "server", status: 502, message: "Clockwork did not answer; try again in a minute." } }))
    const user = await openOptions()
    await user.type(await screen.findByLabelText("API Key"), "cwk_demo_7Hq2Lx9Pa4")
    await user.type(screen.getByLabelText("API Secret"), "cws_demo_R8vN3kT6yW1zQ5")
    await user.type(screen.getByLabelText("Subdomain"), "demo")
    await user.type(screen.getByLabelText("Service Key"), "cwf_demo_M4bC7dE2gH9j")
    await user.click(screen.getByRole("button", { name: "Activate" }))
    expect((await screen.findByTestId("activation-error")).textContent).toBe("Clockwork did not answer; try again in a minute.")
    expect(screen.getByLabelText("API Key").getAttribute("aria-invalid")).toBeNull()
  })

  async function fillCredentials(user: ReturnType<typeof userEvent.setup>) {
    await user.type(await screen.findByLabelText("API Key"), "cwk_demo_7Hq2Lx9Pa4")
    await user.type(screen.getByLabelText("API Secret"), "cws_demo_R8vN3kT6yW1zQ5")
    await user.type(screen.getByLabelText("Subdomain"), "demo")
    await user.type(screen.getByLabelText("Service Key"), "cwf_demo_M4bC7dE2gH9j")
  }

  it("activates with the four credentials and shows the green Connected box", async () => {
    signedIn(ADMIN_ME, settingsWith(), { integration: NOT_CONNECTED })
    fake.answer("activate-integration", () => CONNECTED)
    const user = await openOptions()
    await fillCredentials(user)
    await user.click(screen.getByRole("button", { name: "Activate" }))
    expect(fake.sentOf("activate-integration")).toEqual([{ apiKey: "cwk_demo_7Hq2Lx9Pa4", apiSecret: "cws_demo_R8vN3kT6yW1zQ5", subdomain: "demo", serviceKey: "cwf_demo_M4bC7dE2gH9j" }])
    const box = await screen.findByTestId("clockwork-connected")
    expect(within(box).getByText("Connected")).toBeTruthy()
    expect(box.textContent).toContain("demo.clockworkrecruiting.com · API key ••••x9Pa")
    expect(screen.queryByLabelText("API Secret")).toBeNull()
  })

  it("shows the server's error when Clockwork rejects the credentials, marking each of them", async () => {
    signedIn(ADMIN_ME, settingsWith(), { integration: NOT_CONNECTED })
    const message = "Clockwork rejected these credentials: check the API Key, API Secret, Service Key and subdomain. Nothing was stored."
    const issues = ["apiKey", "apiSecret", "serviceKey", "subdomain"].map((path) => ({ path, message: "Clockwork did not accept this set of credentials" }))
    fake.answer("activate-integration", () => ({ error: { kind: "invalid", status: 422, field: "apiKey", message, issues } }))
    const user = await openOptions()
    await fillCredentials(user)
    await user.click(screen.getByRole("button", { name: "Activate" }))
    expect((await screen.findByTestId("activation-error")).textContent).toBe(message)
    for (const label of ["API Key", "API Secret", "Subdomain", "Service Key"]) {
      expect(screen.getByLabelText(label).getAttribute("aria-invalid")).toBe("true")
    }
    expect(screen.queryByTestId("clockwork-connected")).toBeNull()
  })

  it("checks each credential before sending them", async () => {
    signedIn(ADMIN_ME, settingsWith(), { integration: NOT_CONNECTED })
    const user = await openOptions()
    await user.type(await screen.findByLabelText("API Key"), "short")
    await user.type(screen.getByLabelText("Subdomain"), "not a subdomain!")
    await user.click(screen.getByRole("button", { name: "Activate" }))
    const key = screen.getByLabelText("API Key")
    expect(document.getElementById(key.getAttribute("aria-describedby")!)?.textContent).toBe("API Key looks too short")
    expect(screen.getByLabelText("Subdomain").getAttribute("aria-invalid")).toBe("true")
    expect(fake.sentOf("activate-integration")).toEqual([])
  })

  it("gives recruiters the status without the form", async () => {
    signedIn(ME, settingsWith(), { integration: NOT_CONNECTED })
    await openOptions()
    expect(await screen.findByText("Clockwork is not connected yet. Ask your team admin to connect it.")).toBeTruthy()
    expect(screen.queryByLabelText("API Key")).toBeNull()
  })
})

describe("team settings (admin)", () => {
  it("saves contact settings with the lock toggled on", async () => {
    signedIn(ADMIN_ME)
    const user = await openOptions()
    const contact = await screen.findByRole("region", { name: "Contact settings" })
    await user.click(within(contact).getByRole("switch", { name: "Block emails to recipients marked as off-limits" }))
    const lock = within(contact).getByRole("button", { name: "Lock Sync manual contact updates" })
    expect(lock.getAttribute("aria-pressed")).toBe("false")
    await user.click(lock)
    await user.click(within(contact).getByRole("button", { name: "Save contact settings" }))
    expect(fake.sentOf("update-settings")).toEqual([{ patch: { contact: { syncManualUpdates: true, blockEmailsToOffLimits: false }, locks: ["contact.syncManualUpdates"] } }])
    expect(await within(section("Contact settings")).findByText("Saved")).toBeTruthy()
    expect(within(section("Contact settings")).getByRole("button", { name: "Lock Sync manual contact updates" }).getAttribute("aria-pressed")).toBe("true")
  })

  it("saves when people are added, the team's Sync as and default tags, keeping other sections' locks", async () => {
    signedIn(ADMIN_ME, settingsWith({ locks: ["advanced.dontOverwriteCv"] }))
    const user = await openOptions()
    const adding = await screen.findByRole("region", { name: "Adding to Clockwork" })
    await user.click(within(adding).getByRole("radio", { name: "When added to a campaign" }))
    await user.selectOptions(within(adding).getByRole("combobox", { name: "Team default: Sync as" }), "Don't sync")
    const tags = within(adding).getByRole("combobox", { name: "Team default tags" })
    await user.clear(tags)
    await user.type(tags, "Outreach, Leadership")
    await user.click(within(adding).getByRole("button", { name: "Lock Sync as" }))
    await user.click(within(adding).getByRole("button", { name: "Save adding to clockwork" }))
    expect(fake.sentOf("update-settings")).toEqual([
      {
        patch: {
          adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false },
          defaults: { syncAs: "none", tags: ["Outreach", "Leadership"] },
          locks: ["advanced.dontOverwriteCv", "defaults.syncAs"],
        },
      },
    ])
  })

  it("edits person fields from Clockwork's live field list, custom fields included", async () => {
    signedIn(ADMIN_ME)
    const user = await openOptions()
    const fields = await screen.findByRole("region", { name: "Person fields" })
    expect(within(fields).getByRole("rowheader", { name: /Source/ })).toBeTruthy()
    await user.click(within(fields).getByRole("checkbox", { name: "Display Source" }))
    await user.click(within(fields).getByRole("checkbox", { name: "Source is mandatory" }))
    await user.selectOptions(within(fields).getByRole("combobox", { name: "Update policy for Title" }), "Always update")
    await user.click(within(fields).getByRole("checkbox", { name: "Protect Email" }))
    await user.click(within(fields).getByRole("button", { name: "Lock Mandatory fields" }))
    await user.click(within(fields).getByRole("button", { name: "Save person fields" }))
    expect(fake.sentOf("update-settings")).toEqual([
      {
        patch: {
          personFields: { displayed: ["title", "company", "location", "email", "phone", "custom:cf-source"], mandatory: ["custom:cf-source"], updatePolicy: { title: "always" }, protected: ["email"] },
          locks: ["personFields.mandatory"],
        },
      },
    ])
  })

  it("maps activities to Clockwork's live note types and picks which create notes", async () => {
    signedIn(ADMIN_ME)
    const user = await openOptions()
    const notes = await screen.findByRole("region", { name: "Activity notes" })
    await user.click(within(notes).getByRole("checkbox", { name: "Call" }))
    const replied = within(notes).getByRole("combobox", { name: "Replied" })
    expect(within(replied).getAllByRole("option").map((o) => o.textContent)).toEqual(["No type (untyped note)", "Email", "Call", "Follow Up"])
    await user.selectOptions(replied, "Follow Up")
    await user.click(within(notes).getByRole("button", { name: "Save activity notes" }))
    expect(fake.sentOf("update-settings")).toEqual([{ patch: { notes: { createFrom: ["email", "linkedin_message", "inmail", "call"], typeMapping: { replied: "nt-follow-up" } }, locks: [] } }])
  })

  it("maps outreach stages to Clockwork's live statuses", async () => {
    signedIn(ADMIN_ME)
    const user = await openOptions()
    const stages = await screen.findByRole("region", { name: "Contact stages" })
    await user.selectOptions(within(stages).getByRole("combobox", { name: "Interested" }), "Qualifying")
    await user.selectOptions(within(stages).getByRole("combobox", { name: "Not interested" }), "Not Interested")
    await user.click(within(stages).getByRole("button", { name: "Save contact stages" }))
    expect(fake.sentOf("update-settings")).toEqual([{ patch: { stages: { mapping: { interested: "st-qualifying", not_interested: "st-not-interested" } }, locks: [] } }])
  })

  it("shows a bad variable name next to its field and sends nothing", async () => {
    signedIn(ADMIN_ME)
    const user = await openOptions()
    const mapping = await screen.findByRole("region", { name: "Contact fields mapping" })
    const title = within(mapping).getByRole("textbox", { name: "Title" })
    await user.clear(title)
    await user.type(title, "Job Title")
    await user.click(within(mapping).getByRole("button", { name: "Save contact fields mapping" }))
    expect(title.getAttribute("aria-invalid")).toBe("true")
    expect(document.getElementById(title.getAttribute("aria-describedby")!)?.textContent).toBe("must be a variable name such as first_name")
    expect(fake.sentOf("update-settings")).toEqual([])
  })

  it("shows the server's validation error next to the setting it names", async () => {
    signedIn(ADMIN_ME)
    fake.answer("update-settings", () => ({ error: { kind: "invalid", status: 422, field: "advanced.dontOverwriteCv", message: "Locked while a bulk sync runs" } }))
    const user = await openOptions()
    const advanced = await screen.findByRole("region", { name: "Advanced" })
    await user.click(within(advanced).getByRole("switch", { name: "Don't overwrite existing CVs in Clockwork" }))
    await user.click(within(advanced).getByRole("button", { name: "Save advanced" }))
    const toggle = within(advanced).getByRole("switch", { name: "Don't overwrite existing CVs in Clockwork" })
    await waitFor(() => expect(toggle.getAttribute("aria-invalid")).toBe("true"))
    expect(toggle.getAttribute("aria-describedby")).toContain("set-dont-overwrite-cv-error")
    expect(document.getElementById("set-dont-overwrite-cv-error")?.textContent).toBe("Locked while a bulk sync runs")
  })

  it("lists the settings history", async () => {
    signedIn(ADMIN_ME)
    await openOptions()
    const history = await screen.findByRole("region", { name: "Settings history" })
    await waitFor(() => expect(within(history).getByText("Version 3")).toBeTruthy())
    expect(within(history).getByText("Mandatory fields, Locks")).toBeTruthy()
  })
})

describe("team settings (recruiter)", () => {
  it("shows every setting read-only, with lock icons on locked ones and no save buttons", async () => {
    signedIn(ME, settingsWith({ locks: ["defaults.syncAs", "personFields.displayed"] }))
    await openOptions()
    const adding = await screen.findByRole("region", { name: "Adding to Clockwork" })
    expect(within(adding).getByRole("combobox", { name: "Team default: Sync as" }).matches(":disabled")).toBe(true)
    expect(within(adding).getByTitle("Sync as is locked by your admin")).toBeTruthy()
    expect(within(section("Person fields")).getByTitle("Displayed fields is locked by your admin")).toBeTruthy()
    expect(within(section("Contact settings")).getByRole("switch", { name: "Sync manual contact updates to Clockwork" }).matches(":disabled")).toBe(true)
    expect(screen.queryByRole("button", { name: /^Save / })).toBeNull()
    expect(screen.queryByRole("button", { name: /^Lock / })).toBeNull()
    expect(screen.queryByRole("region", { name: "Settings history" })).toBeNull()
    expect(fake.sentOf("get-settings-history")).toEqual([])
  })
})

describe("accessibility", () => {
  it("gives every control of the admin's page an accessible name", async () => {
    signedIn(ADMIN_ME, settingsWith(), { integration: NOT_CONNECTED })
    await openOptions()
    await screen.findByRole("region", { name: "Contact fields mapping" })
    for (const role of ["button", "combobox", "textbox", "checkbox", "switch", "radio"] as const) {
      const all = screen.queryAllByRole(role)
      expect(all.length).toBeGreaterThan(0)
      expect(screen.queryAllByRole(role, { name: /\S/ })).toHaveLength(all.length)
    }
  })
})

describe("campaigns", () => {
  it("lists campaigns with their sync options", async () => {
    signedIn(ADMIN_ME)
    await openOptions()
    const campaigns = await screen.findByRole("region", { name: "Campaigns" })
    const row = within(campaigns).getByRole("rowheader", { name: "VP Engineering — Northwind" }).closest("tr")!
    expect(within(row).getByText("Engineering")).toBeTruthy()
    expect(within(row).getByText("VP Engineering — Northwind (demo)")).toBeTruthy()
    expect(within(row).getByText("12")).toBeTruthy()
  })

  it("creates a campaign with its sync options and Clockwork project", async () => {
    signedIn(ADMIN_ME)
    fake.answer("create-campaign", (body) => ({ ...CAMPAIGNS[0]!, id: "c-new", name: body.name, options: { tags: [], ...body.options }, memberCount: 0 }))
    const user = await openOptions()
    const campaigns = await screen.findByRole("region", { name: "Campaigns" })
    await user.click(within(campaigns).getByRole("button", { name: "New campaign" }))
    const form = within(campaigns).getByRole("form", { name: "New campaign" })
    await user.click(within(form).getByRole("button", { name: "Create campaign" }))
    expect(document.getElementById(within(form).getByLabelText("Campaign name").getAttribute("aria-describedby")!)?.textContent).toBe("name is required")

    await user.type(within(form).getByLabelText("Campaign name"), "Data leaders")
    await user.selectOptions(within(form).getByLabelText("Sync as"), "Person")
    await user.type(within(form).getByLabelText("Tags"), "Data, Leadership")
    await user.selectOptions(within(form).getByLabelText("Sync override: add Person"), "Only when they are interested")
    await user.selectOptions(within(form).getByLabelText("Clockwork project"), "VP Engineering — Northwind (demo)")
    await user.click(within(form).getByRole("button", { name: "Create campaign" }))
    expect(fake.sentOf("create-campaign")).toEqual([
      { name: "Data leaders", options: { tags: ["Data", "Leadership"], syncAs: "person", addPersonWhen: "interested", clockworkProjectId: "proj-demo-vpe" } },
    ])
    expect(await within(campaigns).findByRole("rowheader", { name: "Data leaders" })).toBeTruthy()
  })

  it("edits a campaign's options and archives it", async () => {
    signedIn(ADMIN_ME)
    fake.answer("update-campaign", ({ id, patch }) => ({ ...CAMPAIGNS.find((c) => c.id === id)!, ...patch, options: { tags: [], ...patch.options } }) as Campaign)
    const user = await openOptions()
    const campaigns = await screen.findByRole("region", { name: "Campaigns" })
    await user.click(within(campaigns).getByRole("button", { name: "Edit campaign Quiet research" }))
    const form = within(campaigns).getByRole("form", { name: "Edit campaign Quiet research" })
    await user.selectOptions(within(form).getByLabelText("Sync as"), "Team default")
    await user.click(within(form).getByRole("checkbox", { name: "Archived (hidden from the picker)" }))
    await user.click(within(form).getByRole("button", { name: "Save campaign" }))
    expect(fake.sentOf("update-campaign")).toEqual([{ id: "c-quiet", patch: { name: "Quiet research", options: { tags: [] }, archived: true } }])
    expect(within(campaigns).getByText("archived")).toBeTruthy()
  })
})
