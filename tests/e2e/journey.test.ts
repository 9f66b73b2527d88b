// The product end to end, as its users meet it (issue 7, scenarios 1–7): an admin signs in,
// connects Clockwork and sets the team up in the options page; a recruiter uses the picker on the
// demo profiles; the outreach side posts events; the sandbox's write ledger shows what reached
// Clockwork. One browser, one server and one sandbox for the whole journey: each step builds on
// the one before, as it does for the people using it.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Page } from "puppeteer-core"
import type { Campaign, SendCheckResponse } from "@shared/api"
import type { TeamSettings } from "@shared/settings"
import { launchWithExtension, screenshot, screenshotOf, type ExtensionBrowser } from "./helpers/browser"
import { clickButton, fillInput, signIn, signInOn, signOut, submitActivation } from "./helpers/options"
import { openProfile as openProfileAt } from "./helpers/picker"
import { findSecrets } from "./helpers/secrets"
import { startE2eWorld, type E2eWorld } from "./helpers/world"

const WRONG_SECRET = "cws_canary_WRONG_q7Vb2Ls9Xe"
const CAMPAIGN = "VP Engineering outreach"
const JANE = "li:jane-cooper-demo"
const EDITED_PHONE = "+1 415 555 0199"

let world: E2eWorld
let ext: ExtensionBrowser
let options: Page
let campaign: Campaign

beforeAll(async () => {
  world = await startE2eWorld()
  ext = await launchWithExtension()
})

afterAll(async () => {
  await ext?.close()
  await world?.close()
})

const openProfile = (path: string, name: string) => openProfileAt(ext, `${world.url}${path}`, name)

async function setChecked(page: Page, name: string, checked: boolean): Promise<void> {
  const box = page.locator(`::-p-aria(${name}[role="checkbox"])`)
  const now = await box.map((el) => (el as HTMLInputElement).checked).wait()
  if (now !== checked) await box.click()
}

async function savedSection(page: Page, id: string, button: string): Promise<void> {
  await clickButton(page, button)
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === "Saved", { timeout: 15_000 }, `#section-${id} .cg-saved`)
}

const value = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).value)
const checked = (page: Page, name: string) => page.locator(`::-p-aria(${name})`).map((el) => (el as HTMLInputElement).checked).wait()
const pressed = (page: Page, name: string) => page.locator(`::-p-aria(${name}[role="button"])`).map((el) => el.getAttribute("aria-pressed")).wait()

describe("Cogsync end to end: admin set-up, recruiter picker, outreach events, Clockwork writes", () => {
  it("activates Clockwork from the options page: a wrong secret shows a clear error and stores nothing; the sandbox credentials show the green Connected box", async () => {
    options = await signIn(ext, world.url, world.admin.token, world.admin.name)
    await screenshotOf(options, "#section-account", "options-signed-in")

    await submitActivation(options, { apiKey: world.credentials.apiKey, apiSecret: WRONG_SECRET, subdomain: world.credentials.firm, serviceKey: world.credentials.serviceKey })
    const error = await options.locator('[data-testid="activation-error"]').map((el) => el.textContent ?? "").wait()
    expect(error).toMatch(/Clockwork rejected these credentials/)
    expect(error).not.toContain(WRONG_SECRET)
    await screenshotOf(options, "#section-clockwork", "options-activation-error")
    expect((await world.api<{ state: string }>("GET", "/integration")).body.state).toBe("not_connected")
    expect(world.sql("SELECT * FROM integrations WHERE api_key_enc IS NOT NULL")).toEqual([])

    await fillInput(options, "#cw-apiSecret", world.credentials.apiSecret)
    await clickButton(options, "Activate")
    const connected = await options.locator('[data-testid="clockwork-connected"]').map((el) => el.textContent ?? "").wait()
    expect(connected).toContain("Connected")
    expect(connected).toContain(`${world.credentials.firm}.clockworkrecruiting.com`)
    expect(connected).toContain(`••••${world.credentials.apiKey.slice(-4)}`)
    expect((await world.api<{ state: string }>("GET", "/integration")).body.state).toBe("connected")
    await screenshotOf(options, "#section-clockwork", "options-connected")
  })

  it("keeps the admin's settings (add Person on reply, locked; displayed and mandatory fields; note and stage mappings; a default tag) across a reload", async () => {
    await options.bringToFront()
    await options.locator('::-p-aria(Only when they reply[role="radio"])').click()
    await options.locator('::-p-aria(Lock Add Person to Clockwork[role="button"])').click()
    await fillInput(options, "#set-default-tags", "Outreach")
    await savedSection(options, "adding", "Save adding to clockwork")

    for (const field of ["Title", "Company", "Phone"]) await setChecked(options, `Display ${field}`, true)
    for (const field of ["Location", "Email"]) await setChecked(options, `Display ${field}`, false)
    await setChecked(options, "Email is mandatory", true)
    await savedSection(options, "personFields", "Save person fields")

    await options.locator("#note-type-email").fill("nt-email")
    await options.locator("#note-type-replied").fill("nt-follow-up")
    await savedSection(options, "notes", "Save activity notes")

    await options.locator("#stage-replied").fill("st-pursuing")
    await savedSection(options, "stages", "Save contact stages")
    for (const id of ["adding", "personFields", "notes", "stages"]) await screenshotOf(options, `#section-${id}`, `options-${id}`)

    await options.reload({ waitUntil: "domcontentloaded" })
    await options.locator("#set-default-tags").wait()
    expect(await checked(options, 'Only when they reply[role="radio"]')).toBe(true)
    expect(await pressed(options, "Lock Add Person to Clockwork")).toBe("true")
    expect(await value(options, "#set-default-tags")).toBe("Outreach")
    for (const field of ["Title", "Company", "Phone"]) expect(await checked(options, `Display ${field}[role="checkbox"]`)).toBe(true)
    for (const field of ["Location", "Email"]) expect(await checked(options, `Display ${field}[role="checkbox"]`)).toBe(false)
    expect(await checked(options, 'Email is mandatory[role="checkbox"]')).toBe(true)
    expect(await value(options, "#note-type-email")).toBe("nt-email")
    expect(await value(options, "#note-type-replied")).toBe("nt-follow-up")
    expect(await value(options, "#stage-replied")).toBe("st-pursuing")

    const { settings } = (await world.api<{ settings: TeamSettings }>("GET", "/settings")).body
    expect(settings.adding.addPersonWhen).toBe("replied")
    expect(settings.locks).toContain("adding.addPersonWhen")
    expect(settings.defaults.tags).toEqual(["Outreach"])
    expect([...settings.personFields.displayed].sort()).toEqual(["company", "phone", "title"])
    expect(settings.personFields.mandatory).toEqual(["email"])
    expect(settings.notes.typeMapping).toMatchObject({ email: "nt-email", replied: "nt-follow-up" })
    expect(settings.stages.mapping).toMatchObject({ replied: "st-pursuing" })
  })

  it("creates a campaign that syncs as Person with its own tag, linked to the demo Clockwork project", async () => {
    await options.bringToFront()
    await clickButton(options, "New campaign")
    await fillInput(options, "#campaign-new-name", CAMPAIGN)
    await options.locator("#campaign-new-sync-as").fill("person")
    await fillInput(options, "#campaign-new-tags", "Engineering")
    await options.locator("#campaign-new-project").fill("proj-demo-vpe")
    await clickButton(options, "Create campaign")
    const row = await options.locator(`::-p-aria(Edit campaign ${CAMPAIGN}[role="button"])`).map((el) => el.closest("tr")?.textContent ?? "").wait()
    expect(row).toContain("VP Engineering — Northwind (demo)")
    expect(row).toContain("Engineering")
    await screenshotOf(options, "#section-campaigns", "options-campaigns")

    const list = (await world.api<{ campaigns: Campaign[] }>("GET", "/campaigns")).body.campaigns
    expect(list).toHaveLength(1)
    campaign = list[0]!
    expect(campaign).toMatchObject({ name: CAMPAIGN, options: { syncAs: "person", tags: ["Engineering"], clockworkProjectId: "proj-demo-vpe" } })
  })

  it("shows a recruiter on a new person's profile the campaign's Sync as, the inherited tags, their own tag and phone, the preview, and adds her to the campaign", async () => {
    await options.bringToFront()
    await signOut(options)
    await signInOn(options, world.url, world.recruiter.token, world.recruiter.name)

    const { page, picker } = await openProfile("/demo/in/jane-cooper-demo", "Jane Cooper")
    await picker.waitForText({ testId: "new-person-badge" }, "New person")
    await picker.waitForText({ testId: "preview-action" }, "Creates a new Person in Clockwork")
    await screenshot(page, "picker-jane-new-person", { fullPage: false })

    await picker.click({ testId: "more-options" })
    await picker.select("#cs-campaign", campaign.id)
    await picker.waitForText({ testId: "sync-as-source" }, `From campaign “${CAMPAIGN}”`)
    expect(await picker.prop("#cs-sync-as", (el) => (el as HTMLSelectElement).value)).toBe("person")
    await picker.waitForText('[aria-label="Tags to add in Clockwork"]', /^Outreach\s*Engineering$/)

    await picker.fill({ label: "Add a tag" }, "Leadership")
    await picker.page.keyboard.press("Enter")
    await picker.waitForText(".cs-chip-added", "Leadership")
    await picker.fill({ label: "Phone" }, EDITED_PHONE)
    const preview = await picker.waitForText({ testId: "preview" }, EDITED_PHONE)
    expect(preview).toContain("Creates a new Person in Clockwork")
    await picker.waitForText({ testId: "preview" }, "Tags: Outreach, Engineering, Leadership")
    await screenshot(page, "picker-jane-overrides", { fullPage: false })

    await picker.click({ testId: "add-to-campaign" })
    await picker.waitForText({ testId: "picker-notice" }, `Added to “${CAMPAIGN}”.`)

    const members = (await world.api<{ members: { personKey: string }[] }>("GET", `/campaigns/${campaign.id}/members`)).body.members
    expect(members.map((m) => m.personKey)).toEqual([JANE])
    const { override } = (await world.api<{ override: { fields: Record<string, string>; tags: { add: string[] } } | null }>("GET", `/overrides?personKey=${JANE}&campaignId=${campaign.id}`)).body
    expect(override?.fields).toEqual({ phone: EDITED_PHONE })
    expect(override?.tags.add).toEqual(["Leadership"])
    await world.drain()
    // Added to the campaign, but the team adds a Person only when they reply.
    expect(world.ledger("person.create")).toEqual([])
    await page.close()
  })

  it("creates exactly one Person when the outreach side reports an email and then a reply: her fields and tags, one typed note per event, the mapped status on the project", async () => {
    const at = () => new Date().toISOString()
    const base = { personKey: JANE, campaignId: campaign.id }
    const sent = await world.api("POST", "/events", { ...base, id: "e2e-jane-email-1", type: "activity", channel: "email", subject: "VP Engineering at Northwind", body: "Hi Jane, would you be open to a chat?", occurredAt: at() }, world.recruiter.token)
    expect(sent.status).toBe(202)
    await world.drain()
    expect(world.ledger("person.create")).toEqual([])

    const replied = await world.api("POST", "/events", { ...base, id: "e2e-jane-reply-1", type: "replied", channel: "email", body: "Happy to talk next week.", occurredAt: at() }, world.recruiter.token)
    expect(replied.status).toBe(202)
    await world.drain()

    const creates = world.ledger("person.create")
    expect(creates).toHaveLength(1)
    const personId = creates[0]!.resourceId!
    const state = world.sandbox.state(world.credentials.firm)!
    const jane = state.people[personId]!
    const tagName = (id: string) => state.tags[id]?.name
    expect(jane.name).toBe("Jane Cooper")
    expect(jane.emails.map((e) => e.address)).toEqual(["jane.cooper@example.com"])
    // The phone she edited replaces the page's phone: only the edited one is written.
    expect(jane.phoneNumbers.map((p) => p.digits)).toEqual([EDITED_PHONE])
    expect(jane.positions.find((p) => p.endYear === null)).toMatchObject({ title: "Staff Software Engineer" })
    expect(jane.tags.map((t) => tagName(t.tagId)).sort()).toEqual(["Engineering", "Leadership", "Outreach"])

    const notes = Object.values(state.notes).filter((n) => n.personId === personId)
    expect(notes.map((n) => n.noteTypeId).sort()).toEqual(["nt-email", "nt-follow-up"])
    expect(notes.find((n) => n.noteTypeId === "nt-email")?.content).toContain("would you be open to a chat?")
    expect(notes.find((n) => n.noteTypeId === "nt-follow-up")?.content).toContain("Happy to talk next week.")
    expect(world.ledger("note.create")).toHaveLength(2)

    const candidacies = Object.values(state.candidacies).filter((c) => c.personId === personId)
    expect(candidacies).toHaveLength(1)
    expect(candidacies[0]).toMatchObject({ projectId: "proj-demo-vpe", statusId: "st-pursuing" })

    const { page, picker } = await openProfile("/demo/in/jane-cooper-demo", "Jane Cooper")
    await picker.waitForText({ testId: "in-clockwork-badge" }, "In Clockwork")
    await picker.waitForText({ testId: "last-sync" }, "Synced")
    await screenshot(page, "picker-jane-in-clockwork", { fullPage: false })
    await page.bringToFront()
    const popup = await ext.openPopup()
    await popup.locator('[data-testid="tab-person"]').wait()
    expect(await popup.$eval('[data-testid="tab-person"]', (el) => el.textContent)).toBe("Jane Cooper")
    await popup.waitForFunction(() => document.querySelector('[data-testid="clockwork-status"]')?.textContent?.includes("Connected"), { timeout: 15_000 })
    await popup.waitForFunction(() => document.body.textContent?.includes("Synced"), { timeout: 15_000 })
    await screenshot(popup, "popup-jane")
    await popup.close()
    await page.close()
  })

  it("shows an existing Clockwork person as In Clockwork, matched by LinkedIn URL", async () => {
    const { page, picker } = await openProfile("/demo/in/robert-fox-demo", "Robert Fox")
    await picker.waitForText({ testId: "in-clockwork-badge" }, "In Clockwork")
    await picker.waitForText(".cs-match", "matched by LinkedIn URL")
    await screenshot(page, "picker-robert-in-clockwork", { fullPage: false })
    await page.close()
  })

  it("never creates a person the recruiter set to Don't sync, whatever the outreach side reports", async () => {
    const { page, picker } = await openProfile("/demo/people/cody-fisher", "Cody Fisher")
    await picker.waitForText({ testId: "new-person-badge" }, "New person")
    await picker.select("#cs-sync-as", "none")
    await picker.waitForText({ testId: "sync-as-source" }, "Your override for this person")
    expect(await picker.prop({ testId: "push-now" }, (el) => (el as HTMLButtonElement).disabled)).toBe(true)
    await picker.click({ testId: "save-override" })
    await picker.waitForText({ testId: "picker-notice" }, "Override saved.")
    await picker.waitForText({ testId: "preview-action" }, "Nothing is written")
    await screenshot(page, "picker-cody-dont-sync", { fullPage: false })

    const key = world.sql<{ person_key: string }>("SELECT person_key FROM overrides")
      .map((r) => r.person_key)
      .find((k) => k !== JANE)!
    expect(key).toBe("li:cody-fisher-demo")
    const CODY_AS_OUTREACH_KNOWS_HIM = { personKey: key, source: "outreach", name: "Cody Fisher", emails: ["cody.fisher@example.com"], linkedinUrl: "https://www.linkedin.com/in/cody-fisher-demo" }
    const at = new Date().toISOString()
    for (const [id, type] of [["e2e-cody-push", "push_requested"], ["e2e-cody-reply", "replied"], ["e2e-cody-interested", "interested"]] as const) {
      const res = await world.api("POST", "/events", { id, type, personKey: key, occurredAt: at, contact: CODY_AS_OUTREACH_KNOWS_HIM }, world.recruiter.token)
      expect(res.status, JSON.stringify(res.body)).toBe(202)
    }
    await world.drain()
    expect(world.ledger("person.create").filter((e) => JSON.stringify(e.body).includes("Cody"))).toEqual([])
    expect(Object.values(world.sandbox.state(world.credentials.firm)!.people).some((p) => p.name === "Cody Fisher")).toBe(false)
    await page.close()
  })

  it("warns about a Do Not Contact person on her profile, and the send check refuses to email her", async () => {
    const { page, picker } = await openProfile("/demo/in/eleanor-pena-demo", "Eleanor Pena")
    const warning = await picker.waitForText({ testId: "off-limits-warning" }, "Do Not Contact")
    expect(warning).toContain("Client: Globex (non-solicit until 2027-06-30)")
    expect(warning).toContain("Emails to this person are blocked.")
    await screenshot(page, "picker-eleanor-do-not-contact", { fullPage: false })

    const check = await world.api<SendCheckResponse>("GET", "/send-check?personKey=li:eleanor-pena-demo", undefined, world.recruiter.token)
    expect(check.status).toBe(200)
    expect(check.body.allowed).toBe(false)
    expect(check.body.reason).toMatch(/Do Not Contact/)
    await page.close()
  })

  it("does not let the recruiter change a locked setting, and says why in the options page and the picker", async () => {
    await options.bringToFront()
    await options.reload({ waitUntil: "domcontentloaded" })
    await options.locator("#set-default-tags").wait()
    expect(await options.$eval("#section-adding", (el) => el.textContent)).toContain("Locked")
    expect(await options.$$eval('input[name="add-person-when"]', (radios) => radios.every((r) => r.matches(":disabled")))).toBe(true)

    await clickButton(options, "New campaign")
    const when = await options.locator("#campaign-new-when").map((el) => ({ disabled: (el as HTMLSelectElement).disabled, why: el.parentElement?.textContent ?? "" })).wait()
    expect(when.disabled).toBe(true)
    expect(when.why).toContain("Locked by your admin")
    await screenshotOf(options, "#section-adding", "options-recruiter-adding")
    await screenshotOf(options, "#section-campaigns", "options-recruiter-campaign-locked")
    await clickButton(options, "Cancel")
    const refused = await world.api<{ error: { code: string; field: string } }>("POST", "/campaigns", { name: "Sneaky", options: { tags: [], addPersonWhen: "added_to_campaign" } }, world.recruiter.token)
    expect(refused.status).toBe(422)
    expect(refused.body.error).toMatchObject({ code: "locked_setting", field: "options.addPersonWhen" })

    // The admin now locks Sync as too, the picker's own control.
    await world.settings({ locks: ["adding.addPersonWhen", "defaults.syncAs"] })
    const { page, picker } = await openProfile("/demo/in/jane-cooper-demo", "Jane Cooper")
    await picker.waitForText({ testId: "sync-as-source" }, "Locked by your admin for the whole team")
    expect(await picker.prop("#cs-sync-as", (el) => (el as HTMLSelectElement).disabled)).toBe(true)
    await picker.click({ testId: "more-options" })
    await picker.waitForText({ testId: "add-person-when" }, "Only when they reply")
    expect(await picker.text({ testId: "add-person-when" })).toContain("Locked by your admin")
    await screenshot(page, "picker-jane-locked", { fullPage: false })
    await page.close()
  })

  it("leaves no Clockwork credential in the extension's storage", async () => {
    const storage = await ext.worker.storage()
    expect(Object.keys(storage.local)).toContain("token")
    const secrets = [world.credentials.apiKey, world.credentials.apiSecret, world.credentials.serviceKey, WRONG_SECRET]
    expect(findSecrets(JSON.stringify(storage), secrets)).toEqual([])
  })
})
