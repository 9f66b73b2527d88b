// Hono environment shared by every router: per-request variables set by the app's middleware.
import type { Context } from "hono"
import type { Me } from "@shared/index"
import type { Logger } from "../logger"
import { unauthorized } from "./errors"

/** Who a token signs in: the same shape `GET /me` answers. */
export type AuthContext = Me

export const SIGN_IN_MESSAGE = "Sign in: send Authorization: Bearer <your Cogsync token>"

export interface AppEnv {
  Variables: {
    requestId: string
    /** Child logger carrying the request id. */
    log: Logger
    /** Set by the auth middleware on every non-public route. */
    auth: AuthContext | undefined
  }
}

/** The signed-in user of a non-public route. */
export function authOf(c: Context<AppEnv>): AuthContext {
  const auth = c.get("auth")
  if (!auth) throw unauthorized(SIGN_IN_MESSAGE)
  return auth
}
