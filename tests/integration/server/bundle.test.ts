// `npm run server` runs the bundled server (scripts/build-server.mjs → build/server/index.mjs) in
// plain Node: it must start, apply its migrations, serve its demo pages and stop cleanly, with its
// data files found from the bundle's folder too.
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { pathToFileURL } from "node:url"
import Database from "better-sqlite3"
import { afterAll, expect, it } from "vitest"

const root = path.resolve(import.meta.dirname, "../../..")
// Under build/ (git-ignored), in a folder of its own so a concurrent `npm run server` is not disturbed.
const outDir = path.join(root, "build", `server-test-${process.pid}`)
const dataDir = mkdtempSync(path.join(os.tmpdir(), "cogsync-bundle-"))

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true })
  rmSync(dataDir, { recursive: true, force: true })
})

it("starts from its bundle in plain Node, migrates, serves the demo pages and stops on SIGTERM", async () => {
  const { buildServer } = (await import(pathToFileURL(path.join(root, "scripts/build-server.mjs")).href)) as {
    buildServer(entry?: string, outfile?: string): Promise<string>
  }
  const bundle = await buildServer("server/index.ts", path.join(outDir, "index.mjs"))
  const databasePath = path.join(dataDir, "cogsync.db")
  const child = spawn(process.execPath, [bundle], {
    cwd: os.tmpdir(), // not the project folder: the bundle finds its files by itself
    env: {
      PATH: process.env.PATH,
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_PATH: databasePath,
      COGSYNC_SECRET_KEY: Buffer.alloc(32, 9).toString("base64"),
      CLOCKWORK_API_URL: "http://127.0.0.1:9",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  })
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve))
  let stderr = ""
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    let out = ""
    const timer = setTimeout(() => reject(new Error(`the bundled server did not start: ${out} ${stderr}`)), 20_000)
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString()
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"cogsync server listening"/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    void exited.then((code) => reject(new Error(`the bundled server exited (${code}): ${out} ${stderr}`)))
  })

  const health = await fetch(`${url}/health`)
  expect(health.status).toBe(200)
  const version = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version
  expect(await health.json()).toMatchObject({ version })

  const page = await fetch(`${url}/demo/in/jane-cooper-demo`)
  expect(page.status).toBe(200)
  expect(await page.text()).toContain("<h1>Jane Cooper</h1>")

  child.kill("SIGTERM")
  expect(await exited).toBe(0)
  expect(stderr).toBe("")

  const db = new Database(databasePath, { readonly: true })
  try {
    const migrations = db.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }
    const journal = JSON.parse(readFileSync(path.join(root, "server/db/migrations/meta/_journal.json"), "utf8")) as { entries: unknown[] }
    expect(migrations.n).toBe(journal.entries.length)
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name = 'teams'").all()
    expect(tables).toHaveLength(1)
  } finally {
    db.close()
  }
}, 60_000)
