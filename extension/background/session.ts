// The signed-in session as stored: server URL, token (never leaves the worker) and the cached `/me`.
import type { Session } from "@shared/messages"
import type { ServerConnection } from "~lib/api"
import { isLoopback, originPattern } from "~lib/browser"
import { meItem, serverUrlItem, tokenItem } from "~lib/storage"
import { MessageFailure } from "./errors"

export async function readSession(): Promise<Session> {
  const [serverUrl, token, me] = await Promise.all([serverUrlItem.get(), tokenItem.get(), meItem.get()])
  return { signedIn: token !== null, serverUrl, me }
}

/** The connection to use for the next request; throws `not_signed_in` or `permission_needed`. */
export async function requireConnection(): Promise<ServerConnection> {
  const [serverUrl, token] = await Promise.all([serverUrlItem.get(), tokenItem.get()])
  if (token === null) {
    throw new MessageFailure({ kind: "not_signed_in", message: "Sign in to Cogsync first (server URL and token in Cogsync's options)." })
  }
  await requireHostPermission(serverUrl)
  return { serverUrl, token }
}

/** Servers outside loopback need their origin granted as an optional host permission at sign-in. */
export async function requireHostPermission(serverUrl: string): Promise<void> {
  if (isLoopback(serverUrl)) return
  const granted = await chrome.permissions.contains({ origins: [originPattern(serverUrl)] })
  if (!granted) {
    throw new MessageFailure({
      kind: "permission_needed",
      message: `Cogsync is not allowed to reach ${new URL(serverUrl).origin}. Sign in again in Cogsync's options to grant it.`,
    })
  }
}
