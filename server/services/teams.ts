// Teams, users and personal tokens. A token is `cgs_` + 43 url-safe base64 characters (32 random
// bytes); only its SHA-256 hash is stored, and it is returned exactly once, when it is issued.
import { createHash, randomBytes } from "node:crypto"
import { and, asc, eq, isNull, sql } from "drizzle-orm"
import { DEFAULT_TEAM_SETTINGS, UserTokenSchema, type Role, type User } from "@shared/index"
import { writeTransaction, type Db, type DbLike } from "../db/client"
import { preparedPerDb } from "../db/prepared"
import { teamSettings, teams, tokens, users } from "../db/schema"
import { conflict } from "../http/errors"
import type { AuthContext } from "../http/context"
import { newId, type Clock } from "./clock"

export const TOKEN_PREFIX = "cgs_"

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex")
}

type UserRow = typeof users.$inferSelect

export function toUser(row: UserRow): User {
  return { id: row.id, name: row.name, email: row.email, role: row.role, createdAt: row.createdAt }
}

/** Revokes the user's tokens and issues a new one. Runs inside the caller's transaction. */
function rotateToken(tx: DbLike, clock: Clock, userId: string): string {
  const now = clock.now().toISOString()
  tx.update(tokens)
    .set({ revokedAt: now })
    .where(and(eq(tokens.userId, userId), isNull(tokens.revokedAt)))
    .run()
  const token = generateToken()
  tx.insert(tokens).values({ id: newId("tok"), userId, tokenHash: hashToken(token), createdAt: now }).run()
  return token
}

function insertUser(tx: DbLike, clock: Clock, teamId: string, input: { name: string; email?: string | undefined; role: Role }): UserRow {
  const email = input.email?.trim().toLowerCase() || null
  if (email) {
    const taken = tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.teamId, teamId), eq(users.email, email)))
      .get()
    if (taken) throw conflict("email_taken", `A user with the email ${email} already exists in this team`, "email")
  }
  return tx
    .insert(users)
    .values({ id: newId("usr"), teamId, name: input.name.trim(), email, role: input.role, createdAt: clock.now().toISOString() })
    .returning()
    .get()
}

export interface CreatedTeam {
  team: { id: string; name: string }
  admin: User
  /** The admin's token, shown once. */
  token: string
}

/** Creates a team with default settings and its first admin (and the admin's token). */
export function createTeam(db: Db, clock: Clock, input: { name: string; adminName: string; adminEmail?: string | undefined }): CreatedTeam {
  return writeTransaction(db, (tx) => {
    const now = clock.now().toISOString()
    const team = tx.insert(teams).values({ id: newId("team"), name: input.name.trim(), createdAt: now }).returning().get()
    tx.insert(teamSettings).values({ teamId: team.id, settings: DEFAULT_TEAM_SETTINGS, version: 0 }).run()
    const admin = insertUser(tx, clock, team.id, { name: input.adminName, email: input.adminEmail, role: "admin" })
    const token = rotateToken(tx, clock, admin.id)
    return { team: { id: team.id, name: team.name }, admin: toUser(admin), token }
  })
}

/** Creates a user of a team and their first token. Throws 409 (field `email`) when the email is taken. */
export function createUser(db: Db, clock: Clock, teamId: string, input: { name: string; email?: string | undefined; role: Role }): { user: User; token: string } {
  return writeTransaction(db, (tx) => {
    const user = insertUser(tx, clock, teamId, input)
    return { user: toUser(user), token: rotateToken(tx, clock, user.id) }
  })
}

/** Issues a new token for a user (revoking the old ones); undefined when the user does not exist. */
export function issueToken(db: Db, clock: Clock, userId: string): { user: User; token: string } | undefined {
  return writeTransaction(db, (tx) => {
    const user = tx.select().from(users).where(eq(users.id, userId)).get()
    if (!user) return undefined
    return { user: toUser(user), token: rotateToken(tx, clock, user.id) }
  })
}

export function getTeam(db: DbLike, teamId: string): { id: string; name: string } | undefined {
  return db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, teamId)).get()
}

/** A user of the given team; undefined for unknown users and users of other teams. */
export function getTeamUser(db: DbLike, teamId: string, userId: string): User | undefined {
  const row = db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.teamId, teamId)))
    .get()
  return row ? toUser(row) : undefined
}

export function listUsers(db: DbLike, teamId: string): User[] {
  return db.select().from(users).where(eq(users.teamId, teamId)).orderBy(asc(users.createdAt), asc(users.id)).all().map(toUser)
}

/** The user and team a token signs in; undefined for malformed, unknown or revoked tokens. */
export function authenticate(db: DbLike, token: string): AuthContext | undefined {
  if (!UserTokenSchema.safeParse(token).success) return undefined
  const row = authQuery(db).get({ tokenHash: hashToken(token) })
  return row ? { user: toUser(row.user), team: row.team } : undefined
}

const authQuery = preparedPerDb((db) =>
  db
    .select({ user: users, team: { id: teams.id, name: teams.name } })
    .from(tokens)
    .innerJoin(users, eq(users.id, tokens.userId))
    .innerJoin(teams, eq(teams.id, users.teamId))
    .where(and(eq(tokens.tokenHash, sql.placeholder("tokenHash")), isNull(tokens.revokedAt)))
    .prepare(),
)
