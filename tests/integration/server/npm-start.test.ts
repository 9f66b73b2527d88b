// `npm start` (scripts/start.ts) as a newcomer meets it: it prints the server, the sandbox, demo
// tokens and Clockwork credentials, and those printed steps work; Ctrl-C stops it, and a second
// start keeps the data. The extension build is skipped here (the e2e suite builds and loads it).
import { spawn, type ChildProcess } from "node:child_process"
import { mkdtempSync, rmSync, statSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { afterAll, expect, it } from "vitest"

const root = path.resolve(import.meta.dirname, "../../..")
const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), "cogsync-npm-start-")), "data")
const running: ChildProcess[] = []

afterAll(() => {
  for (const child of running) child.kill("SIGKILL")
  rmSync(path.dirname(dataDir), { recursive: true, force: true })
})

interface Started {
  child: ChildProcess
  out: string
  exited: Promise<number | null>
}

/** Starts `npm start`'s script and waits until it has printed its next steps. */
async function start(): Promise<Started> {
  const { CLOCKWORK_API_URL: _real, ...inherited } = process.env
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--skip-build", "--sandbox-port", "0"], {
    cwd: root,
    env: { ...inherited, HOST: "127.0.0.1", PORT: "0", DATABASE_PATH: path.join(dataDir, "cogsync.db"), COGSYNC_SECRET_KEY_FILE: path.join(dataDir, "secret.key"), LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  })
  running.push(child)
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve))
  let out = ""
  let err = ""
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no next steps within 30 s:\n${out}\n${err}`)), 30_000)
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString()
      if (out.includes("Ctrl-C stops everything")) {
        clearTimeout(timer)
        resolve()
      }
    })
    void exited.then((code) => reject(new Error(`npm start exited (${code}):\n${out}\n${err}`)))
  })
  return { child, out, exited }
}

const printed = (out: string, label: RegExp) => {
  const m = label.exec(out)
  if (!m?.[1]) throw new Error(`npm start did not print ${label}:\n${out}`)
  return m[1]
}

async function stop(s: Started): Promise<number | null> {
  s.child.kill("SIGINT")
  return s.exited
}

it("prints working next steps, stops on Ctrl-C and keeps its data for the next start", async () => {
  const first = await start()
  const server = printed(first.out, /Server\s+(http:\/\/127\.0\.0\.1:\d+)/)
  const sandbox = printed(first.out, /sandbox at (http:\/\/127\.0\.0\.1:\d+)/)
  const admin = printed(first.out, /admin\s+Ada Admin\s+(cgs_\S+)/)
  const recruiter = printed(first.out, /recruiter Riley Recruiter\s+(cgs_\S+)/)
  const credentials = {
    apiKey: printed(first.out, /API Key\s+(\S+)/),
    apiSecret: printed(first.out, /API Secret\s+(\S+)/),
    subdomain: printed(first.out, /Subdomain\s+(\S+)/),
    serviceKey: printed(first.out, /Service Key\s+(\S+)/),
  }
  expect(sandbox).not.toBe(server)
  expect(statSync(path.join(dataDir, "demo-tokens.txt")).mode & 0o777).toBe(0o600)

  const call = (token: string, method: string, route: string, body?: unknown) =>
    fetch(`${server}${route}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) })

  // Step 2: sign in with the admin token (and the recruiter's works too).
  expect(await (await call(admin, "GET", "/me")).json()).toMatchObject({ user: { name: "Ada Admin", role: "admin" }, team: { name: "Demo Recruiting" } })
  expect(await (await call(recruiter, "GET", "/me")).json()).toMatchObject({ user: { name: "Riley Recruiter", role: "recruiter" } })
  // Step 3: activate Clockwork with the printed credentials.
  const activated = await call(admin, "POST", "/integration/activate", credentials)
  expect(activated.status).toBe(200)
  expect(await (await call(admin, "GET", "/integration")).json()).toMatchObject({ state: "connected", firm: credentials.subdomain })
  // Step 4: the demo profile.
  const page = await fetch(`${server}/demo/in/jane-cooper-demo`)
  expect(page.status).toBe(200)
  expect(await page.text()).toContain("<h1>Jane Cooper</h1>")

  expect(await stop(first)).toBe(0)

  const second = await start()
  expect(second.out).toContain("Demo tokens: see")
  expect(second.out).not.toContain(admin)
  const again = printed(second.out, /Server\s+(http:\/\/127\.0\.0\.1:\d+)/)
  const me = await fetch(`${again}/integration`, { headers: { authorization: `Bearer ${admin}` } })
  expect(await me.json()).toMatchObject({ state: "connected", firm: credentials.subdomain })
  expect(await stop(second)).toBe(0)
}, 120_000)
