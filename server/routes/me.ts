// GET /me: who the token signs in.
import { Hono } from "hono"
import type { Me } from "@shared/index"
import { authOf, type AppEnv } from "../http/context"

export const meRoutes = () =>
  new Hono<AppEnv>().get("/", (c) => {
    const { user, team } = authOf(c)
    const body: Me = { user: { id: user.id, name: user.name, email: user.email, role: user.role, createdAt: user.createdAt }, team }
    return c.json(body)
  })
