// get-session: who is signed in (from storage); with `verify`, checks the token with `GET /me`.
import * as api from "~lib/api"
import { meItem } from "~lib/storage"
import { defineHandler } from "../define-handler"
import { toMessageError } from "../errors"
import { withServer } from "../server"
import { readSession } from "../session"

export default defineHandler("get-session", async ({ verify }) => {
  const session = await readSession()
  if (!verify || !session.signedIn) return { ...session, reachable: null, error: null }
  try {
    const me = await withServer((conn) => api.getMe(conn))
    await meItem.set(me)
    return { ...session, me, reachable: true, error: null }
  } catch (e) {
    const error = toMessageError(e, session.serverUrl)
    return { ...session, reachable: error.kind !== "unreachable", error }
  }
})
