// Single-page navigation: LinkedIn moves from the feed to a profile without loading a page, so the
// content script runs on all of www.linkedin.com but stays idle (no shadow root, no React, no
// message to the worker) until the URL is a profile. LinkedIn itself is played by request
// interception: the browser asks for https://www.linkedin.com/…, the test answers with loopback
// fixtures. The demo site does the same with history.pushState on the Cogsync server's pages.
import { readFileSync } from "node:fs"
import path from "node:path"
import type { CDPSession, HTTPRequest, Page } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launchWithExtension, screenshot, waitUntil, type ExtensionBrowser } from "./helpers/browser"
import { PickerDriver } from "./helpers/picker"
import { startE2eWorld, type E2eWorld } from "./helpers/world"

const DEMO_PAGES = path.resolve(import.meta.dirname, "../../server/demo/pages")
const JANE_HTML = readFileSync(path.join(DEMO_PAGES, "in/jane-cooper-demo.html"), "utf8")
const FEED_HTML = readFileSync(path.join(DEMO_PAGES, "feed.html"), "utf8")

let world: E2eWorld
let ext: ExtensionBrowser

beforeAll(async () => {
  world = await startE2eWorld()
  ext = await launchWithExtension()
  // Every message the worker receives, recorded beside its own listener (which still answers).
  await ext.worker.evaluate(() => {
    const seen: string[] = []
    Object.assign(globalThis, { __seenMessages: seen })
    chrome.runtime.onMessage.addListener((message: { type?: string }) => {
      seen.push(String(message?.type))
      return undefined
    })
  })
})

afterAll(async () => {
  await ext?.close()
  await world?.close()
})

const seenMessages = () => ext.worker.evaluate(() => [...((globalThis as unknown as { __seenMessages: string[] }).__seenMessages ?? [])])
const clearMessages = () => ext.worker.evaluate(() => void (globalThis as unknown as { __seenMessages: string[] }).__seenMessages.splice(0))

/** Resolves once the extension's content script has been injected into the page's main frame (its isolated world exists). */
async function contentScriptInjected(cdp: CDPSession, name: string): Promise<number> {
  const contexts: { id: number; name: string; auxData?: { type?: string; isDefault?: boolean } }[] = []
  cdp.on("Runtime.executionContextCreated", (e: { context: (typeof contexts)[number] }) => contexts.push(e.context))
  await cdp.send("Runtime.enable")
  return waitUntil(`the content script of ${name}`, () => contexts.find((c) => c.auxData?.type === "isolated" && c.name === name)?.id)
}

/** Lets the content script's pending work run: two animation frames in its own world. */
async function settle(cdp: CDPSession, contextId: number): Promise<void> {
  await cdp.send("Runtime.evaluate", {
    contextId,
    awaitPromise: true,
    expression: "new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))))",
  })
}

/** Navigates in the page like a single-page app: a new history entry and the new page's content, no load. */
async function navigateInApp(page: Page, url: string, html: string): Promise<void> {
  await page.evaluate(
    (to, source) => {
      const next = new DOMParser().parseFromString(source, "text/html")
      history.pushState({}, "", to)
      document.head.replaceChildren(...[...next.head.childNodes].map((n) => document.importNode(n, true)))
      document.body.replaceWith(document.importNode(next.body, true))
    },
    url,
    html,
  )
}

const pickerRegions = async (page: Page) => {
  let count = 0
  for (const region of await page.$$('aria/[role="region"]')) {
    if (await region.evaluate((el) => el.getRootNode() instanceof ShadowRoot)) count++
  }
  return count
}

describe("single-page navigation", () => {
  it("stays idle on LinkedIn's feed and shows the picker once LinkedIn navigates to a profile without a page load", async () => {
    const manifest = JSON.parse(readFileSync(path.join(ext.extensionDir, "manifest.json"), "utf8")) as { name: string }
    const page = await ext.newPage()
    await page.setRequestInterception(true)
    page.on("request", (req: HTTPRequest) => {
      const url = new URL(req.url())
      if (url.origin !== "https://www.linkedin.com") return void req.continue()
      if (url.pathname === "/feed/") return void req.respond({ status: 200, contentType: "text/html; charset=utf-8", body: FEED_HTML.replaceAll("/demo/in/", "/in/") })
      return void req.respond({ status: 404, contentType: "text/plain", body: "not part of this test" })
    })
    const cdp = await page.createCDPSession()
    const injected = contentScriptInjected(cdp, manifest.name)
    await clearMessages()
    await page.goto("https://www.linkedin.com/feed/", { waitUntil: "load" })
    const contextId = await injected
    await settle(cdp, contextId)

    expect(await page.evaluate(() => document.querySelector("plasmo-csui"))).toBeNull()
    expect(await seenMessages()).toEqual([])

    await navigateInApp(page, "/in/jane-cooper-demo/", JANE_HTML)
    const picker = await PickerDriver.find(page)
    await picker.waitForText({ testId: "picker-name" }, "Jane Cooper")
    expect(await seenMessages()).toContain("load-person")
    await screenshot(page, "spa-linkedin-profile", { fullPage: false })

    // Back to the feed: the picker goes away.
    await page.goBack()
    await picker.waitForGone(".cs-card")
    expect(new URL(page.url()).pathname).toBe("/feed/")
    await page.close()
  })

  it("shows the picker when the demo site goes from /demo/feed to /demo/in/<slug> with history.pushState", async () => {
    const page = await ext.newPage()
    await page.goto(`${world.url}/demo/feed`, { waitUntil: "load" })
    await page.waitForSelector("plasmo-csui")
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    expect(await pickerRegions(page)).toBe(0)

    await navigateInApp(page, "/demo/in/jane-cooper-demo", JANE_HTML)
    const picker = await PickerDriver.find(page)
    await picker.waitForText({ testId: "picker-name" }, "Jane Cooper")
    await picker.waitForText({ testId: "sign-in-prompt" }, "Sign in to Cogsync")
    await page.close()
  })
})
