// Hostile pages (issue 9, item 7): profile pages whose name, headline, company and fields carry
// markup, scripts, event handlers, javascript: URLs and DOM-clobbering ids; page scripts that forge
// the extension's messages and go after the picker; a stylesheet aimed at the picker. The pages
// (tests/fixtures/hostile/) are served from a loopback server of this file under /demo/, where the
// content script runs, with nothing (no CSP) stopping their scripts.
import { readFileSync, readdirSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import path from "node:path"
import type { Page } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launchWithExtension, screenshot, type ExtensionBrowser } from "./helpers/browser"
import { signIn } from "./helpers/options"
import { PickerDriver } from "./helpers/picker"
import { startE2eWorld, type E2eWorld } from "./helpers/world"

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/hostile")
const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8" }

interface AttackReport {
  runtime: boolean
  sendMessage: string | null
  shadowRoot: string | null
  hostText: string
  pageText: string
  selection: string
  clickedInside: boolean
  messagesSeen: number
}

/** What the picker shows on the hostile profile and the page must never read. */
const PICKER_ONLY = ["Push now", "In Clockwork", "Sync as", "VP Engineering", "Northwind", "Robert Fox", "cgs_", "If you push now"]
const WRITES = ["POST /events", "PUT /overrides", "DELETE /overrides", "POST /campaigns"]

let world: E2eWorld
let ext: ExtensionBrowser
let pages: Server
let pagesUrl: string

/** Serves the fixture files under /demo/hostile/ (only those, by name). */
async function servePages(): Promise<{ server: Server; url: string }> {
  const files = new Set(readdirSync(FIXTURES))
  const server = createServer((req, res) => {
    const name = (req.url ?? "").replace(/^\/demo\/hostile\//, "").replace(/[?#].*$/, "")
    if (!files.has(name) || !(path.extname(name) in TYPES)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(name)]!, "cache-control": "no-store" }).end(readFileSync(path.join(FIXTURES, name)))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/demo/hostile` }
}

/** Console lines, dialogs and uncaught errors of a page, from the moment it opens. */
function watch(page: Page): { console: string[]; dialogs: string[] } {
  const seen = { console: [] as string[], dialogs: [] as string[] }
  page.on("console", (m) => seen.console.push(m.text()))
  page.on("pageerror", (e) => seen.console.push(`pageerror: ${String(e)}`))
  page.on("dialog", (d) => {
    seen.dialogs.push(d.message())
    void d.dismiss()
  })
  return seen
}

/** Asserts `check` stays true for `ms` (for things that must *not* happen). */
async function staysTrue(what: string, check: () => Promise<boolean>, ms = 750): Promise<void> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (!(await check())) throw new Error(`expected ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

beforeAll(async () => {
  world = await startE2eWorld()
  const activated = await world.api("POST", "/integration/activate", { apiKey: world.credentials.apiKey, apiSecret: world.credentials.apiSecret, subdomain: world.credentials.firm, serviceKey: world.credentials.serviceKey })
  if (activated.status !== 200) throw new Error(`activation answered ${activated.status}`)
  ;({ server: pages, url: pagesUrl } = await servePages())
  ext = await launchWithExtension()
  await (await signIn(ext, world.url, world.admin.token, world.admin.name)).close()
})

afterAll(async () => {
  await ext?.close()
  await new Promise((resolve) => pages?.close(resolve))
  await world?.close()
})

describe("hostile pages", () => {
  let page: Page
  let picker: PickerDriver
  let seen: { console: string[]; dialogs: string[] }

  it("shows a profile's markup, scripts and javascript: links as inert text, and no canary fires", async () => {
    page = await ext.newPage()
    seen = watch(page)
    await page.goto(`${pagesUrl}/profile.html`, { waitUntil: "load" })
    picker = await PickerDriver.find(page)
    const name = await picker.waitForText({ testId: "picker-name" }, "Mallory")
    expect(name).toBe("Mallory <img src=x onerror=__pwn('ld-name')> Hacker")
    await picker.waitForText({ testId: "in-clockwork-badge" }, "In Clockwork")
    await picker.waitForText({ testId: "preview-action" }, /\S/)
    await picker.click({ testId: "more-options" })
    expect(await picker.prop({ label: "Title" }, (el) => (el as HTMLInputElement).value)).toBe("<img src=x onerror=__pwn('position-title')>Head of Security")
    expect(await picker.prop({ label: "Company" }, (el) => (el as HTMLInputElement).value)).toContain("<script>__pwn('position-company')</script>")
    await screenshot(page, "hostile-profile", { fullPage: false })

    const live = await picker.inRoot((root) => ({
      elements: [...root.querySelectorAll("img, script, iframe, object, embed, frame, base, meta, link")].map((e) => e.outerHTML),
      handlers: [...root.querySelectorAll("*")].flatMap((e) => e.getAttributeNames().filter((a) => a.toLowerCase().startsWith("on")).map((a) => `${e.tagName} ${a}`)),
      links: [...root.querySelectorAll("[href], [src], [action], [formaction]")]
        .map((e) => e.getAttribute("href") ?? e.getAttribute("src") ?? e.getAttribute("action") ?? e.getAttribute("formaction") ?? "")
        .filter((u) => !/^https?:\/\//i.test(u)),
    }))
    expect(live).toEqual({ elements: [], handlers: [], links: [] })

    expect(await page.evaluate(() => (window as unknown as { __canary: unknown }).__canary)).toEqual({ alerts: [], pwned: [] })
    expect(seen.console.filter((line) => line.includes("CANARY"))).toEqual([])
    expect(seen.dialogs).toEqual([])
  })

  it("ignores page scripts that forge the extension's messages and events, and lets them read nothing of the picker", async () => {
    const before = world.requests().length
    const report = (await page.evaluate((id) => (window as unknown as { __attack(id: string): Promise<unknown> }).__attack(id), ext.extensionId)) as AttackReport
    expect(report.messagesSeen).toBeGreaterThan(0)

    expect(report.runtime).toBe(false)
    expect(report.sendMessage).toMatch(/^refused/)
    expect(report.shadowRoot).toBeNull()
    expect(report.clickedInside).toBe(false)
    for (const text of PICKER_ONLY) {
      expect(report.hostText, `the picker's host showed “${text}”`).not.toContain(text)
      expect(report.pageText, `the page's text showed “${text}”`).not.toContain(text)
      expect(report.selection, `a page selection showed “${text}”`).not.toContain(text)
    }

    await staysTrue("no write to reach the server and nothing to wait in the outbox", async () => {
      const writes = world.requests().slice(before).filter((line) => WRITES.some((w) => line.startsWith(w)))
      const { local } = await ext.worker.storage()
      return writes.length === 0 && ((local["outbox"] as unknown[] | undefined) ?? []).length === 0
    })
    expect(await ext.worker.badgeText()).toBe("")
    expect(world.sql("SELECT event_id FROM events")).toEqual([])
    expect(world.sql("SELECT person_key FROM overrides")).toEqual([])
    expect(await picker.text({ testId: "push-now" })).toBe("Push now")
    expect(await page.evaluate(() => (window as unknown as { __canary: unknown }).__canary)).toEqual({ alerts: [], pwned: [] })
    expect(seen.dialogs).toEqual([])
    await page.close()
  })

  it("keeps the page's CSS out of the picker: not hidden, moved or restyled", async () => {
    const styled = await ext.newPage()
    await styled.goto(`${pagesUrl}/styles.html`, { waitUntil: "load" })
    const cam = await PickerDriver.find(styled)
    await cam.waitForText({ testId: "picker-name" }, "Cam Styles")
    await cam.waitForText({ testId: "preview-action" }, /\S/)

    const host = await cam.inRoot((root) => {
      const s = getComputedStyle(root.host)
      return { display: s.display, visibility: s.visibility, opacity: s.opacity, transform: s.transform, filter: s.filter, clipPath: s.clipPath, zoom: s.zoom, contain: s.contain }
    })
    expect(host).toEqual({ display: "block", visibility: "visible", opacity: "1", transform: "none", filter: "none", clipPath: "none", zoom: "1", contain: "none" })

    const card = await cam.prop(".cs-card", (el) => {
      const s = getComputedStyle(el)
      const r = el.getBoundingClientRect()
      return { display: s.display, visibility: s.visibility, color: s.color, background: s.backgroundColor, font: s.fontFamily, size: s.fontSize, spacing: s.letterSpacing, left: Math.round(r.left), top: Math.round(r.top), width: Math.round(r.width) }
    })
    expect(card).toMatchObject({ display: "flex", visibility: "visible", color: "rgb(15, 23, 42)", background: "rgb(255, 255, 255)", size: "13px", spacing: "normal", top: 76, width: 368 })
    expect(card.font).toMatch(/^system-ui/)
    expect(card.left).toBeGreaterThan(0)
    const push = await cam.prop({ testId: "push-now" }, (el) => {
      const s = getComputedStyle(el)
      return { display: s.display, background: s.backgroundColor, color: s.color }
    })
    expect(push).toEqual({ display: "flex", background: "rgb(15, 118, 110)", color: "rgb(255, 255, 255)" })

    // And the picker is what a click there reaches.
    const hit = await styled.evaluate(() => {
      const el = document.elementFromPoint(1080, 120)
      return el?.tagName.toLowerCase() ?? null
    })
    expect(hit).toBe("plasmo-csui")
    await screenshot(styled, "hostile-styles", { fullPage: false })
    await styled.close()
  })
})

