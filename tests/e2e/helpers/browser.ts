import { mkdtempSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import puppeteer, { type Browser, type Page, type Target, type WebWorker } from "puppeteer-core"

export const EXTENSION_DIR = path.resolve(import.meta.dirname, "../../../build/chrome-mv3-prod")

export interface ExtensionBrowser {
  browser: Browser
  extensionId: string
  /** The extension's service worker, looked up fresh (Chrome restarts it at will). */
  worker(): Promise<WebWorker>
  /** Opens an extension page (e.g. "options.html") in a new tab. */
  openExtensionPage(file: string): Promise<Page>
  close(): Promise<void>
}

const isWorker = (t: Target) => t.type() === "service_worker" && t.url().startsWith("chrome-extension://")

/**
 * Launches Debian's Chromium (CHROME_PATH) headless with the production build loaded.
 * NOTE: right after launch the worker target may report "Target closed" while Chrome restarts it;
 * worker() waits and looks it up again.
 */
export async function launchWithExtension(opts: { extensionDir?: string } = {}): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), "cogsync-e2e-profile-"))
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    headless: true,
    pipe: true,
    enableExtensions: [opts.extensionDir ?? EXTENSION_DIR],
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
  const target = await browser.waitForTarget(isWorker, { timeout: 30_000 })
  const extensionId = new URL(target.url()).host

  async function worker(): Promise<WebWorker> {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const t = await browser.waitForTarget((x) => isWorker(x) && x.url().includes(extensionId), { timeout: 10_000 })
        const w = await t.worker()
        if (w) {
          await w.evaluate(() => 1)
          return w
        }
      } catch {
        // The worker was restarting; look it up again.
      }
      await new Promise((r) => setTimeout(r, 250))
    }
    throw new Error("the extension's service worker did not come up")
  }

  return {
    browser,
    extensionId,
    worker,
    async openExtensionPage(file) {
      const page = await browser.newPage()
      await page.goto(`chrome-extension://${extensionId}/${file}`, { waitUntil: "domcontentloaded" })
      return page
    },
    async close() {
      await browser.close().catch(() => undefined)
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
