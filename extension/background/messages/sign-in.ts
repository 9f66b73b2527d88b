// sign-in: checks the server URL (`GET /health`) and the token (`GET /me`), then stores both.
// Errors name the field: serverUrl for a wrong address, token for a refused token.
import * as api from "~lib/api"
import { ServerRequestError } from "~lib/api"
import { campaignsCacheItem, meItem, metadataCacheItem, serverUrlItem, settingsCacheItem, tokenItem } from "~lib/storage"
import { defineHandler } from "../define-handler"
import { MessageFailure, TOKEN_REFUSED, unreachableMessage } from "../errors"
import { flushOutbox } from "../outbox"
import { requireHostPermission } from "../session"

export default defineHandler("sign-in", async ({ serverUrl, token }) => {
  try {
    await requireHostPermission(serverUrl)
  } catch (e) {
    if (e instanceof MessageFailure) throw new MessageFailure({ ...e.error, field: "serverUrl" })
    throw e
  }
  try {
    await api.getHealth({ serverUrl, token: null })
  } catch (e) {
    const answered = e instanceof ServerRequestError && e.kind !== "unreachable"
    throw new MessageFailure({
      kind: answered ? "invalid" : "unreachable",
      field: "serverUrl",
      message: answered ? `${serverUrl} answered, but it is not a Cogsync server.` : unreachableMessage(serverUrl),
    })
  }
  let me
  try {
    me = await api.getMe({ serverUrl, token })
  } catch (e) {
    if (e instanceof ServerRequestError && (e.status === 401 || e.status === 403)) {
      throw new MessageFailure({ kind: "unauthorized", field: "token", message: TOKEN_REFUSED })
    }
    throw e
  }
  const previous = await serverUrlItem.get()
  await Promise.all([serverUrlItem.set(serverUrl), tokenItem.set(token), meItem.set(me)])
  if (previous !== serverUrl) {
    await Promise.all([settingsCacheItem.set(null), campaignsCacheItem.set([]), metadataCacheItem.set(null)])
  }
  void flushOutbox()
  return { signedIn: true, serverUrl, me, reachable: true, error: null }
})
