// Debian's Chromium with the production build of the extension loaded, driven through
// puppeteer-core. Besides pages, it gives the tests a handle on the extension's service worker
// (evaluate in it, stop it like Chrome does, read the badge and storage) and writes screenshots.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import puppeteer, { type Browser, type CDPSession, type Page, type Target } from "puppeteer-core"

export const EXTENSION_DIR = path.resolve(import.meta.dirname, "../../../build/chrome-mv3-prod")
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "../../../screenshots")

export interface ExtensionStorage {
  local: Record<string, unknown>
  session: Record<string, unknown>
}

export interface ServiceWorkerHandle {
  /** Evaluates `fn(...args)` in the worker and returns its (awaited, JSON-able) result. */
  evaluate<T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T>
  /** A fresh CDP session attached to the worker (e.g. to intercept its requests with `Fetch`). */
  session(): Promise<CDPSession>
  /**
   * Stops the worker the way Chrome does when it is idle (DevTools' "Stop"), and waits until it
   * is stopped. The next event (a message, an alarm) starts it again.
   */
  stop(): Promise<void>
  /** Whether the worker runs right now. */
  running(): boolean
  badgeText(): Promise<string>
  storage(): Promise<ExtensionStorage>
}

export interface ExtensionBrowser {
  browser: Browser
  extensionId: string
  /** The unpacked build that is loaded. */
  extensionDir: string
  worker: ServiceWorkerHandle
  /** Opens an extension page (e.g. "options.html") in a new tab. */
  openExtensionPage(file: string): Promise<Page>
  /** Opens the toolbar popup for the active tab (`chrome.action.openPopup`) and returns its page. */
  openPopup(): Promise<Page>
  newPage(): Promise<Page>
  close(): Promise<void>
}

interface WorkerVersion {
  versionId: string
  scriptURL: string
  runningStatus: "stopped" | "starting" | "running" | "stopping"
  targetId?: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `check` every `everyMs` until it returns a value other than undefined/false. */
export async function waitUntil<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined && value !== false) return value
    } catch (e) {
      last = e
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`)
    await sleep(everyMs)
  }
}

/** Writes `screenshots/<name>.png` (full page unless told otherwise). */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: opts.fullPage ?? true })
}

/** Writes `screenshots/<name>.png` of one element (scrolled into view). */
export async function screenshotOf(page: Page, selector: string, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const el = await page.waitForSelector(selector)
  if (!el) throw new Error(`nothing matches ${selector} for the screenshot ${name}`)
  await el.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })
  await el.dispose()
}

const isExtensionWorker = (extensionId: string) => (t: Target) => t.type() === "service_worker" && t.url().startsWith(`chrome-extension://${extensionId}/`)

/**
 * Launches Chromium (CHROME_PATH, else /usr/bin/chromium) headless with the extension loaded.
 * NOTE: Chrome does not stop an idle worker while a debugger is attached (puppeteer attaches to
 * it), so the worker only stops when a test asks. Puppeteer sets waitForDebuggerOnStart, so a
 * worker restarted under the same target waits for the debugger: the control session below lets
 * it run whenever it starts.
 */
export async function launchWithExtension(opts: { extensionDir?: string } = {}): Promise<ExtensionBrowser> {
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR
  const profile = mkdtempSync(path.join(os.tmpdir(), "cogsync-e2e-profile-"))
  // NOTE: no speculative connections (Chrome's network predictor). A socket Chrome opens and never
  // uses keeps RunningServer.close() waiting for minutes (Node only drops it at its headers timeout),
  // which an outage test cannot afford; it also keeps the servers' access logs exact.
  mkdirSync(path.join(profile, "Default"), { recursive: true })
  writeFileSync(path.join(profile, "Default", "Preferences"), JSON.stringify({ net: { network_prediction_options: 2 } }))
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    headless: true,
    pipe: true,
    enableExtensions: [extensionDir],
    defaultViewport: { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      `--user-data-dir=${profile}`,
    ],
  })
  try {
    const first = await browser.waitForTarget((t) => t.type() === "service_worker" && t.url().startsWith("chrome-extension://"), { timeout: 30_000 })
    const extensionId = new URL(first.url()).host
    const worker = await controlWorker(browser, extensionId)

    return {
      browser,
      extensionId,
      extensionDir,
      worker,
      newPage: () => browser.newPage(),
      async openExtensionPage(file) {
        const page = await browser.newPage()
        await page.goto(`chrome-extension://${extensionId}/${file}`, { waitUntil: "domcontentloaded" })
        return page
      },
      async openPopup() {
        const url = `chrome-extension://${extensionId}/popup.html`
        const opened = browser.waitForTarget((t) => t.url() === url, { timeout: 10_000 })
        const error = await worker.evaluate(async () => {
          try {
            await chrome.action.openPopup()
            return null
          } catch (e) {
            return String(e)
          }
        })
        if (error) throw new Error(`chrome.action.openPopup failed: ${error}`)
        const page = await (await opened).asPage()
        await page.setViewport({ width: 380, height: 600 })
        return page
      },
      async close() {
        await browser.close().catch(() => undefined)
        rmSync(profile, { recursive: true, force: true })
      },
    }
  } catch (e) {
    await browser.close().catch(() => undefined)
    rmSync(profile, { recursive: true, force: true })
    throw e
  }
}

async function controlWorker(browser: Browser, extensionId: string): Promise<ServiceWorkerHandle> {
  const scriptPrefix = `chrome-extension://${extensionId}/`
  const [control] = await browser.pages()
  if (!control) throw new Error("Chromium opened no page")
  // NOTE: the ServiceWorker domain is not on the browser session; any page's session reports every worker of the profile.
  const cdp = await control.createCDPSession()
  let version: WorkerVersion | undefined
  const listeners = new Set<() => void>()
  cdp.on("ServiceWorker.workerVersionUpdated", (event: { versions: WorkerVersion[] }) => {
    for (const v of event.versions) {
      if (!v.scriptURL.startsWith(scriptPrefix)) continue
      const before = version?.runningStatus
      version = v
      if (v.runningStatus === "starting" && before !== "starting") void resume()
      for (const l of listeners) l()
    }
  })
  await cdp.send("ServiceWorker.enable")

  async function target(): Promise<Target> {
    return browser.waitForTarget(isExtensionWorker(extensionId), { timeout: 15_000 })
  }

  /** Lets a worker that waits for the debugger (restarted under the same target) run. */
  async function resume(): Promise<void> {
    try {
      const session = await (await target()).createCDPSession()
      await session.send("Runtime.runIfWaitingForDebugger")
      await session.detach()
    } catch {
      // The worker went away again; its next start resumes it.
    }
  }

  let evalSession: CDPSession | undefined
  async function evaluate<T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T> {
    const expression = `(${fn.toString()})(...${JSON.stringify(args)})`
    for (let attempt = 0; ; attempt++) {
      try {
        evalSession ??= await (await target()).createCDPSession()
        const { result, exceptionDetails } = await evalSession.send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true })
        if (exceptionDetails) throw new Error(`in the service worker: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`)
        return result.value as T
      } catch (e) {
        if (/in the service worker/.test(String(e)) || attempt >= 20) throw e
        // The worker (re)started under us: attach again.
        await evalSession?.detach().catch(() => undefined)
        evalSession = undefined
        await sleep(100)
      }
    }
  }

  return {
    evaluate,
    session: async () => (await target()).createCDPSession(),
    running: () => version?.runningStatus === "running",
    async stop() {
      const current = await waitUntil("the extension's worker to be known", () => version)
      await cdp.send("ServiceWorker.stopWorker", { versionId: current.versionId })
      await new Promise<void>((resolve) => {
        const check = () => {
          if (version?.runningStatus === "stopped") {
            listeners.delete(check)
            resolve()
          }
        }
        listeners.add(check)
        check()
      })
      await evalSession?.detach().catch(() => undefined)
      evalSession = undefined
    },
    badgeText: () => evaluate(() => chrome.action.getBadgeText({})),
    storage: () => evaluate(async () => ({ local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null) })),
  }
}
