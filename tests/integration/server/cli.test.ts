import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { Me, User } from "@shared/index"
import { startServer, type RunningServer } from "../../../server/start-server"

const root = path.resolve(import.meta.dirname, "../../..")
const tsx = path.join(root, "node_modules", ".bin", "tsx")

describe("npm run cli", () => {
  let dir: string
  let dbPath: string
  let server: RunningServer | undefined
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "cogsync-cli-"))
    dbPath = path.join(dir, "cogsync.db")
  })
  afterEach(async () => {
    await server?.close()
    server = undefined
    rmSync(dir, { recursive: true, force: true })
  })

  const cli = (...args: string[]) => {
    const r = spawnSync(tsx, ["server/cli.ts", ...args], { cwd: root, env: { ...process.env, DATABASE_PATH: dbPath }, encoding: "utf8" })
    return { code: r.status, stdout: r.stdout, stderr: r.stderr }
  }
  const json = <T>(out: { stdout: string }) => JSON.parse(out.stdout) as T

  const me = async (token: string) => {
    server ??= await startServer({ databasePath: dbPath, clockworkApiUrl: "http://127.0.0.1:9", secretKey: Buffer.alloc(32, 3).toString("base64"), logLevel: "silent" })
    const res = await fetch(`${server.url}/me`, { headers: { authorization: `Bearer ${token}` } })
    return { status: res.status, body: (await res.json()) as Me }
  }

  it("creates a team and its first admin, printing the token once", async () => {
    const out = cli("create-team", "--name", "Acme Search", "--admin-name", "Ada Admin", "--admin-email", "ada@acme.example")
    expect(out.code).toBe(0)
    const token = /Admin token: (cgs_[A-Za-z0-9_-]{43})/.exec(out.stdout)?.[1]
    expect(token).toBeDefined()
    const res = await me(token!)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ user: { name: "Ada Admin", email: "ada@acme.example", role: "admin" }, team: { name: "Acme Search" } })
    expect(out.stdout).toContain(res.body.team.id)
  })

  it("creates users and replaces tokens", async () => {
    const team = json<{ team: { id: string }; token: string }>(cli("create-team", "--name", "Acme", "--admin-name", "Ada", "--json"))
    const user = json<{ user: User; token: string }>(cli("create-user", "--team", team.team.id, "--name", "Rita", "--role", "recruiter", "--json"))
    expect(user.user.role).toBe("recruiter")
    expect((await me(user.token)).body.user.id).toBe(user.user.id)
    const renewed = json<{ token: string }>(cli("create-token", "--user", user.user.id, "--json"))
    expect((await me(renewed.token)).status).toBe(200)
    expect((await me(user.token)).status).toBe(401)
  })

  it.each([
    [["create-team", "--admin-name", "Ada"], "--name is required"],
    [["create-team", "--name", "Acme", "--admin-name", "Ada", "--admin-email", "nope"], "--admin-email"],
    [["create-user", "--team", "team_missing", "--name", "Rita", "--role", "recruiter"], "--team: no team team_missing"],
    [["create-token", "--user", "usr_missing"], "--user: no user usr_missing"],
    [["launch-rockets"], "unknown command"],
    [["create-team", "--colour", "red"], "Unknown option"],
  ])("refuses %j with exit code 2 and says why", (args, message) => {
    const out = cli(...args)
    expect(out.code).toBe(2)
    expect(out.stderr).toContain(message)
  })

  it("refuses a role that does not exist, naming --role", () => {
    const team = json<{ team: { id: string } }>(cli("create-team", "--name", "Acme", "--admin-name", "Ada", "--json"))
    const out = cli("create-user", "--team", team.team.id, "--name", "Rita", "--role", "owner")
    expect(out.code).toBe(2)
    expect(out.stderr).toContain("--role")
  })
})
