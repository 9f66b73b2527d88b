// `npm run bench` — measures what users feel, each figure beside its reference from the same run,
// and writes bench/results.md and bench/results.json (see docs/bench.md).
//   npm run bench                          full run (about 8 minutes on 2 cores); writes bench/results.*
//   npm run bench -- --smoke               tiny sizes: checks that the bench works (figures mean nothing)
//   npm run bench -- --only server,bulk    some sections (ids: bundles, picker, resolver, server, bulk, footprint)
//   npm run bench -- --out <dir>           write the results elsewhere
// A smoke run or a partial run writes to bench/runs/<time>/ (git-ignored) unless --out says otherwise.
import { existsSync } from "node:fs"
import path from "node:path"
import { pathToFileURL } from "node:url"
import { parseArgs } from "node:util"
import { SECTION_IDS, runBench } from "./bench"
import { renderTable, writeResults } from "./report"
import type { SectionId } from "./types"

const root = path.resolve(import.meta.dirname, "..")
const USAGE = `usage: npm run bench -- [--smoke] [--only ${SECTION_IDS.join(",")}] [--out <dir>]`

const { values } = (() => {
  try {
    return parseArgs({ options: { smoke: { type: "boolean", default: false }, only: { type: "string", multiple: true }, out: { type: "string" }, help: { type: "boolean", default: false } }, strict: true })
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`)
    process.exit(2)
  }
})()
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const only = values.only?.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean)
const unknown = only?.filter((id) => !SECTION_IDS.includes(id as SectionId))
if (unknown?.length) {
  console.error(`unknown section ${unknown.join(", ")}\n${USAGE}`)
  process.exit(2)
}

if (!only || only.includes("picker")) {
  // The browser section needs Chromium: the same finder as `npm test` (CHROME_PATH, the usual places, apt as root).
  const { findChromium } = (await import(pathToFileURL(path.join(root, "scripts/chromium.mjs")).href)) as { findChromium(o: { install: boolean }): string | undefined }
  const chrome = findChromium({ install: true })
  if (!chrome) process.exit(1)
  process.env.CHROME_PATH = chrome
}

const results = await runBench({ smoke: values.smoke, root, ...(only ? { only: only as SectionId[] } : {}) })
const full = !values.smoke && !only
const outDir = values.out ? path.resolve(values.out) : full ? path.join(root, "bench") : path.join(root, "bench", "runs", results.date.replace(/[:.]/g, "-"))
const written = writeResults(outDir, results)
console.log(`\n${renderTable(results)}\n`)
console.log(`Wrote ${path.relative(root, written.markdown)} and ${path.relative(root, written.json)} (${(results.seconds / 60).toFixed(1)} min).`)
if (!existsSync(written.markdown) || results.sections.some((s) => s.error)) process.exit(1)
