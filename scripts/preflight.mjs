// Preflight: plain Node, no dependencies. Runs before `npm start`, `npm test` and `npm run bench`.
// Installs the locked dependencies when node_modules is missing or older than package-lock.json,
// so both README commands work on a fresh clone.
import { spawnSync } from "node:child_process"
import { existsSync, statSync } from "node:fs"
import path from "node:path"

const root = path.resolve(import.meta.dirname, "..")
const [major, minor] = process.versions.node.split(".").map(Number)
if (major !== 20 && major !== 22) {
  console.error(`Cogsync needs Node 20.19+ or 22 (found ${process.version}).`)
  process.exit(1)
}
if (major === 20 && minor < 19) {
  console.error(`Cogsync needs Node 20.19 or newer (found ${process.version}).`)
  process.exit(1)
}

const lock = path.join(root, "package-lock.json")
const marker = path.join(root, "node_modules", ".package-lock.json")
const stale = !existsSync(marker) || (existsSync(lock) && statSync(marker).mtimeMs < statSync(lock).mtimeMs)

if (stale) {
  console.log("preflight: installing dependencies (npm ci; the first run compiles better-sqlite3, about a minute)…")
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" })
  if (result.status !== 0) {
    console.error("preflight: `npm ci` failed; see the output above.")
    process.exit(result.status ?? 1)
  }
}
