// A back end for a bench section: the Clockwork sandbox (demo firm) and the Cogsync server, each in
// its own process on loopback, a fresh SQLite file with one team, and the integration activated
// against the sandbox the way an admin does it (POST /integration/activate).
import { randomBytes } from "node:crypto"
import { mkdirSync } from "node:fs"
import path from "node:path"
import { DEMO_ACTIVATION } from "../server/clockwork/index"
import { openDatabase } from "../server/db/client"
import { systemClock } from "../server/services/clock"
import { createTeam } from "../server/services/teams"
import { startSandboxProcess, startServerProcess, type SandboxProcess, type ServerProcess } from "./processes"
import type { BenchContext } from "./types"

export interface BenchWorld {
  dir: string
  sandbox: SandboxProcess
  server: ServerProcess
  token: string
  /** Calls the Cogsync API as the team's admin; throws unless the status is 2xx. */
  api<T = unknown>(method: string, pathAndQuery: string, body?: unknown): Promise<T>
  stop(): Promise<void>
}

export interface BenchWorldOptions {
  serverEnv?: Record<string, string>
  /** Node flags of the server process (`npm run bench -- --cpu-prof` passes `--cpu-prof`). */
  serverExecArgv?: string[]
}

export async function startBenchWorld(ctx: BenchContext, name: string, opts: BenchWorldOptions = {}): Promise<BenchWorld> {
  const dir = path.join(ctx.tmpDir, name)
  mkdirSync(dir, { recursive: true })
  const sandbox = await startSandboxProcess(ctx.root, dir)
  try {
    const databasePath = path.join(dir, "cogsync.db")
    const db = openDatabase(databasePath)
    const { token } = createTeam(db, systemClock, { name: "Bench Recruiting", adminName: "Ada Admin", adminEmail: "ada@example.com" })
    db.$client.close()
    const server = await startServerProcess(
      ctx.root,
      dir,
      { DATABASE_PATH: databasePath, CLOCKWORK_API_URL: sandbox.url, COGSYNC_SECRET_KEY: randomBytes(32).toString("base64"), LOG_LEVEL: "info", ...opts.serverEnv },
      "server",
      opts.serverExecArgv ?? [],
    )
    const api = async <T>(method: string, pathAndQuery: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${server.url}${pathAndQuery}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      })
      const text = await res.text()
      if (!res.ok) throw new Error(`${method} ${pathAndQuery} answered ${res.status}: ${text.slice(0, 300)}`)
      return (text ? JSON.parse(text) : undefined) as T
    }
    await api("POST", "/integration/activate", DEMO_ACTIVATION)
    return {
      dir,
      sandbox,
      server,
      token,
      api,
      async stop() {
        await server.stop()
        await sandbox.stop()
      },
    }
  } catch (err) {
    await sandbox.stop()
    throw err
  }
}
