// `npm start` (and `npm run dev` with --dev): the whole product on embedded defaults.
// Builds the extension, starts the Clockwork sandbox (seeded demo firm, persisted in ./data) and the
// Cogsync server (SQLite in ./data) pointed at it unless CLOCKWORK_API_URL says otherwise, creates a
// demo team on first run, and prints what to do next. Ctrl-C stops everything; data survives.
import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import path from "node:path"
import { parseArgs } from "node:util"
import { DEMO_FIRM, createSandbox, type SandboxListener } from "../server/clockwork/index"
import { loadEnv, serverOptionsFromEnv } from "../server/env"
import { systemClock } from "../server/services/clock"
import { createTeam, createUser } from "../server/services/teams"
import { startServer } from "../server/start-server"
import { teams } from "../server/db/schema"

const root = path.resolve(import.meta.dirname, "..")
const { values: args } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    "skip-build": { type: "boolean", default: false },
    "sandbox-port": { type: "string", default: "4010" },
  },
})
const env = loadEnv()
const dataDir = path.dirname(path.resolve(env.DATABASE_PATH))
mkdirSync(dataDir, { recursive: true })
const tokensFile = path.join(dataDir, "demo-tokens.txt")
const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s)

// 1. The extension.
const extDir = path.join(root, "build", args.dev ? "chrome-mv3-dev" : "chrome-mv3-prod")
let plasmoDev: ChildProcess | undefined
if (args.dev) {
  plasmoDev = spawn(path.join(root, "node_modules/.bin/plasmo"), ["dev", "--src-path=extension"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] })
} else if (!args["skip-build"]) {
  console.log("Building the extension (production)…")
  const r = spawnSync(path.join(root, "node_modules/.bin/plasmo"), ["build", "--src-path=extension", "--hoist"], { cwd: root, encoding: "utf8" })
  if (r.status !== 0 || !existsSync(path.join(extDir, "manifest.json"))) {
    console.error(r.stdout, r.stderr)
    console.error("The extension build failed; see the output above.")
    process.exit(1)
  }
}

// 2. The Clockwork sandbox, unless a real Clockwork is configured.
const useSandbox = !process.env.CLOCKWORK_API_URL
let sandboxListener: SandboxListener | undefined
let sandbox: ReturnType<typeof createSandbox> | undefined
if (useSandbox) {
  sandbox = createSandbox({ persistPath: path.join(dataDir, "sandbox.db") })
  if (!sandbox.hasFirm(DEMO_FIRM.firm)) sandbox.seedDemoFirm()
  sandboxListener = await sandbox.listen(Number(args["sandbox-port"]), "127.0.0.1")
}
const clockworkApiUrl = sandboxListener?.url ?? env.CLOCKWORK_API_URL

// 3. The Cogsync server.
const server = await startServer({
  ...serverOptionsFromEnv(env),
  clockworkApiUrl,
  logLevel: env.LOG_LEVEL === "info" ? "warn" : env.LOG_LEVEL,
})

// 4. First run: a demo team with an admin and a recruiter; tokens shown once and kept in a 0600 file.
let firstRun = false
if (!server.db.select({ id: teams.id }).from(teams).limit(1).get()) {
  firstRun = true
  const created = createTeam(server.db, systemClock, { name: "Demo Recruiting", adminName: "Ada Admin", adminEmail: "ada@example.com" })
  const recruiter = createUser(server.db, systemClock, created.team.id, { name: "Riley Recruiter", email: "riley@example.com", role: "recruiter" })
  writeFileSync(
    tokensFile,
    [
      "# Cogsync demo tokens (created by npm start on first run). Keep this file private.",
      `admin     Ada Admin        ${created.token}`,
      `recruiter Riley Recruiter  ${recruiter.token}`,
      "",
    ].join("\n"),
    { mode: 0o600 },
  )
  chmodSync(tokensFile, 0o600)
}

const lines = [
  "",
  bold("Cogsync is running."),
  `  Server       ${server.url}   (API docs: ${server.url}/docs)`,
  useSandbox ? `  Clockwork    sandbox at ${clockworkApiUrl} (demo firm, state in ${path.relative(root, dataDir)}/sandbox.db)` : `  Clockwork    ${clockworkApiUrl}`,
  `  Data         ${path.relative(root, dataDir) || "."}/  (SQLite, secret key, demo tokens)`,
  `  Extension    ${path.relative(root, extDir)}/${args.dev ? "  (plasmo dev: rebuilds on change)" : ""}`,
  "",
  firstRun ? bold("Demo tokens (shown once; also in " + path.relative(root, tokensFile) + "):") : `Demo tokens: see ${path.relative(root, tokensFile)}`,
  ...(firstRun ? readFileSync(tokensFile, "utf8").split("\n").filter((l) => l && !l.startsWith("#")).map((l) => `  ${l}`) : []),
  ...(useSandbox
    ? [
        "",
        bold("Demo Clockwork credentials (for the activation form):"),
        `  API Key      ${DEMO_FIRM.apiKey}`,
        `  API Secret   ${DEMO_FIRM.apiSecret}`,
        `  Subdomain    ${DEMO_FIRM.firm}`,
        `  Service Key  ${DEMO_FIRM.serviceKey}`,
      ]
    : []),
  "",
  bold("Next:"),
  `  1. Chrome → chrome://extensions → Developer mode → Load unpacked → ${extDir}`,
  `  2. Open the extension's options page, sign in with ${server.url} and the admin token.`,
  "  3. Activate Clockwork with the credentials above; you should see a green Connected box.",
  `  4. Open a demo profile: ${server.url}/demo  (e.g. ${server.url}/demo/in/jane-cooper-demo)`,
  "",
  "Ctrl-C stops everything; your data stays in ./data for the next npm start.",
]
console.log(lines.join("\n"))

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  console.log("\nStopping…")
  plasmoDev?.kill("SIGTERM")
  await server.close()
  await sandbox?.close()
  process.exit(0)
}
process.on("SIGINT", () => void stop())
process.on("SIGTERM", () => void stop())
