// Prints the figures of the last run (test-results/reliability/*.json) as Markdown, for RELIABILITY.md:
//   npx tsx tests/integration/reliability/report.ts
import { existsSync, readFileSync, readdirSync } from "node:fs"
import path from "node:path"
import { FIGURES_DIR } from "./helpers/figures"

interface Doc<T> {
  suite: string
  fuzzRuns: number
  ssrfRuns: number
  seed: number
  writtenAt: string
  rows: T
}

function read<T>(file: string): Doc<T> | undefined {
  const p = path.join(FIGURES_DIR, `${file}.json`)
  return existsSync(p) ? (JSON.parse(readFileSync(p, "utf8")) as Doc<T>) : undefined
}

const n = (x: number) => x.toLocaleString("en-US")
const out: string[] = []

const shards = readdirSync(existsSync(FIGURES_DIR) ? FIGURES_DIR : ".")
  .filter((f) => /^fuzz-shard-\d+\.json$/.test(f))
  .map((f) => read<{ route: string; cases: number; byStatus: Record<string, number>; pastValidation: number; clockworkRequests: number }[]>(f.replace(/\.json$/, ""))!)
const fuzzRows = shards.flatMap((s) => s.rows)
if (fuzzRows.length) {
  const total = fuzzRows.reduce((a, r) => a + r.cases, 0)
  const statuses: Record<string, number> = {}
  for (const r of fuzzRows) for (const [s, c] of Object.entries(r.byStatus)) statuses[s] = (statuses[s] ?? 0) + c
  out.push(`### Fuzz (${shards[0]!.fuzzRuns} cases per route, seed ${shards[0]!.seed}, ${shards[0]!.writtenAt})`, "")
  out.push(`${fuzzRows.length} routes, ${n(total)} cases; statuses: ${Object.entries(statuses).map(([s, c]) => `${s} × ${n(c)}`).join(", ")}.`, "")
  out.push("| Route | Cases | 2xx | 4xx | 5xx | Past validation | Clockwork calls |", "|---|---:|---:|---:|---:|---:|---:|")
  for (const r of [...fuzzRows].sort((a, b) => a.route.localeCompare(b.route))) {
    const by = (lo: number, hi: number) => Object.entries(r.byStatus).filter(([s]) => +s >= lo && +s < hi).reduce((a, [, c]) => a + c, 0)
    out.push(`| \`${r.route}\` | ${n(r.cases)} | ${n(by(200, 300))} | ${n(by(400, 500))} | ${by(500, 600)} | ${n(r.pastValidation)} | ${n(r.clockworkRequests)} |`)
  }
  out.push("")
}

for (const file of ["body-limit", "auth-matrix", "secrets", "tamper", "key-modes", "ssrf", "ssrf-client"]) {
  const doc = read<unknown>(file)
  if (!doc) continue
  const rows = doc.rows
  let summary: string
  if (Array.isArray(rows)) {
    const statuses: Record<string, number> = {}
    for (const r of rows as { status?: number }[]) if (r.status !== undefined) statuses[r.status] = (statuses[r.status] ?? 0) + 1
    summary = `${rows.length} rows${Object.keys(statuses).length ? `; statuses: ${Object.entries(statuses).map(([s, c]) => `${s} × ${c}`).join(", ")}` : ""}`
  } else summary = "`" + JSON.stringify(rows) + "`"
  out.push(`- **${doc.suite}** (${doc.writtenAt}): ${summary}`)
}
// Upstream fault drills and the crash test (part B).
interface DrillRows {
  contactsPerDrill: number
  faultSeed: number
  durationMs: number
  clockwork: Record<string, { requests: number; rateLimited: number; violations: number; faultsInjected: Record<string, number> }>
  [key: string]: unknown
}
const DRILLS = ["faults-rate-limit", "faults-errors", "faults-lost-answers", "faults-mixed", "faults-outage", "faults-teams"]
const figureFiles = existsSync(FIGURES_DIR) ? readdirSync(FIGURES_DIR).map((f) => f.replace(/\.json$/, "")) : []
// Default runs are `<drill>.json`; other sizes and seeds `<drill>.<contacts>-seed<seed>.json`.
const labels = [...new Set(figureFiles.filter((f) => DRILLS.some((d) => f.startsWith(d))).map((f) => f.slice(f.indexOf(".") + 1 || f.length)))]
for (const label of labels.sort()) {
  const drills = DRILLS.map((f) => read<DrillRows>(label ? `${f}.${label}` : f)).filter((doc): doc is Doc<DrillRows> => doc !== undefined)
  if (!drills.length) continue
  out.push("", `### Upstream fault drills (${drills[0]!.rows.contactsPerDrill} contacts, seed ${drills[0]!.rows.faultSeed})`, "")
  out.push("| Drill | Clockwork requests | 429s | Retry-After violations | Faults injected | Verified | Seconds |", "|---|---:|---:|---:|---|---|---:|")
  for (const doc of drills) {
    const r = doc.rows
    const firms = Object.values(r.clockwork)
    const sum = (f: (x: (typeof firms)[number]) => number) => firms.reduce((a, x) => a + f(x), 0)
    const injected: Record<string, number> = {}
    for (const x of firms) for (const [k, v] of Object.entries(x.faultsInjected)) if (v) injected[k] = (injected[k] ?? 0) + v
    const verified = Object.entries(r)
      .filter(([k]) => k.startsWith("verified"))
      .map(([k, v]) => `${k.replace("verified", "") || "all"}: ${JSON.stringify(v)}`)
      .join("; ")
    const faults = Object.entries(injected).map(([k, v]) => `${k} ${n(v)}`).join(", ") || "–"
    out.push(`| ${doc.suite} | ${n(sum((x) => x.requests))} | ${n(sum((x) => x.rateLimited))} | ${sum((x) => x.violations)} | ${faults} | ${verified} | ${(r.durationMs / 1000).toFixed(1)} |`)
  }
}
for (const f of figureFiles.filter((x) => x === "crash" || x.startsWith("crash."))) {
  const crash = read<Record<string, unknown>>(f)!
  out.push("", `- **${crash.suite}** (${crash.writtenAt}): \`${JSON.stringify({ ...crash.rows, killedAtRequest: undefined })}\``)
}
console.log(out.join("\n"))
