// Chromium for the browser section: the extension build (through the e2e helper's launcher), the
// floor extension, or no extension at all, with the same flags; plus the page probe that times
// the picker.
import { mkdtempSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import puppeteer, { type Browser, type CDPSession, type Page } from "puppeteer-core"
import { launchWithExtension, type ExtensionBrowser } from "../tests/e2e/helpers/browser"

export const VIEWPORT = { width: 1280, height: 900 }

/** The flags of tests/e2e/helpers/browser.ts, so every browser of the bench runs alike. */
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

export interface BenchBrowser {
  browser: Browser
  /** A session on the extension's service worker (undefined without an extension). */
  workerSession(): Promise<CDPSession | undefined>
  close(): Promise<void>
  extension?: ExtensionBrowser
}

export async function launchExtension(dir: string): Promise<BenchBrowser> {
  const ext = await launchWithExtension({ extensionDir: dir })
  return { browser: ext.browser, extension: ext, workerSession: () => ext.worker.session(), close: () => ext.close() }
}

export async function launchPlain(): Promise<BenchBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), "cogsync-bench-profile-"))
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    headless: true,
    pipe: true,
    defaultViewport: VIEWPORT,
    args: [...ARGS, `--user-data-dir=${profile}`],
  })
  return {
    browser,
    workerSession: async () => undefined,
    async close() {
      await browser.close().catch(() => undefined)
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export const HOST_ID = "cogsync-picker"

/**
 * Runs in every document of a measured page, in the page's own world, before any other script.
 * NOTE: the picker's shadow root is closed and lives in the extension's isolated world, so nothing
 * inside it can be observed from here. What can be observed is the page's hit test: once the
 * picker is laid out, `elementFromPoint` at a point inside it returns its shadow host. The probe
 * checks that once per animation frame, i.e. per rendered frame: `visibleAt` is the time of the
 * first frame that shows the picker (performance.now(), the same clock as the navigation timing).
 * NOTE: plain JavaScript in a string: tsx compiles functions with name-keeping helpers that do not
 * exist in the page, so a TypeScript function cannot be shipped to the page as is.
 */
export function probeScript(hostId: string, points: [number, number][]): string {
  return `(() => {
  const hostId = ${JSON.stringify(hostId)}
  const state = { visibleAt: null, armedAt: 0, points: ${JSON.stringify(points)}, armed: true, arm: null }
  function tick() {
    if (!state.armed) return
    const host = document.getElementById(hostId)
    if (host && state.points.some((p) => document.elementFromPoint(p[0], p[1]) === host)) {
      state.visibleAt = performance.now()
      state.armed = false
      return
    }
    requestAnimationFrame(tick)
  }
  state.arm = function () {
    state.visibleAt = null
    state.armedAt = performance.now()
    if (!state.armed) {
      state.armed = true
      requestAnimationFrame(tick)
    }
  }
  Object.defineProperty(window, "__cogsyncBench", { value: state })
  requestAnimationFrame(tick)
})()`
}

export interface ProbeState {
  visibleAt: number | null
  armedAt: number
  points: [number, number][]
}

/** Waits until the probe saw the picker; returns its `visibleAt` (page clock). */
export async function pickerVisibleAt(page: Page, timeoutMs = 15_000): Promise<number> {
  const handle = await page.waitForFunction(() => (window as unknown as { __cogsyncBench?: ProbeState }).__cogsyncBench?.visibleAt ?? false, { timeout: timeoutMs, polling: 20 })
  return (await handle.jsonValue()) as number
}

interface DomNode {
  nodeType: number
  nodeValue?: string
  attributes?: string[]
  children?: DomNode[]
  shadowRoots?: DomNode[]
}

const textOf = (n: DomNode): string => (n.nodeType === 3 ? (n.nodeValue ?? "") : "") + [...(n.shadowRoots ?? []), ...(n.children ?? [])].map(textOf).join(" ")
function findById(n: DomNode, id: string): DomNode | undefined {
  const attrs = n.attributes ?? []
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === "id" && attrs[i + 1] === id) return n
  for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
    const hit = findById(c, id)
    if (hit) return hit
  }
  return undefined
}

/**
 * Waits until the picker's shadow root shows `text` (a person's name); returns the page clock then.
 * NOTE: when a shown person is replaced by another, the hit-test probe cannot tell the two pickers
 * apart (the shadow root is closed to the page, and there need not be a frame without a picker in
 * between). DevTools' DOM domain sees closed shadow roots, so this reads the picker's text over CDP
 * every `pollMs`: the figure is late by at most one poll plus a CDP round trip (a few ms).
 */
export async function pickerShowsText(page: Page, text: string, timeoutMs = 15_000, pollMs = 5): Promise<number> {
  const cdp = await page.createCDPSession()
  try {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const { root } = (await cdp.send("DOM.getDocument", { depth: -1, pierce: true })) as { root: DomNode }
      const host = findById(root, HOST_ID)
      if (host && textOf(host).includes(text)) return (await page.evaluate(() => performance.now())) as number
      await new Promise((r) => setTimeout(r, pollMs))
    }
    throw new Error(`the picker did not show "${text}" within ${timeoutMs} ms`)
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

/** The page's navigation timing, relative to its time origin (ms). */
export async function navigationTiming(page: Page): Promise<{ dcl: number; load: number; fcp: number | null }> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]
    return { dcl: nav.domContentLoadedEventStart, load: nav.loadEventEnd, fcp: fcp ? fcp.startTime : null }
  })
}

/**
 * Where the picker shows: the box of its card (or its minimised pill) in the shadow root, read
 * through CDP, which can see closed shadow roots. Points near its top-right corner and its centre
 * line are hit-tested by the probe.
 */
export async function pickerPoints(page: Page): Promise<[number, number][] | undefined> {
  const cdp = await page.createCDPSession()
  try {
    interface Node {
      nodeId: number
      nodeName: string
      attributes?: string[]
      children?: Node[]
      shadowRoots?: Node[]
    }
    const { root } = (await cdp.send("DOM.getDocument", { depth: -1, pierce: true })) as { root: Node }
    const attr = (n: Node, name: string) => {
      const a = n.attributes ?? []
      const i = a.indexOf(name)
      return i >= 0 && i % 2 === 0 ? a[i + 1] : undefined
    }
    const find = (n: Node, pred: (n: Node) => boolean): Node | undefined => {
      if (pred(n)) return n
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
        const hit = find(c, pred)
        if (hit) return hit
      }
      return undefined
    }
    const host = find(root, (n) => attr(n, "id") === HOST_ID)
    const card = host && find(host, (n) => /\bcs-(card|pill)\b/.test(attr(n, "class") ?? ""))
    if (!card) return undefined
    const { model } = (await cdp.send("DOM.getBoxModel", { nodeId: card.nodeId })) as { model: { border: number[] } }
    const [x1, y1, x2] = [model.border[0]!, model.border[1]!, model.border[2]!]
    return [
      [Math.round(x2 - 14), Math.round(y1 + 14)],
      [Math.round((x1 + x2) / 2), Math.round(y1 + 14)],
    ]
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

/** JS heap in use after a full GC, bytes (`Runtime.getHeapUsage` of the session's isolate). */
export async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send("HeapProfiler.collectGarbage")
  const { usedSize } = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number }
  return usedSize
}
