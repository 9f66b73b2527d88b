// The few browser calls extension pages make themselves (everything else goes through the
// background): the active tab, and asking for a host permission during a click; and which server
// origins need that permission (the worker checks the same rules before every request).

/** Whether the server is on loopback, which the manifest's host permissions already cover. */
export function isLoopback(serverUrl: string): boolean {
  try {
    const host = new URL(serverUrl).hostname
    return host === "localhost" || host === "127.0.0.1" || host === "[::1]"
  } catch {
    return false
  }
}

/** Host-permission pattern for a server's origin, e.g. `https://cogsync.example.com/*`. */
export function originPattern(serverUrl: string): string {
  return `${new URL(serverUrl).origin}/*`
}

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
  const origins = [originPattern(origin)]
  if (await chrome.permissions.contains({ origins })) return true
  return chrome.permissions.request({ origins })
}
