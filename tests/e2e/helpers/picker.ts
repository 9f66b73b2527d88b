// Drives the "Sync as" picker like a user: real mouse clicks and key presses on its controls.
// NOTE: the picker's shadow root is closed, so `>>>`/`pierce/` selectors cannot see it. The
// accessibility tree can: puppeteer's `aria/` query finds the picker's card (a region named
// "Cogsync: <name>"), and `getRootNode()` on it gives the shadow root to query inside.
import type { ElementHandle, JSHandle, Page } from "puppeteer-core"
import { waitUntil } from "./browser"

/** A control inside the picker: a CSS selector, or by test id, label text or button name. */
export type Locator = string | { testId: string } | { label: string } | { button: string }

const HOST_ID = "cogsync-picker"

function describe(locator: Locator): string {
  return typeof locator === "string" ? locator : JSON.stringify(locator)
}

/** Runs inside the page: the element a locator names within the shadow root, or null. */
function resolveIn(root: ShadowRoot, locator: Locator): Element | null {
  const norm = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim()
  if (typeof locator === "string") return root.querySelector(locator)
  if ("testId" in locator) return root.querySelector(`[data-testid="${locator.testId}"]`)
  if ("button" in locator) {
    const buttons = [...root.querySelectorAll("button")]
    return buttons.find((b) => norm(b.getAttribute("aria-label")) === locator.button) ?? buttons.find((b) => norm(b.textContent) === locator.button) ?? null
  }
  for (const label of root.querySelectorAll("label")) {
    const own = [...label.childNodes].filter((n) => !(n instanceof Element && n.matches(".cs-req"))).map((n) => n.textContent).join("")
    if (norm(own) === locator.label) return label.control
  }
  return [...root.querySelectorAll("[aria-label]")].find((el) => norm(el.getAttribute("aria-label")) === locator.label) ?? null
}

export class PickerDriver {
  private constructor(
    readonly page: Page,
    private readonly root: JSHandle<ShadowRoot>,
  ) {}

  /** Waits for the picker's card on the page (it renders once the page is read). */
  static async find(page: Page, timeoutMs = 15_000): Promise<PickerDriver> {
    const root = await waitUntil(
      "the Cogsync picker",
      async () => {
        for (const region of await page.$$('aria/[role="region"]')) {
          const candidate = await region.evaluateHandle((el) => el.getRootNode())
          const isPicker = await candidate.evaluate((r, id) => r instanceof ShadowRoot && r.host.id === id, HOST_ID)
          if (isPicker) return candidate as unknown as JSHandle<ShadowRoot>
          await candidate.dispose()
        }
        return undefined
      },
      timeoutMs,
      100,
    )
    return new PickerDriver(page, root)
  }

  async $(locator: Locator): Promise<ElementHandle<Element> | null> {
    const handle = await this.root.evaluateHandle(resolveIn, locator)
    const element = handle.asElement() as ElementHandle<Element> | null
    if (!element) await handle.dispose()
    return element
  }

  async exists(locator: Locator): Promise<boolean> {
    const el = await this.$(locator)
    await el?.dispose()
    return el !== null
  }

  /** Waits until the control exists (and, unless `disabled` is allowed, is enabled). */
  async waitFor(locator: Locator, opts: { enabled?: boolean; timeoutMs?: number } = {}): Promise<ElementHandle<Element>> {
    return waitUntil(
      `${describe(locator)} in the picker${opts.enabled ? " to be enabled" : ""}`,
      async () => {
        const el = await this.$(locator)
        if (!el) return undefined
        if (opts.enabled && (await el.evaluate((e) => (e as HTMLButtonElement).disabled || e.closest("fieldset[disabled]") !== null))) {
          await el.dispose()
          return undefined
        }
        return el
      },
      opts.timeoutMs ?? 15_000,
    )
  }

  async waitForGone(locator: Locator, timeoutMs = 15_000): Promise<void> {
    await waitUntil(`${describe(locator)} to leave the picker`, async () => !(await this.exists(locator)), timeoutMs)
  }

  /** The control's text, whitespace collapsed ("" when it is not there). */
  async text(locator: Locator = ".cs-card"): Promise<string> {
    const el = await this.$(locator)
    if (!el) return ""
    const text = await el.evaluate((e) => (e.textContent ?? "").replace(/\s+/g, " ").trim())
    await el.dispose()
    return text
  }

  async waitForText(locator: Locator, expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
    let last = ""
    return waitUntil(
      `${describe(locator)} to read ${String(expected)}`,
      async () => {
        last = await this.text(locator)
        return (typeof expected === "string" ? last.includes(expected) : expected.test(last)) ? last : undefined
      },
      timeoutMs,
    ).catch((e: unknown) => {
      throw new Error(`${String(e)}; it reads “${last}”`)
    })
  }

  /** A real mouse click in the middle of the control, once it is enabled. */
  async click(locator: Locator): Promise<void> {
    const el = await this.waitFor(locator, { enabled: true })
    await el.click()
    await el.dispose()
  }

  /** Replaces a text box's value by typing, as a user would. */
  async fill(locator: Locator, value: string): Promise<void> {
    const el = await this.waitFor(locator, { enabled: true })
    await el.click()
    await el.evaluate((e) => (e as HTMLInputElement).select())
    if (value) await this.page.keyboard.type(value)
    else await this.page.keyboard.press("Backspace")
    await el.dispose()
  }

  /** Chooses an option of a `<select>` by value. */
  async select(locator: Locator, value: string): Promise<void> {
    const el = await this.waitFor(locator, { enabled: true })
    await (el as ElementHandle<HTMLSelectElement>).select(value)
    await el.dispose()
  }

  /** Reads a property of the control (value, disabled, …) or a computed style. */
  async prop<T>(locator: Locator, read: (el: Element) => T): Promise<T> {
    const el = await this.waitFor(locator)
    const value = await el.evaluate(read)
    await el.dispose()
    return value
  }

  /** Runs a check against the whole shadow root (e.g. "is there any <img> in it"). */
  async inRoot<T>(fn: (root: ShadowRoot, arg: string) => T, arg = ""): Promise<T> {
    return (await this.root.evaluate(fn, arg)) as T
  }
}

/** Opens `url` in a new tab and waits until the picker shows `name` (and, with `preview`, its decision preview). */
export async function openProfile(browser: { newPage(): Promise<Page> }, url: string, name: string, opts: { preview?: boolean } = {}): Promise<{ page: Page; picker: PickerDriver }> {
  const page = await browser.newPage()
  await page.goto(url, { waitUntil: "domcontentloaded" })
  const picker = await PickerDriver.find(page)
  await picker.waitForText('[data-testid="picker-name"]', name)
  if (opts.preview) await picker.waitForText({ testId: "preview-action" }, /\S/)
  return { page, picker }
}
