// Steps on the extension's options page, done the way a user does them.
import type { Page } from "puppeteer-core"
import type { ExtensionBrowser } from "./browser"

/** Types into a labelled text box (by its id), replacing what it held. */
export async function fillInput(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).fill(value)
}

/** Clicks the button with this accessible name. */
export async function clickButton(page: Page, name: string): Promise<void> {
  await page.locator(`::-p-aria(${name}[role="button"])`).click()
}

/** Opens the options page and signs in with the server URL and token; waits for "Signed in as". */
export async function signIn(ext: ExtensionBrowser, serverUrl: string, token: string, name: string): Promise<Page> {
  const page = await ext.openExtensionPage("options.html")
  await signInOn(page, serverUrl, token, name)
  return page
}

export async function signInOn(page: Page, serverUrl: string, token: string, name: string): Promise<void> {
  await fillInput(page, "#sign-in-url", serverUrl)
  await fillInput(page, "#sign-in-token", token)
  await clickButton(page, "Sign in")
  await page.waitForFunction((who) => document.querySelector('[data-testid="account-name"]')?.textContent === who, { timeout: 15_000 }, name)
}

export async function signOut(page: Page): Promise<void> {
  await clickButton(page, "Sign out")
  await page.locator("#sign-in-token").wait()
}

/** Fills the Clockwork activation form and submits it. */
export async function submitActivation(page: Page, creds: { apiKey: string; apiSecret: string; subdomain: string; serviceKey: string }): Promise<void> {
  await fillInput(page, "#cw-apiKey", creds.apiKey)
  await fillInput(page, "#cw-apiSecret", creds.apiSecret)
  await fillInput(page, "#cw-subdomain", creds.subdomain)
  await fillInput(page, "#cw-serviceKey", creds.serviceKey)
  await clickButton(page, "Activate")
}
