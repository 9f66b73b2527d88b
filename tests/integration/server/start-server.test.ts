import { spawn, type ChildProcess } from "node:child_process"
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { SecretKeyError } from "../../../server/secrets"
import { startServer } from "../../../server/start-server"

const root = path.resolve(import.meta.dirname, "../../..")
const tsx = path.join(root, "node_modules", ".bin", "tsx")

interface Exited {
  code: number | null
  output: string
}

/** Runs `npm run server`'s entry with the given environment; resolves with its url once it listens. */
function runServer(env: Record<string, string>): { child: ChildProcess; listening: Promise<string>; exited: Promise<Exited> } {
  const child = spawn(tsx, ["server/index.ts"], { cwd: root, env: { ...process.env, PORT: "0", ...env }, stdio: ["ignore", "pipe", "pipe"] })
  let output = ""
  let onUrl: (url: string) => void = () => {}
  const listening = new Promise<string>((resolve) => (onUrl = resolve))
  const collect = (d: Buffer) => {
    output += d.toString()
    const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output)
    if (m) onUrl(m[1]!)
  }
  child.stdout!.on("data", collect)
  child.stderr!.on("data", collect)
  const exited = new Promise<Exited>((resolve) => child.on("exit", (code) => resolve({ code, output })))
  return { child, listening, exited }
}

describe("starting and stopping the server", () => {
  let dir: string
  const children: ChildProcess[] = []
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "cogsync-start-"))
  })
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL")
    rmSync(dir, { recursive: true, force: true })
  })

  const baseEnv = () => ({ DATABASE_PATH: path.join(dir, "cogsync.db"), COGSYNC_SECRET_KEY_FILE: path.join(dir, "secret.key"), CLOCKWORK_API_URL: "http://127.0.0.1:9" })

  it("creates its key file (0600) and database on first run, serves /health, and exits 0 on SIGTERM", async () => {
    const run = runServer(baseEnv())
    children.push(run.child)
    const url = await run.listening
    const health = await fetch(`${url}/health`)
    expect(health.status).toBe(200)
    expect(statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600)
    expect(existsSync(path.join(dir, "cogsync.db"))).toBe(true)
    run.child.kill("SIGTERM")
    const exit = await run.exited
    expect(exit.code).toBe(0)
    expect(exit.output).toContain("shutting down")
  })

  it("exits 0 on SIGINT too", async () => {
    const run = runServer(baseEnv())
    children.push(run.child)
    await run.listening
    run.child.kill("SIGINT")
    expect((await run.exited).code).toBe(0)
  })

  it("refuses to start with a key file others can read, without printing the key", async () => {
    const key = Buffer.alloc(32, 5).toString("base64")
    writeFileSync(path.join(dir, "secret.key"), key)
    chmodSync(path.join(dir, "secret.key"), 0o644)
    const run = runServer(baseEnv())
    children.push(run.child)
    const exit = await run.exited
    expect(exit.code).toBe(1)
    expect(exit.output).toContain("group or others")
    expect(exit.output).not.toContain(key)
  })

  it("refuses to start with a short key from the environment", async () => {
    const run = runServer({ ...baseEnv(), COGSYNC_SECRET_KEY: Buffer.alloc(16, 1).toString("base64") })
    children.push(run.child)
    const exit = await run.exited
    expect(exit.code).toBe(1)
    expect(exit.output).toContain("too short")
  })

  it("refuses to start with an invalid environment, naming the variable", async () => {
    const run = runServer({ ...baseEnv(), PORT: "eighty" })
    children.push(run.child)
    const exit = await run.exited
    expect(exit.code).toBe(1)
    expect(exit.output).toContain("PORT")
  })

  it("startServer throws SecretKeyError for an unreadable key and leaves no database behind", async () => {
    await expect(
      startServer({ databasePath: path.join(dir, "cogsync.db"), clockworkApiUrl: "http://127.0.0.1:9", secretKey: "c2hvcnQ=", logLevel: "silent" }),
    ).rejects.toBeInstanceOf(SecretKeyError)
    expect(existsSync(path.join(dir, "cogsync.db"))).toBe(false)
  })
})
