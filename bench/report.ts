// Writes the bench's results: results.md (the tables a person reads) and results.json (every
// figure, plus the machine and the commit they were measured on).
import { execFileSync } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import type { Figure, SectionId } from "./types"

export interface SectionResult {
  id: SectionId
  title: string
  seconds: number
  /** The section failed: its figures are missing. */
  error?: string
}

export interface BenchResults {
  date: string
  smoke: boolean
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string }
  git: { commit: string; dirty: boolean }
  seconds: number
  facts: Record<string, string | number>
  sections: SectionResult[]
  figures: Figure[]
}

function git(root: string, args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim()
  } catch {
    return ""
  }
}

export function machineAndCommit(root: string): Pick<BenchResults, "machine" | "git"> {
  const cpus = os.cpus()
  return {
    machine: {
      cpu: cpus[0]?.model.trim() ?? "unknown",
      cores: cpus.length,
      memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
      node: process.version,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
    },
    git: { commit: git(root, ["rev-parse", "HEAD"]) || "unknown", dirty: git(root, ["status", "--porcelain", "--untracked-files=no"]) !== "" },
  }
}

/** A number as a person reads it: 3 significant digits or so, no trailing noise. */
export function fmt(x: number | undefined): string {
  if (x === undefined) return ""
  if (!Number.isFinite(x)) return String(x)
  const a = Math.abs(x)
  if (a >= 1000) return Math.round(x).toLocaleString("en-US")
  if (a >= 100) return x.toFixed(0)
  if (a >= 10) return x.toFixed(1)
  if (a >= 1) return x.toFixed(2)
  return x === 0 ? "0" : x.toFixed(3)
}

/** The figure as its target reads it: "2.86 % of bare (1,081 req/s)", or just "29.7 ms". */
function nowOf(f: Figure): string {
  const value = `${fmt(f.value)} ${f.unit}`.trim()
  return f.target && f.target.now !== value ? `${f.target.now} (${value})` : value
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ")

function figureRow(f: Figure): string {
  const value = `${fmt(f.value)} ${f.unit}`.trim()
  const reference = f.reference !== undefined ? `${fmt(f.reference)} (${f.referenceLabel ?? "reference"})` : ""
  const ratio = f.ratio !== undefined ? `${fmt(f.ratio)}×` : ""
  const met = f.target ? (f.target.met ? "yes" : `**no**, ${f.target.missedBy ?? "missed"}`) : ""
  return `| ${cell(f.label)} | ${cell(value)} | ${cell(reference)} | ${ratio} | ${cell(f.target?.text ?? "")} | ${cell(met)} |`
}

const SECTION_ORDER: { id: SectionId; title: string }[] = [
  { id: "bundles", title: "1. Content-script cost: what the extension ships" },
  { id: "picker", title: "1. Content-script cost: in the browser" },
  { id: "resolver", title: "2. Decision resolver" },
  { id: "server", title: "3. Server under load" },
  { id: "bulk", title: "4. Bulk sync" },
  { id: "footprint", title: "5. Footprint" },
]

function sectionOf(f: Figure): SectionId {
  return f.group ?? (f.id.split(".")[0] as SectionId)
}

export function renderMarkdown(r: BenchResults): string {
  const lines: string[] = []
  const when = r.date.replace("T", " ").replace(/\.\d+Z$/, " UTC")
  lines.push("# Cogsync benchmarks", "")
  lines.push(
    `Written by \`npm run bench${r.smoke ? " -- --smoke" : ""}\` on ${when}, commit \`${r.git.commit.slice(0, 12)}\`${r.git.dirty ? " (with uncommitted changes)" : ""}; ` +
      `${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}${r.facts.chromium ? `, ${r.facts.chromium} headless` : ""}. ` +
      `The run took ${(r.seconds / 60).toFixed(1)} minutes.`,
    "",
  )
  if (r.smoke) lines.push("**Smoke run (tiny sizes): these figures say the bench works, not how fast anything is.**", "")
  lines.push(
    "Every figure is a median over repeated runs, and every reference beside it was measured in the same run on the same machine, which is shared and noisy: compare a figure with its reference, not with another run's. Ratio = value ÷ reference. How each figure is measured: [docs/bench.md](../docs/bench.md).",
    "",
  )

  const targeted = r.figures.filter((f) => f.target)
  if (targeted.length) {
    lines.push("## Targets", "", "| Target | Figure | Now | Met? |", "|---|---|---|---|")
    for (const f of targeted) lines.push(`| ${cell(f.target!.text)} | ${cell(f.label)} | ${cell(nowOf(f))} | ${f.target!.met ? "yes" : `**no**, ${cell(f.target!.missedBy ?? "")}`} |`)
    lines.push("")
  }

  for (const section of SECTION_ORDER) {
    const figures = r.figures.filter((f) => sectionOf(f) === section.id)
    const failed = r.sections.filter((s) => s.id === section.id && s.error)
    if (!figures.length && !failed.length) continue
    lines.push(`## ${section.title}`, "")
    for (const s of failed) lines.push(`**This section failed:** ${cell(s.error!)}`, "")
    if (figures.length) {
      lines.push("| Figure | Value | Reference (same run) | Ratio | Target | Met? |", "|---|---|---|---|---|---|")
      for (const f of figures) lines.push(figureRow(f))
      lines.push("")
      const notes = figures.filter((f) => f.note)
      if (notes.length) {
        for (const f of notes) lines.push(`- *${f.label}*: ${f.note}`)
        lines.push("")
      }
    }
  }

  const missed = targeted.filter((f) => !f.target!.met)
  lines.push("## Closing note", "")
  if (!missed.length && !r.sections.some((s) => s.error)) lines.push("Every target is met in this run.")
  for (const f of missed) lines.push(`- **${f.target!.text} — ${f.label}: ${nowOf(f)}, missed ${f.target!.missedBy ?? ""}.** ${f.blocker ? `What stands in the way: ${f.blocker}.` : ""}`)
  for (const s of r.sections.filter((s) => s.error)) lines.push(`- **${s.title} failed**, so its targets are unmeasured: ${s.error}`)
  lines.push("")
  return lines.join("\n")
}

/** The tables only, for the terminal. */
export function renderTable(r: BenchResults): string {
  const rows = r.figures.map((f) => [f.label, `${fmt(f.value)} ${f.unit}`.trim(), f.reference !== undefined ? fmt(f.reference) : "", f.ratio !== undefined ? `${fmt(f.ratio)}×` : "", f.target ? `${f.target.text} ${f.target.met ? "✔" : "✘"}` : ""])
  const head = ["Figure", "Value", "Reference", "Ratio", "Target"]
  const widths = head.map((h, i) => Math.min(70, Math.max(h.length, ...rows.map((row) => row[i]!.length))))
  const line = (cells: string[]) => cells.map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!))).join("  ")
  const out = [line(head), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)]
  for (const s of r.sections.filter((s) => s.error)) out.push(`✘ ${s.title} failed: ${s.error}`)
  return out.join("\n")
}

export function writeResults(dir: string, r: BenchResults): { markdown: string; json: string } {
  mkdirSync(dir, { recursive: true })
  const markdown = path.join(dir, "results.md")
  const json = path.join(dir, "results.json")
  writeFileSync(markdown, renderMarkdown(r))
  writeFileSync(json, `${JSON.stringify(r, null, 2)}\n`)
  return { markdown, json }
}
