// Users of the team and their tokens. Tokens are returned once, when issued.
import { Hono } from "hono"
import { authOf, type AppEnv } from "../http/context"
import { forbidden, notFound } from "../http/errors"
import { jsonBody, params } from "../http/validate"
import type { AppContext } from "../deps"
import { createUser, getTeamUser, issueToken, listUsers } from "../services/teams"
import { ROUTES } from "./table"

export const usersRoutes = (app: AppContext) =>
  new Hono<AppEnv>()
    .get("/", (c) => c.json({ users: listUsers(app.db, authOf(c).team.id) }))
    .post("/", jsonBody(ROUTES["POST /users"].body), (c) => {
      const { team, user } = authOf(c)
      const created = createUser(app.db, app.clock, team.id, c.req.valid("json"))
      c.get("log").info({ userId: user.id, createdUserId: created.user.id, role: created.user.role }, "user created")
      return c.json(created, 201)
    })
    .post("/:id/tokens", params(ROUTES["POST /users/:id/tokens"].params), (c) => {
      const { team, user } = authOf(c)
      const { id } = c.req.valid("param")
      if (!getTeamUser(app.db, team.id, id)) throw notFound("id", "id: no such user in your team")
      if (user.role !== "admin" && user.id !== id) throw forbidden("Only team admins can issue tokens for other users")
      const issued = issueToken(app.db, app.clock, id)
      if (!issued) throw notFound("id", "id: no such user in your team")
      c.get("log").info({ userId: user.id, tokenFor: id }, "token issued; older tokens revoked")
      return c.json(issued, 201)
    })
