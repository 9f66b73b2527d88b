// Hono environment shared by every router: per-request variables set by the app's middleware.
import type { Context } from "hono"
import type { Role } from "@shared/index"
import type { Logger } from "../logger"
import { unauthorized } from "./errors"

export interface AuthUser {
  id: string
  teamId: string
  name: string
  email: string | null
  role: Role
  createdAt: string
}

export interface AuthContext {
  user: AuthUser
  team: { id: string; name: string }
}

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
  if (!auth) throw unauthorized("Sign in: send Authorization: Bearer <your Cogsync token>")
  return auth
}
