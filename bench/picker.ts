// Section 1b — what the content script costs a user, in headless Chromium with the production
// build loaded and signed in (what users see): the time from a profile page's DOMContentLoaded to
// the first frame that shows the picker, the same after an in-page (SPA) navigation, and the cost
// on a matched page that is not a profile. Every figure has its reference from the same run: the
// same page and navigation in the same Chromium without the extension. Runs of the two browsers
// alternate, so a noisy neighbour hurts both alike.
//
// Also measured here, reported under the footprint: the JS heap of the extension's service worker
// and of its content script on a profile page, against the floor extension (React + ReactDOM
// rendering one element, empty worker; bench/build.ts).
//
// The pages are the server's demo pages on loopback (`/demo/in/<slug>`, `/demo/feed`), served by
// `startServer` with the Clockwork sandbox behind it, the integration active.
import { randomBytes } from "node:crypto"
import { readFileSync } from "node:fs"
import path from "node:path"
import type { Page } from "puppeteer-core"
import { DEMO_ACTIVATION, createSandbox } from "../server/clockwork/index"
import { systemClock } from "../server/services/clock"
import { createTeam } from "../server/services/teams"
import { startServer } from "../server/start-server"
import { HOST_ID, VIEWPORT, heapUsed, launchExtension, launchPlain, navigationTiming, pickerPoints, pickerShowsText, pickerVisibleAt, probeScript, type BenchBrowser } from "./browser"
import { extensionBuild, floorBuild } from "./build"
import { DEMO_PROFILES } from "./fixtures"
import { median, quantile, sleep } from "./stats"
import { atMost } from "./targets"
import type { BenchContext, Figure } from "./types"

/** Where the picker sits before it is calibrated: its stylesheet anchors it 16 px from the right, 76 px from the top. */
const DEFAULT_POINTS: [number, number][] = [
  [VIEWPORT.width - 16 - 14, 76 + 14],
  [VIEWPORT.width - 16 - 184, 76 + 14],
]
/** Quiet time after each measured load, so the previous page's background work is over. */
const SETTLE_AFTER_MS = 300

/** The person's name in a demo profile page (its <h1>). */
function nameIn(html: string): string {
  const name = /<h1>([^<]+)<\/h1>/.exec(html)?.[1]
  if (!name) throw new Error("the demo profile has no <h1> name")
  return name
}

const SETTLE_BLOCKER =
  "after the URL changes, a mounted picker reads the page at once and then 30 ms after each DOM change until a person shows (FIRST_READ_MS in extension/components/picker/use-page-capture.ts); a page that keeps the previous person's content is accepted only after 400 ms of quiet (SETTLE_MS)"

interface World {
  url: string
  token: string
  close(): Promise<void>
}

async function startWorld(ctx: BenchContext): Promise<World> {
  const sandbox = createSandbox({ seed: 1 })
  sandbox.seedDemoFirm()
  const listener = await sandbox.listen(0)
  const server = await startServer({
    databasePath: path.join(ctx.tmpDir, "picker", "cogsync.db"),
    secretKey: randomBytes(32).toString("base64"),
    clockworkApiUrl: listener.url,
    logDestination: { write: () => undefined },
  })
  const { token } = createTeam(server.db, systemClock, { name: "Bench Recruiting", adminName: "Ada Admin", adminEmail: "ada@example.com" })
  const res = await fetch(`${server.url}/integration/activate`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(DEMO_ACTIVATION),
  })
  if (!res.ok) throw new Error(`activation answered ${res.status}`)
  return {
    url: server.url,
    token,
    async close() {
      await server.close()
      await sandbox.close()
    },
  }
}

/** Signs the extension in the way its options page does: the `sign-in` message to the worker. */
async function signIn(b: BenchBrowser, serverUrl: string, token: string): Promise<void> {
  const page = await b.extension!.openExtensionPage("options.html")
  try {
    const answer = await page.evaluate(
      (serverUrl, token) => chrome.runtime.sendMessage({ type: "sign-in", body: { serverUrl, token } }) as Promise<{ ok: boolean; error?: { message: string } }>,
      serverUrl,
      token,
    )
    if (!answer.ok) throw new Error(`sign-in failed: ${answer.error?.message ?? "unknown"}`)
  } finally {
    await page.close()
  }
}

/** A tab with the probe installed in every document it loads. */
async function probedPage(b: BenchBrowser, points: [number, number][]): Promise<Page> {
  const page = await b.browser.newPage()
  // A background tab is not rendered: make sure the measured one is in front.
  await page.bringToFront()
  await page.setViewport(VIEWPORT)
  await page.evaluateOnNewDocument(probeScript(HOST_ID, points))
  return page
}

/**
 * Serves the demo pages as www.linkedin.com pages (`/feed/`, `/in/<slug>/`) by intercepting the
 * tab's requests: LinkedIn's own single-page navigation cannot be reached from this machine, and
 * the content script treats www.linkedin.com differently (it mounts only once the URL is a profile).
 */
async function asLinkedIn(page: Page, root: string): Promise<void> {
  const pages = path.join(root, "server/demo/pages")
  await page.setRequestInterception(true)
  page.on("request", (request) => {
    const url = new URL(request.url())
    if (url.hostname !== "www.linkedin.com") return void request.continue()
    const slug = /^\/in\/([^/]+)\/?$/.exec(url.pathname)?.[1]
    const file = url.pathname.startsWith("/feed") ? "feed.html" : slug && /^[a-z-]+$/.test(slug) ? `in/${slug}.html` : undefined
    if (!file) return void request.respond({ status: 404, body: "" })
    void request.respond({ status: 200, contentType: "text/html; charset=utf-8", body: readFileSync(path.join(pages, file), "utf8") })
  })
}

/** Loads a profile page; with the extension, returns DOMContentLoaded → picker visible (ms); without, DOMContentLoaded → first contentful paint and → load. */
async function loadProfile(page: Page, url: string, withPicker: boolean): Promise<{ picker?: number; fcp: number | null; load: number }> {
  await page.goto(url, { waitUntil: "load" })
  const visibleAt = withPicker ? await pickerVisibleAt(page) : undefined
  // The first paint of these small pages comes a frame after their load event.
  if (!withPicker) await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, { timeout: 5000, polling: 20 }).catch(() => undefined)
  const t = await navigationTiming(page)
  await sleep(SETTLE_AFTER_MS)
  return { ...(visibleAt !== undefined ? { picker: visibleAt - t.dcl } : {}), fcp: t.fcp === null ? null : t.fcp - t.dcl, load: t.load - t.dcl }
}

/**
 * In-page navigation as a single-page app does it: from `fromUrl`, the URL changes with
 * history.pushState and the profile's content replaces the page's in the same task (a fast SPA,
 * its data already there). With the extension: pushState → first frame showing the picker (from
 * another profile: → the picker showing the new person's name, read over CDP). Without: pushState →
 * the first frame after the new content (the page's own cost).
 */
async function spaNavigate(page: Page, fromUrl: string, profilePath: string, profileHtml: string, withPicker: boolean): Promise<number> {
  await page.goto(fromUrl, { waitUntil: "load" })
  const fromProfile = withPicker && new URL(fromUrl).pathname.includes("/in/")
  if (fromProfile) await pickerVisibleAt(page)
  await sleep(SETTLE_AFTER_MS)
  const started = await page.evaluate(
    (html, to, arm) => {
      const doc = new DOMParser().parseFromString(html, "text/html")
      if (arm) (window as unknown as { __cogsyncBench: { arm(): void } }).__cogsyncBench.arm()
      const t = performance.now()
      history.pushState({}, "", to)
      document.title = doc.title
      document.head.replaceChildren(...[...doc.head.childNodes].map((n) => document.importNode(n, true)))
      document.body.replaceWith(document.importNode(doc.body, true))
      return t
    },
    profileHtml,
    profilePath,
    withPicker,
  )
  if (withPicker) {
    // From one profile to another the picker may stay on screen throughout: wait for the new name in it.
    const shownAt = fromProfile ? await pickerShowsText(page, nameIn(profileHtml)) : await pickerVisibleAt(page)
    await sleep(SETTLE_AFTER_MS)
    return shownAt - started
  }
  const frame = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))))
  await sleep(SETTLE_AFTER_MS)
  return frame - started
}

/** A matched page that is not a profile, in a fresh tab: script and task time (CDP Performance metrics) and DOMContentLoaded → load. */
async function nonProfileCost(b: BenchBrowser, url: string, root: string): Promise<{ script: number; task: number; load: number }> {
  const page = await b.browser.newPage()
  try {
    if (new URL(url).hostname === "www.linkedin.com") await asLinkedIn(page, root)
    const cdp = await page.createCDPSession()
    await cdp.send("Performance.enable")
    const metric = async () => {
      const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] }
      const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0
      return { script: get("ScriptDuration") * 1000, task: get("TaskDuration") * 1000 }
    }
    const before = await metric()
    await page.goto(url, { waitUntil: "load" })
    // The content script's URL watch and page read run for a while after load.
    await sleep(1000)
    const after = await metric()
    const t = await navigationTiming(page)
    return { script: after.script - before.script, task: after.task - before.task, load: t.load - t.dcl }
  } finally {
    await page.close()
  }
}

/** Content-script heap: the page's isolate (its own world and the extension's) after a GC, on a loaded profile. */
async function profileHeap(b: BenchBrowser, url: string, withPicker: boolean, points: [number, number][]): Promise<number> {
  const page = await probedPage(b, points)
  try {
    await page.goto(url, { waitUntil: "load" })
    if (withPicker) await pickerVisibleAt(page)
    await sleep(1500)
    const cdp = await page.createCDPSession()
    return await heapUsed(cdp)
  } finally {
    await page.close()
  }
}

function nonProfileFigures(id: string, page: string, ext: { script: number; task: number; load: number }[], plain: { script: number; task: number; load: number }[]): Figure[] {
  const m = (xs: { script: number; task: number; load: number }[], k: "script" | "task" | "load") => median(xs.map((x) => x[k]))
  const reference = "same page without the extension"
  return [
    {
      id: `picker.nonprofile_${id}_script`,
      label: `Non-profile page ${page}: script time`,
      value: m(ext, "script"),
      unit: "ms",
      reference: m(plain, "script"),
      referenceLabel: reference,
      note: `CDP Performance.getMetrics ScriptDuration over the load and 1 s after, fresh tab each of ${ext.length} runs`,
    },
    { id: `picker.nonprofile_${id}_task`, label: `Non-profile page ${page}: main-thread task time`, value: m(ext, "task"), unit: "ms", reference: m(plain, "task"), referenceLabel: reference, ratio: m(ext, "task") / m(plain, "task") },
    { id: `picker.nonprofile_${id}_load`, label: `Non-profile page ${page}: DOMContentLoaded → load event`, value: m(ext, "load"), unit: "ms", reference: m(plain, "load"), referenceLabel: reference },
  ]
}

export async function benchPicker(ctx: BenchContext): Promise<Figure[]> {
  const runs = ctx.smoke ? 3 : 20
  /** Runs of the secondary measurements (LinkedIn-host navigation, non-profile page), to keep the bench under 10 minutes. */
  const linkedInRuns = ctx.smoke ? 2 : 10
  const memoryRuns = ctx.smoke ? 1 : 3
  const extDir = extensionBuild(ctx)
  const floorDir = floorBuild(ctx)
  const world = await startWorld(ctx)
  const browsers: BenchBrowser[] = []
  try {
    const withExt = await launchExtension(extDir)
    browsers.push(withExt)
    const without = await launchPlain()
    browsers.push(without)
    ctx.facts.chromium = await without.browser.version()
    await signIn(withExt, world.url, world.token)

    const profileSlug = DEMO_PROFILES.existing[0]
    const profileUrl = `${world.url}/demo/in/${profileSlug}`
    const feedUrl = `${world.url}/demo/feed`
    const spaSlug = DEMO_PROFILES.fresh
    const spaHtml = readFileSync(path.join(ctx.root, "server/demo/pages/in", `${spaSlug}.html`), "utf8")

    // Calibrate the probe on where the picker really is (a warm-up load, not measured).
    let points = DEFAULT_POINTS
    {
      const page = await probedPage(withExt, points)
      await page.goto(profileUrl, { waitUntil: "load" })
      await pickerVisibleAt(page, 30_000).catch(() => undefined)
      await sleep(1000)
      points = (await pickerPoints(page)) ?? points
      await page.close()
    }
    ctx.log(`  picker probe points: ${JSON.stringify(points)}`)

    // 1. Profile page load: DOMContentLoaded → picker visible; reference: the same page without the extension.
    const extPage = await probedPage(withExt, points)
    const plainPage = await probedPage(without, points)
    await loadProfile(extPage, profileUrl, true)
    await loadProfile(plainPage, profileUrl, false)
    const picker: number[] = []
    const fcp: number[] = []
    const load: number[] = []
    for (let i = 0; i < runs; i++) {
      picker.push((await loadProfile(extPage, profileUrl, true)).picker!)
      const plain = await loadProfile(plainPage, profileUrl, false)
      if (plain.fcp !== null) fcp.push(plain.fcp)
      load.push(plain.load)
    }
    ctx.log(`  profile load: picker ${picker.map(Math.round).join(", ")} ms`)

    // 2. SPA navigation from the feed to a profile, on the demo site (the picker is mounted on
    // every demo page, so it re-reads the page), and on www.linkedin.com, where it mounts only
    // once the URL is a profile: from the feed, and from one profile to another.
    const spa: number[] = []
    const spaPlain: number[] = []
    for (let i = 0; i < runs; i++) {
      spa.push(await spaNavigate(extPage, feedUrl, `/demo/in/${spaSlug}`, spaHtml, true))
      spaPlain.push(await spaNavigate(plainPage, feedUrl, `/demo/in/${spaSlug}`, spaHtml, false))
    }
    ctx.log(`  SPA navigation (demo site): picker ${spa.map(Math.round).join(", ")} ms`)
    await extPage.close()
    await plainPage.close()
    const linkedInPage = await probedPage(withExt, points)
    await asLinkedIn(linkedInPage, ctx.root)
    const liFeed: number[] = []
    const liProfile: number[] = []
    const otherSlug = DEMO_PROFILES.existing[0]
    for (let i = 0; i < linkedInRuns; i++) {
      liFeed.push(await spaNavigate(linkedInPage, "https://www.linkedin.com/feed/", `/in/${spaSlug}/`, spaHtml, true))
      liProfile.push(await spaNavigate(linkedInPage, `https://www.linkedin.com/in/${otherSlug}/`, `/in/${spaSlug}/`, spaHtml, true))
    }
    ctx.log(`  SPA navigation (www.linkedin.com): from the feed ${liFeed.map(Math.round).join(", ")} ms; profile to profile ${liProfile.map(Math.round).join(", ")} ms`)
    await linkedInPage.close()

    // 3. A matched page that is not a profile.
    type Cost = { script: number; task: number; load: number }
    const feedExt: Cost[] = []
    const feedPlain: Cost[] = []
    const liFeedExt: Cost[] = []
    const liFeedPlain: Cost[] = []
    for (let i = 0; i < linkedInRuns; i++) {
      feedExt.push(await nonProfileCost(withExt, feedUrl, ctx.root))
      feedPlain.push(await nonProfileCost(without, feedUrl, ctx.root))
      liFeedExt.push(await nonProfileCost(withExt, "https://www.linkedin.com/feed/", ctx.root))
      liFeedPlain.push(await nonProfileCost(without, "https://www.linkedin.com/feed/", ctx.root))
    }

    // 4. Memory: the worker, and the page's heap with the extension, without it, and with the floor.
    const floor = await launchExtension(floorDir)
    browsers.push(floor)
    const workerHeap: number[] = []
    const floorWorker: number[] = []
    const pageExt: number[] = []
    const pagePlain: number[] = []
    const pageFloor: number[] = []
    for (let i = 0; i < memoryRuns; i++) {
      pageExt.push(await profileHeap(withExt, profileUrl, true, points))
      pagePlain.push(await profileHeap(without, profileUrl, false, points))
      pageFloor.push(await profileHeap(floor, profileUrl, false, points))
      for (const [b, into] of [
        [withExt, workerHeap],
        [floor, floorWorker],
      ] as const) {
        const sw = await b.workerSession()
        if (!sw) continue
        into.push(await heapUsed(sw))
        await sw.detach().catch(() => undefined)
      }
    }

    const MB = 1024 * 1024
    const med = median
    const p95 = (xs: number[]) => quantile(xs, 0.95)
    const spaReference = { reference: med(spaPlain), referenceLabel: "same navigation without the extension: pushState → next frame" }
    const spaFigures: Figure[] = [
      {
        id: "picker.spa_median",
        label: "Picker visible after SPA navigation, demo site (feed → profile), median",
        value: med(spa),
        unit: "ms",
        ...spaReference,
        target: atMost(med(spa), 150, "ms"),
        blocker: SETTLE_BLOCKER,
        note: `history.pushState and the profile's content in one task; ${runs} runs. The picker is already mounted on the feed here (as on any LinkedIn page after the first profile), so it re-reads the page`,
      },
      { id: "picker.spa_p95", label: "Picker visible after SPA navigation, demo site, p95", value: p95(spa), unit: "ms", reference: p95(spaPlain), referenceLabel: "without the extension, p95" },
      {
        id: "picker.spa_linkedin_feed_median",
        label: "Picker visible after SPA navigation on www.linkedin.com, feed → profile, median",
        value: med(liFeed),
        unit: "ms",
        ...spaReference,
        target: atMost(med(liFeed), 150, "ms"),
        blocker: "the picker mounts when the URL becomes a profile and reads the page at once; when this is missed, the cost is the mount (React and the shadow root) on a busy machine",
        note: `demo pages served as www.linkedin.com (request interception); the content script mounts when the URL becomes a profile; ${linkedInRuns} runs, p95 ${p95(liFeed).toFixed(0)} ms`,
      },
      {
        id: "picker.spa_linkedin_profile_median",
        label: "Picker shows the next person after SPA navigation on www.linkedin.com, profile → profile, median",
        value: med(liProfile),
        unit: "ms",
        ...spaReference,
        target: atMost(med(liProfile), 150, "ms"),
        blocker: `${SETTLE_BLOCKER}. On LinkedIn this is every profile after the first one of a visit`,
        note: `${linkedInRuns} runs, p95 ${p95(liProfile).toFixed(0)} ms; timed to the first frame after the URL change in which the picker shows (it hides the previous person at once)`,
      },
    ]
    const contentHeap = med(pageExt) - med(pagePlain)
    const floorHeap = med(pageFloor) - med(pagePlain)
    return [
      {
        id: "picker.load_median",
        label: "Picker visible after a profile page's DOMContentLoaded, median",
        value: med(picker),
        unit: "ms",
        reference: fcp.length ? med(fcp) : med(load),
        referenceLabel: fcp.length ? "same page without the extension: DOMContentLoaded → first contentful paint" : "same page without the extension: DOMContentLoaded → load",
        ...(fcp.length ? { ratio: med(picker) / med(fcp) } : {}),
        target: atMost(med(picker), 150, "ms"),
        blocker: "the content script is injected at document_end and renders the card shell before any answer from the server; a miss here means evaluating the bundle itself took longer (see the non-profile page rows)",
        note: `signed in, ${runs} runs; first frame in which the picker is hit-testable. Without the extension, DOMContentLoaded → load takes ${med(load).toFixed(1)} ms`,
      },
      { id: "picker.load_p95", label: "Picker visible after DOMContentLoaded, p95", value: p95(picker), unit: "ms", reference: fcp.length ? p95(fcp) : p95(load), referenceLabel: "without the extension, p95" },
      ...spaFigures,
      ...nonProfileFigures("demo", "/demo/feed (the picker mounts and finds no profile)", feedExt, feedPlain),
      ...nonProfileFigures("linkedin", "www.linkedin.com/feed/ (the content script only watches the URL)", liFeedExt, liFeedPlain),
      {
        id: "footprint.sw_heap",
        group: "footprint",
        label: "Extension service worker: JS heap after a profile page",
        value: med(workerHeap) / MB,
        unit: "MB",
        reference: med(floorWorker) / MB,
        referenceLabel: "floor extension's empty worker",
        ratio: med(workerHeap) / med(floorWorker),
        note: "Runtime.getHeapUsage on the worker target after HeapProfiler.collectGarbage",
      },
      {
        id: "footprint.content_heap",
        group: "footprint",
        label: "Content script: JS heap on a profile page",
        value: contentHeap / MB,
        unit: "MB",
        reference: floorHeap / MB,
        referenceLabel: "floor extension: React + ReactDOM, one element",
        ratio: contentHeap / floorHeap,
        note: `page isolate's heap after a GC with the extension minus without it (${(med(pageExt) / MB).toFixed(2)} − ${(med(pagePlain) / MB).toFixed(2)} MB): the page and its isolated worlds share one V8 heap`,
      },
    ]
  } finally {
    for (const b of browsers) await b.close()
    await world.close()
  }
}
