// The few browser calls extension pages make themselves (everything else goes through the
// background): the active tab, and asking for a host permission during a click.

/** The id of the active tab of the current window, if any. Needs no "tabs" permission. */
export async function activeTabId(): Promise<number | undefined> {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true })
  return typeof tab?.id === "number" ? tab.id : undefined
}

/**
 * Asks for access to a server's origin (optional host permission). NOTE: Chrome requires a user
 * gesture, so call it first thing in a click handler, before any other await.
 */
export async function requestOriginPermission(origin: string): Promise<boolean> {
  const origins = [`${origin}/*`]
  if (await chrome.permissions.contains({ origins })) return true
  return chrome.permissions.request({ origins })
}
