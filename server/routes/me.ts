// GET /me: who the token signs in.
import { Hono } from "hono"
import type { Me } from "@shared/index"
import { authOf, type AppEnv } from "../http/context"

export const meRoutes = () =>
  new Hono<AppEnv>().get("/", (c) => {
    const body: Me = authOf(c)
    return c.json(body)
  })
