// The "Sync as" picker, driven as a recruiter would (roles, labels, keyboard), with the background
// scripted through the fake chrome: loading, not signed in, server down, new person, in Clockwork,
// Do Not Contact, locked settings, mandatory fields, the preview, and the actions.
import { act, render, screen, waitFor, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { ProfileCaptureInput } from "@shared/capture"
import type { PersonContext } from "@shared/messages"
import { Picker } from "~components/picker/picker"
import { resetPickerStore, usePickerStore } from "~stores/picker-store"
import { ELEANOR, JANE, ROBERT } from "../unit/extension/captures"
import { CAMPAIGNS, contextFor, previewFor, settingsWith } from "./background-answers"
import { installFakeChrome, uninstallFakeChrome, type FakeChrome } from "./fake-chrome"

let fake: FakeChrome

beforeEach(() => {
  fake = installFakeChrome()
  resetPickerStore()
  fake.answer("report-capture", () => ({}))
  fake.answer("open-options", () => ({}))
})

afterEach(() => {
  resetPickerStore()
  uninstallFakeChrome()
})

async function showPicker(capture: ProfileCaptureInput, context: PersonContext | null = contextFor(), preview = previewFor(capture)) {
  if (context) fake.answer("load-person", () => context)
  fake.answer("preview-decision", () => preview)
  render(<Picker />)
  await act(() => usePickerStore.getState().load(capture))
  return userEvent.setup()
}

describe("loading", () => {
  it("shows the person at once and says it is loading until the background answers", async () => {
    let release: (c: PersonContext) => void = () => {}
    fake.answer("load-person", () => new Promise<PersonContext>((r) => (release = r)))
    fake.answer("preview-decision", () => previewFor(JANE))
    render(<Picker />)
    act(() => void usePickerStore.getState().load(JANE))
    expect(screen.getByRole("heading", { name: "Jane Cooper" })).toBeTruthy()
    expect(screen.getByTestId("picker-loading").getAttribute("role")).toBe("status")
    expect(screen.getByTestId("picker-loading").textContent).toContain("Loading Cogsync…")
    await act(async () => release(contextFor()))
    expect(screen.queryByTestId("picker-loading")).toBeNull()
    expect(screen.getByRole("combobox", { name: "Sync as" })).toBeTruthy()
  })

  it("tells the popup which person the page shows", async () => {
    await showPicker(JANE)
    expect(fake.sentOf("report-capture")).toEqual([{ capture: JANE }])
  })
})

describe("signing in", () => {
  it("asks to sign in when no token is stored, and opens the settings", async () => {
    const user = await showPicker(JANE, contextFor({ session: { signedIn: false, serverUrl: "http://127.0.0.1:8787", me: null } }))
    expect(screen.getByText("Sign in to Cogsync to sync this person to Clockwork.")).toBeTruthy()
    await user.click(screen.getByRole("button", { name: "Open Cogsync settings" }))
    expect(fake.sentOf("open-options")).toHaveLength(1)
    expect(screen.queryByRole("combobox", { name: "Sync as" })).toBeNull()
  })

  it("says when the token was refused", async () => {
    fake.answer("load-person", () => ({ error: { kind: "unauthorized", message: "This token was not accepted by the Cogsync server. Sign in again in Cogsync's options." } }))
    await showPicker(JANE, null)
    expect(screen.getByTestId("sign-in-prompt").textContent).toContain("This token was not accepted")
  })
})

describe("server down", () => {
  it("keeps working from the last settings and queues a push", async () => {
    fake.answer("push-now", () => ({ status: "queued", itemId: "item-1", reason: "Can't reach the Cogsync server" }))
    fake.answer("load-person", () => contextFor({ reachable: false, stale: true, pending: 1 }))
    fake.answer("preview-decision", () => ({ error: { kind: "unreachable", message: "Can't reach the Cogsync server at http://127.0.0.1:8787." } }))
    render(<Picker />)
    await act(() => usePickerStore.getState().load(JANE))
    const user = userEvent.setup()

    const banner = screen.getByTestId("server-down")
    expect(banner.textContent).toContain("Can't reach the Cogsync server.")
    expect(banner.textContent).toContain("(1 waiting)")
    expect(within(screen.getByTestId("preview")).getByText(/Preview unavailable: Can't reach the Cogsync server/)).toBeTruthy()

    await user.click(screen.getByRole("button", { name: "Push now" }))
    expect(fake.sentOf("push-now")).toEqual([{ capture: JANE }])
    expect(screen.getByTestId("picker-notice").textContent).toBe(
      "Queued: Can't reach the Cogsync server. Cogsync sends it as soon as it can.",
    )
  })
})

describe("what Clockwork knows", () => {
  it("marks a new person and previews the fields a push would set", async () => {
    await showPicker(JANE)
    expect(screen.getByTestId("new-person-badge").textContent).toBe("New person")
    const preview = screen.getByTestId("preview")
    expect(within(preview).getByText("Creates a new Person in Clockwork")).toBeTruthy()
    const title = within(preview).getByRole("rowheader", { name: "Title" }).closest("tr")!
    expect(within(title).getByText("Staff Software Engineer")).toBeTruthy()
    expect(within(title).getByText("Set")).toBeTruthy()
    expect(within(title).getByText("New person")).toBeTruthy()
    expect(within(preview).getByText("Outreach", { exact: false })).toBeTruthy()
  })

  it("shows an existing person with why they matched, and which fields a push keeps", async () => {
    const existing = {
      id: "p-robert-fox",
      name: "Robert Fox",
      fields: { title: "VP of Engineering", company: "Northwind Traders", location: "Seattle, WA" },
      emails: ["robert.fox@example.com"],
      linkedinUrls: ["https://www.linkedin.com/in/robert-fox-demo"],
      matchedBy: { by: "linkedin_url" as const, value: "https://www.linkedin.com/in/robert-fox-demo" },
      url: "https://demo.clockworkrecruiting.com/people/p-robert-fox",
    }
    await showPicker(ROBERT, contextFor(), previewFor(ROBERT, { existing }))
    expect(screen.getByTestId("in-clockwork-badge").textContent).toContain("In Clockwork")
    expect(screen.getByText(/matched by LinkedIn URL/)).toBeTruthy()
    expect(screen.getByRole("link", { name: "Open in Clockwork" }).getAttribute("href")).toBe("https://demo.clockworkrecruiting.com/people/p-robert-fox")
    const preview = screen.getByTestId("preview")
    expect(within(preview).getByText("Updates Robert Fox")).toBeTruthy()
    const title = within(preview).getByRole("rowheader", { name: "Title" }).closest("tr")!
    expect(within(title).getByText("Keep")).toBeTruthy()
    expect(within(title).getByText("Clockwork has “VP of Engineering”")).toBeTruthy()
    const email = within(preview).getByRole("rowheader", { name: "Email" }).closest("tr")!
    expect(within(email).getByText("Same in Clockwork")).toBeTruthy()
  })

  it("warns with Clockwork's reason when the person is Do Not Contact", async () => {
    const existing = {
      id: "p-eleanor-pena",
      name: "Eleanor Pena",
      doNotContact: true,
      doNotContactReason: "Client: Globex (non-solicit until 2027-06-30)",
      matchedBy: { by: "email" as const, value: "eleanor.pena@example.com" },
    }
    await showPicker(ELEANOR, contextFor(), previewFor(ELEANOR, { existing }))
    const warning = screen.getByRole("alert")
    expect(warning.getAttribute("data-testid")).toBe("off-limits-warning")
    expect(within(warning).getByText("Do Not Contact")).toBeTruthy()
    expect(within(warning).getByText("Client: Globex (non-solicit until 2027-06-30)")).toBeTruthy()
    expect(within(warning).getByText("Emails to this person are blocked.")).toBeTruthy()
  })

  it("refuses to render a Clockwork link that is not http(s)", async () => {
    const existing = { id: "p-x", name: "Jane Cooper", matchedBy: { by: "name" as const, value: "Jane Cooper" }, url: "javascript:alert(1)" }
    await showPicker(JANE, contextFor(), previewFor(JANE, { existing }))
    expect(screen.getByTestId("in-clockwork-badge")).toBeTruthy()
    expect(screen.queryByRole("link", { name: "Open in Clockwork" })).toBeNull()
  })
})

describe("Sync as", () => {
  it("shows where the value comes from and saves the recruiter's override", async () => {
    fake.answer("save-override", () => ({ status: "sent", itemId: "i-1", reason: null }))
    const user = await showPicker(JANE)
    expect(screen.getByTestId("sync-as-source").textContent).toBe("Team default")

    await user.selectOptions(screen.getByRole("combobox", { name: "Sync as" }), "Don't sync")
    expect(screen.getByTestId("sync-as-source").textContent).toContain("Your override for this person")
    expect(screen.getByRole("button", { name: "Push now" }).hasAttribute("disabled")).toBe(true)

    await user.click(screen.getByRole("button", { name: "Save override" }))
    expect(fake.sentOf("save-override")).toEqual([{ override: { personKey: JANE.personKey, syncAs: "none", tags: { add: [], remove: [] }, fields: {} }, name: "Jane Cooper" }])
    expect(screen.getByTestId("picker-notice").textContent).toBe("Override saved.")
  })

  it("follows the campaign's Sync as when a campaign is chosen", async () => {
    const user = await showPicker(JANE)
    await user.click(screen.getByRole("button", { name: "More sync options" }))
    await user.selectOptions(screen.getByRole("combobox", { name: "Campaign" }), "Quiet research")
    expect(screen.getByTestId("sync-as-source").textContent).toBe("From campaign “Quiet research”")
    expect((screen.getByRole("combobox", { name: "Sync as" }) as HTMLSelectElement).value).toBe("none")
    expect(fake.sentOf("load-person").at(-1)).toEqual({ capture: JANE, campaignId: "c-quiet" })
  })

  it("disables a choice the admin locked, saying why", async () => {
    const settings = settingsWith({ defaults: { syncAs: "none", tags: ["Outreach"] }, locks: ["defaults.syncAs", "defaults.tags"] })
    const user = await showPicker(JANE, contextFor({ settings }), previewFor(JANE, { settings }))
    const select = screen.getByRole("combobox", { name: "Sync as" }) as HTMLSelectElement
    expect(select.disabled).toBe(true)
    expect(select.value).toBe("none")
    expect(screen.getByTestId("sync-as-source").textContent).toBe("Locked by your admin for the whole team")

    await user.click(screen.getByRole("button", { name: "More sync options" }))
    expect(screen.getByText(/Locked by your admin: only the team's default tags are added/)).toBeTruthy()
    expect(screen.getByRole("combobox", { name: "Add a tag" }).matches(":disabled")).toBe(true)
    expect(screen.getByRole("button", { name: "Remove tag Outreach" }).matches(":disabled")).toBe(true)
  })
})

describe("options behind the arrow", () => {
  it("opens with the keyboard: a real button that reports whether it is expanded", async () => {
    const user = await showPicker(JANE)
    const arrow = screen.getByRole("button", { name: "More sync options" })
    expect(arrow.getAttribute("aria-expanded")).toBe("false")
    screen.getByRole("combobox", { name: "Sync as" }).focus()
    await user.tab()
    expect(document.activeElement).toBe(arrow)
    await user.keyboard("{Enter}")
    expect(arrow.getAttribute("aria-expanded")).toBe("true")
    expect(screen.getByRole("combobox", { name: "Campaign" })).toBeTruthy()
    await user.keyboard(" ")
    expect(arrow.getAttribute("aria-expanded")).toBe("false")
  })

  it("shows inherited tags, removes one, adds one, and saves both as the override", async () => {
    fake.answer("save-override", () => ({ status: "sent", itemId: "i-1", reason: null }))
    const user = await showPicker(JANE)
    await user.click(screen.getByRole("button", { name: "More sync options" }))
    const tags = screen.getByRole("list", { name: "Tags to add in Clockwork" })
    expect(within(tags).getByText("Outreach")).toBeTruthy()

    await user.click(screen.getByRole("button", { name: "Remove tag Outreach" }))
    expect(screen.getByRole("button", { name: "Keep tag Outreach" })).toBeTruthy()
    await user.type(screen.getByRole("combobox", { name: "Add a tag" }), "Leadership{Enter}")
    expect(within(tags).getByText("Leadership")).toBeTruthy()

    await user.click(screen.getByRole("button", { name: "Save override" }))
    expect(fake.sentOf("save-override")[0]?.override.tags).toEqual({ add: ["Leadership"], remove: ["Outreach"] })
  })

  it("prefills the displayed fields from the page and previews an edit before it is saved", async () => {
    const user = await showPicker(JANE)
    await user.click(screen.getByRole("button", { name: "More sync options" }))
    const title = screen.getByRole("textbox", { name: "Title" }) as HTMLInputElement
    expect(title.value).toBe("Staff Software Engineer")
    expect((screen.getByRole("textbox", { name: "Email" }) as HTMLInputElement).value).toBe("jane.cooper@example.com")

    await user.clear(title)
    await user.type(title, "Principal Engineer")
    await waitFor(() => expect(fake.sentOf("preview-decision").at(-1)?.override?.fields).toEqual({ title: "Principal Engineer" }))
  })

  it("shows the server's rejection next to the field it names", async () => {
    fake.answer("save-override", () => ({ error: { kind: "invalid", message: "company is locked for overrides", field: "fields.company", status: 422 } }))
    const user = await showPicker(JANE)
    await user.click(screen.getByRole("button", { name: "More sync options" }))
    const company = screen.getByRole("textbox", { name: "Company" })
    await user.type(company, " Labs")
    await user.click(screen.getByRole("button", { name: "Save override" }))
    expect(company.getAttribute("aria-invalid")).toBe("true")
    expect(document.getElementById(company.getAttribute("aria-describedby")!)?.textContent).toBe("company is locked for overrides")
  })
})

describe("mandatory fields", () => {
  const settings = settingsWith({ personFields: { displayed: ["title", "company", "email", "phone"], mandatory: ["phone"], updatePolicy: {}, protected: [] } })
  const noPhone = { ...JANE, phones: [] }

  it("marks mandatory fields and refuses a push while one is empty, saying which", async () => {
    fake.answer("push-now", () => ({ status: "sent", itemId: "i-1", reason: null }))
    const user = await showPicker(noPhone, contextFor({ settings }), previewFor(noPhone, { settings }))
    expect(within(screen.getByTestId("preview")).getByText("Blocked: nothing is written")).toBeTruthy()

    await user.click(screen.getByRole("button", { name: "Push now" }))
    expect(fake.sentOf("push-now")).toHaveLength(0)
    expect(screen.getByRole("alert").textContent).toBe("Fill in the mandatory Phone before pushing.")
    const phone = screen.getByRole("textbox", { name: /Phone/ })
    expect(phone.getAttribute("aria-required")).toBe("true")
    expect(phone.getAttribute("aria-invalid")).toBe("true")
    expect(document.getElementById(phone.getAttribute("aria-describedby")!)?.textContent).toBe("Required before a push")
  })

  it("pushes once the field is filled, saving the edit first", async () => {
    fake.answer("push-now", () => ({ status: "sent", itemId: "i-2", reason: null }))
    fake.answer("save-override", () => ({ status: "sent", itemId: "i-1", reason: null }))
    const user = await showPicker(noPhone, contextFor({ settings }), previewFor(noPhone, { settings }))
    await user.click(screen.getByRole("button", { name: "More sync options" }))
    await user.type(screen.getByRole("textbox", { name: /Phone/ }), "+1 415 555 0142")
    await user.click(screen.getByRole("button", { name: "Push now" }))

    expect(fake.sentOf("save-override")[0]?.override.fields).toEqual({ phone: "+1 415 555 0142" })
    expect(fake.sentOf("push-now")).toEqual([{ capture: noPhone }])
    expect(fake.state.sent.map((m) => m.type).filter((t) => t === "save-override" || t === "push-now")).toEqual(["save-override", "push-now"])
    expect(screen.getByTestId("picker-notice").textContent).toBe("Push requested: Cogsync is syncing Jane Cooper to Clockwork.")
  })
})

describe("campaigns", () => {
  it("asks for a campaign before adding, then adds to the chosen one", async () => {
    fake.answer("add-to-campaign", () => ({ status: "sent", itemId: "i-1", reason: null }))
    const user = await showPicker(JANE)
    await user.click(screen.getByRole("button", { name: "Add to campaign" }))
    const campaign = screen.getByRole("combobox", { name: "Campaign" })
    expect(document.getElementById(campaign.getAttribute("aria-describedby")!)?.textContent).toBe("Choose a campaign first")

    await user.selectOptions(campaign, CAMPAIGNS[0]!.name)
    await user.click(screen.getByRole("button", { name: "Add to campaign" }))
    expect(fake.sentOf("add-to-campaign")).toEqual([{ capture: JANE, campaignId: "c-vpe" }])
    expect(screen.getByTestId("picker-notice").textContent).toBe("Added to “VP Engineering — Northwind”.")
  })
})

describe("last sync", () => {
  it("shows a failed sync with Clockwork's error", async () => {
    const lastSync = {
      id: "job-1",
      personKey: JANE.personKey,
      eventId: "e-1",
      eventType: "push_requested",
      state: "dead" as const,
      action: "create",
      attempts: 5,
      reason: null,
      lastError: "Clockwork answered 500",
      clockworkPersonId: null,
      writes: [],
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      nextAttemptAt: null,
    }
    await showPicker(JANE, contextFor({ lastSync }))
    expect(screen.getByTestId("last-sync").textContent).toBe("Last sync: Failed · just now · Clockwork answered 500")
  })
})

describe("hostile pages", () => {
  it("shows markup from the page as text and creates no element from it", async () => {
    const mallory = { ...JANE, personKey: "li:mallory", name: '<img src=x onerror="alert(1)">Mallory', headline: "<script>alert(2)</script>", title: "<b>Boss</b>" }
    const { container } = render(<div />)
    await showPicker(mallory)
    expect(screen.getByRole("heading", { name: '<img src=x onerror="alert(1)">Mallory' })).toBeTruthy()
    expect(screen.getByText("<b>Boss</b> · Initech")).toBeTruthy()
    expect(document.querySelector("img, script, b")).toBeNull()
    expect(container.ownerDocument.body.innerHTML).toContain("&lt;img src=x onerror=\"alert(1)\"&gt;Mallory")
  })
})

describe("accessibility", () => {
  it("gives every control of the opened picker an accessible name", async () => {
    const user = await showPicker(JANE)
    await user.click(screen.getByRole("button", { name: "More sync options" }))
    const picker = within(screen.getByTestId("picker"))
    for (const role of ["button", "combobox", "textbox", "link"] as const) {
      expect(picker.queryAllByRole(role, { name: /\S/ })).toHaveLength(picker.queryAllByRole(role).length)
    }
    expect(picker.getAllByRole("combobox").length).toBeGreaterThanOrEqual(3)
  })
})

describe("minimizing", () => {
  it("folds into a pill and opens again", async () => {
    const user = await showPicker(JANE)
    await user.click(screen.getByRole("button", { name: "Minimize Cogsync" }))
    expect(screen.queryByTestId("picker")).toBeNull()
    await user.click(screen.getByRole("button", { name: "Open Cogsync for Jane Cooper" }))
    expect(screen.getByTestId("picker")).toBeTruthy()
  })
})
