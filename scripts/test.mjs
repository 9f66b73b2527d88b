// `npm test`: typecheck, lint, production build of the extension, then every vitest project
// (unit, component, integration, e2e in a real Chromium). Plain Node so it runs right after preflight.
// Writes test-results/vitest.json and ends with one line "N passed, N failed".
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs"
import path from "node:path"
import { findChromium } from "./chromium.mjs"

const root = path.resolve(import.meta.dirname, "..")
const bin = (name) => path.join(root, "node_modules", ".bin", name)
const extraArgs = process.argv.slice(2)

function step(title, cmd, args, env = {}) {
  const started = Date.now()
  console.log(`\n▶ ${title}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } })
  const secs = ((Date.now() - started) / 1000).toFixed(1)
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (${secs} s)`)
    return false
  }
  console.log(`✔ ${title} (${secs} s)`)
  return true
}

const hasE2e = existsSync(path.join(root, "tests/e2e")) && readdirSync(path.join(root, "tests/e2e")).some((f) => f.endsWith(".test.ts"))

let ok = step("typecheck", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"])
ok = step("lint", bin("eslint"), ["--max-warnings=0", "."]) && ok

const env = {}
if (hasE2e) {
  ok = step("build extension (production)", bin("plasmo"), ["build", "--src-path=extension", "--hoist"]) && ok
  const chrome = findChromium({ install: true })
  if (!chrome) process.exit(1)
  env.CHROME_PATH = chrome
}

mkdirSync(path.join(root, "test-results"), { recursive: true })
const report = path.join(root, "test-results", "vitest.json")
ok =
  step(
    "vitest (unit, component, integration, e2e)",
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extraArgs],
    env,
  ) && ok

let summary = "0 passed, 0 failed"
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, "utf8"))
  summary = `${r.numPassedTests} passed, ${r.numFailedTests} failed`
  if (r.numTotalTests === 0) ok = false
  if (r.numPendingTests || r.numTodoTests) {
    console.error(`✖ ${r.numPendingTests} skipped and ${r.numTodoTests} todo tests: nothing may be skipped.`)
    ok = false
  }
}
console.log(`\n${summary}`)
process.exit(ok ? 0 : 1)
