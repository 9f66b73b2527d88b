// `npm run cli -- <command>`: team administration on the server's database (DATABASE_PATH).
//   create-team  --name <team> --admin-name <name> [--admin-email <email>]   first admin + token
//   create-user  --team <id> --name <name> --role admin|recruiter [--email <email>]
//   create-token --user <id>                                              new token; old ones revoked
// Tokens are printed once and stored hashed. Add --json for machine-readable output.
import { parseArgs } from "node:util"
import * as z from "zod"
import { CreateUserRequestSchema } from "@shared/index"
import { openDatabase, type Db } from "./db/client"
import { EnvError, loadEnv } from "./env"
import { ApiFailure } from "./http/errors"
import { systemClock } from "./services/clock"
import { createTeam, createUser, getTeam, issueToken } from "./services/teams"

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  create-team  --name <team> --admin-name <name> [--admin-email <email>]
  create-user  --team <team id> --name <name> --role admin|recruiter [--email <email>]
  create-token --user <user id>

Options:
  --json    print the result as JSON
  --help    show this help

The database is DATABASE_PATH (default ./data/cogsync.db). Tokens are shown once.`

class UsageError extends Error {}

const TeamNameSchema = z.string().trim().min(1, "--name is required").max(200)

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === "") throw new UsageError(`${flag} is required`)
  return value
}

function parse<T>(schema: z.ZodType<T>, value: unknown, flagFor: (path: string) => string): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  throw new UsageError(`${flagFor(issue?.path.join(".") ?? "")}: ${issue?.message ?? "invalid"}`)
}

interface Output {
  lines: string[]
  json: Record<string, unknown>
}

function run(db: Db, command: string, values: Record<string, string | boolean | undefined>): Output {
  const str = (k: string) => (typeof values[k] === "string" ? values[k] : undefined)
  switch (command) {
    case "create-team": {
      const name = parse(TeamNameSchema, required(str("name"), "--name"), () => "--name")
      const admin = parse(
        CreateUserRequestSchema,
        { name: required(str("admin-name"), "--admin-name"), email: str("admin-email"), role: "admin" },
        (p) => (p === "email" ? "--admin-email" : "--admin-name"),
      )
      const created = createTeam(db, systemClock, { name, adminName: admin.name, adminEmail: admin.email })
      return {
        lines: [
          `Team:        ${created.team.name} (${created.team.id})`,
          `Admin:       ${created.admin.name} (${created.admin.id})`,
          `Admin token: ${created.token}`,
          "Keep the token safe: it is shown only this once. Paste it into the Cogsync extension's options page.",
        ],
        json: { team: created.team, user: created.admin, token: created.token },
      }
    }
    case "create-user": {
      const teamId = required(str("team"), "--team")
      if (!getTeam(db, teamId)) throw new UsageError(`--team: no team ${teamId}`)
      const input = parse(CreateUserRequestSchema, { name: required(str("name"), "--name"), email: str("email"), role: required(str("role"), "--role") }, (p) => `--${p}`)
      const created = createUser(db, systemClock, teamId, input)
      return {
        lines: [`User:  ${created.user.name} (${created.user.id}, ${created.user.role})`, `Token: ${created.token}`, "The token is shown only this once."],
        json: { user: created.user, token: created.token },
      }
    }
    case "create-token": {
      const userId = required(str("user"), "--user")
      const issued = issueToken(db, systemClock, userId)
      if (!issued) throw new UsageError(`--user: no user ${userId}`)
      return {
        lines: [`User:  ${issued.user.name} (${issued.user.id})`, `Token: ${issued.token}`, "Older tokens of this user no longer work. The token is shown only this once."],
        json: { user: issued.user, token: issued.token },
      }
    }
    default:
      throw new UsageError(command ? `unknown command “${command}”` : "give a command")
  }
}

function main(argv: string[]): number {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: "string" },
        "admin-name": { type: "string" },
        "admin-email": { type: "string" },
        team: { type: "string" },
        role: { type: "string" },
        email: { type: "string" },
        user: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean" },
      },
    })
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help || positionals.length === 0) {
    console.log(USAGE)
    return values.help ? 0 : 2
  }
  let db: Db | undefined
  try {
    db = openDatabase(loadEnv().DATABASE_PATH)
    const out = run(db, positionals[0]!, values)
    console.log(values.json ? JSON.stringify(out.json, null, 2) : out.lines.join("\n"))
    return 0
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`)
      return 2
    }
    if (err instanceof ApiFailure || err instanceof EnvError) {
      console.error(err.message)
      return 1
    }
    throw err
  } finally {
    db?.$client.close()
  }
}

process.exitCode = main(process.argv.slice(2))
