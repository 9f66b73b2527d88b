// What the recruiter's actions survive (issue 7, scenarios 8 and 9): Chrome stopping the
// extension's service worker in the middle of a push, and the Cogsync server going away while they
// work. The outbox keeps every action and each reaches Clockwork exactly once. The firm's
// credentials here are canaries, typed into the activation form; none may end up in the
// extension's storage (issue 9, item 3).
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { CDPSession } from "puppeteer-core"
import { launchWithExtension, screenshot, waitUntil, type ExtensionBrowser } from "./helpers/browser"
import { signIn, submitActivation } from "./helpers/options"
import { openProfile as openProfileAt, PickerDriver } from "./helpers/picker"
import { findSecrets } from "./helpers/secrets"
import { startE2eWorld, type E2eWorld } from "./helpers/world"

const CANARY = { apiKey: "cwk_canary_Zp4Qm8Rt2Vx6", apiSecret: "cws_canary_Hn3Kw7Yb5Lc9Df", serviceKey: "cwf_canary_Ju6Gs1Ta8Po4" }
const JANE = "li:jane-cooper-demo"
const CODY = "li:cody-fisher-demo"

let world: E2eWorld
let ext: ExtensionBrowser

beforeAll(async () => {
  world = await startE2eWorld({ credentials: CANARY })
  ext = await launchWithExtension()
  const options = await signIn(ext, world.url, world.admin.token, world.admin.name)
  await submitActivation(options, { ...CANARY, subdomain: world.credentials.firm })
  await options.locator('[data-testid="clockwork-connected"]').wait()
  await options.close()
})

afterAll(async () => {
  await ext?.close()
  await world?.close()
})

const openProfile = (path: string, name: string) => openProfileAt(ext, `${world.url}${path}`, name, { preview: true })

const outbox = async () => {
  const { local } = await ext.worker.storage()
  return (local["outbox"] as unknown[] | undefined) ?? []
}

const badgeIs = (text: string) => waitUntil(`the toolbar badge to read “${text}”`, async () => (await ext.worker.badgeText()) === text)

const count = (lines: string[], prefix: string) => lines.filter((l) => l.startsWith(prefix)).length

describe("the outbox under a stopped service worker and a server outage", () => {
  it("completes a push exactly once when Chrome stops the service worker while the push is in flight", async () => {
    const { page, picker } = await openProfile("/demo/in/jane-cooper-demo", "Jane Cooper")
    const fetch: CDPSession = await ext.worker.session()
    // Hold the server's answer to the push: the server has the event, the worker has not heard back.
    await fetch.send("Fetch.enable", { patterns: [{ urlPattern: `${world.url}/events`, requestStage: "Response" }] })
    const answered = new Promise<{ responseStatusCode?: number }>((resolve) => fetch.once("Fetch.requestPaused", resolve))

    await picker.click({ testId: "push-now" })
    expect((await answered).responseStatusCode).toBe(202)
    expect(world.sql("SELECT event_id FROM events WHERE person_key = ?", JANE)).toHaveLength(1)

    await ext.worker.stop()
    await fetch.detach().catch(() => undefined)
    await picker.waitForText({ testId: "picker-notice" }, "Cogsync stopped before confirming this")
    await screenshot(page, "picker-worker-stopped", { fullPage: false })

    // The recruiter reloads, as the picker suggests: Chrome starts the worker, which sends what it kept.
    await page.reload({ waitUntil: "domcontentloaded" })
    const again = await PickerDriver.find(page)
    await badgeIs("")
    expect(await outbox()).toEqual([])
    await world.drain()

    const lines = world.requests()
    expect(count(lines, "POST /events -> 202")).toBe(2)
    expect(world.sql("SELECT event_id FROM events WHERE person_key = ?", JANE)).toHaveLength(1)
    expect(world.sql("SELECT id FROM jobs WHERE person_key = ?", JANE)).toHaveLength(1)
    const created = world.ledger("person.create")
    expect(created).toHaveLength(1)
    const personId = created[0]!.resourceId
    const writesOf = (kind: string) => world.ledger(kind).filter((e) => e.personId === personId)
    expect(writesOf("email.create")).toHaveLength(1)
    expect(writesOf("phone.create")).toHaveLength(1)
    expect(writesOf("linkedin_url.create")).toHaveLength(1)
    await again.waitForText({ testId: "last-sync" }, "Synced, created in Clockwork")
    await page.close()
  })

  it("keeps an override and a push in the outbox while the server is down, counts them on the badge, and sends each exactly once when it is back", async () => {
    const { page, picker } = await openProfile("/demo/people/cody-fisher", "Cody Fisher")
    await world.stopServer()

    await picker.click({ testId: "more-options" })
    await picker.fill({ label: "Phone" }, "+1 503 555 0123")
    await picker.waitForText({ testId: "preview-stale" }, "Not updated with your latest edits: Can't reach the Cogsync server")
    await picker.click({ testId: "save-override" })
    await picker.waitForText({ testId: "picker-notice" }, "Queued: Can't reach the Cogsync server")
    await badgeIs("1")
    await picker.click({ testId: "push-now" })
    await picker.waitForText({ testId: "picker-notice" }, "Queued: Can't reach the Cogsync server")
    await badgeIs("2")
    await screenshot(page, "picker-queued-offline", { fullPage: false })

    const popup = await ext.openExtensionPage("popup.html")
    await popup.setViewport({ width: 380, height: 640 })
    await popup.waitForFunction(() => document.querySelector('[data-testid="outbox-pending"]')?.textContent?.startsWith("2 actions queued"), { timeout: 15_000 })
    expect(await popup.$eval('[data-testid="server-status"]', (el) => el.textContent)).toContain("Unreachable")
    await screenshot(popup, "popup-outbox-offline")

    await world.startServerAgain()
    // Opening the popup again asks the server for the status; seeing it back, the worker sends the outbox.
    await popup.reload({ waitUntil: "domcontentloaded" })
    await badgeIs("")
    expect(await outbox()).toEqual([])
    await popup.waitForFunction(() => document.querySelector('[data-testid="server-status"]')?.textContent?.includes("Reachable"), { timeout: 15_000 })
    await world.drain()

    const lines = world.requests()
    expect(count(lines, "PUT /overrides -> 200")).toBe(1)
    expect(world.sql("SELECT event_id FROM events WHERE person_key = ?", CODY)).toHaveLength(1)
    const cody = world.ledger("person.create").filter((e) => JSON.stringify(e.body).includes("Cody Fisher"))
    expect(cody).toHaveLength(1)
    const phones = world.ledger("phone.create").filter((e) => e.personId === cody[0]!.resourceId)
    expect(phones.map((e) => (e.body as { phoneNumber?: { digits?: string } }).phoneNumber?.digits)).toEqual(["+1 503 555 0123"])
    await screenshot(popup, "popup-outbox-drained")
    await popup.close()
    await page.close()
  })

  it("leaves none of the Clockwork credentials typed at activation in the extension's storage", async () => {
    const storage = await ext.worker.storage()
    expect(storage.local["serverUrl"]).toBe(world.url)
    expect(findSecrets(JSON.stringify(storage), [CANARY.apiKey, CANARY.apiSecret, CANARY.serviceKey])).toEqual([])
  })
})
