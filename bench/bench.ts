// The bench as a library: runs the chosen sections with full or tiny (smoke) sizes and collects
// their figures. `bench/run.ts` is the command line; the smoke tests call `runBench` directly.
import { mkdtempSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { benchBulkSync } from "./bulk-sync"
import { benchBundles } from "./bundles"
import { benchFootprint } from "./footprint"
import { benchPicker } from "./picker"
import { machineAndCommit, type BenchResults, type SectionResult } from "./report"
import { benchResolver } from "./resolver"
import { benchServer } from "./server-load"
import type { BenchContext, Figure, Section, SectionId } from "./types"

export const SECTIONS: readonly Section[] = [
  { id: "bundles", title: "Bundle sizes", run: benchBundles },
  { id: "picker", title: "Picker in headless Chromium (and extension memory)", run: benchPicker },
  { id: "resolver", title: "Decision resolver", run: benchResolver },
  { id: "server", title: "Server under load", run: benchServer },
  { id: "bulk", title: "Bulk sync", run: benchBulkSync },
  { id: "footprint", title: "Server footprint", run: benchFootprint },
]

export const SECTION_IDS = SECTIONS.map((s) => s.id)

export interface RunOptions {
  smoke: boolean
  only?: readonly SectionId[]
  root: string
  log?: (line: string) => void
}

export async function runBench(opts: RunOptions): Promise<BenchResults> {
  const log = opts.log ?? ((line: string) => console.log(line))
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), "cogsync-bench-"))
  const ctx: BenchContext = { smoke: opts.smoke, root: opts.root, log, tmpDir, facts: {} }
  const started = performance.now()
  const sections: SectionResult[] = []
  const figures: Figure[] = []
  try {
    for (const section of SECTIONS) {
      if (opts.only && !opts.only.includes(section.id)) continue
      log(`▶ ${section.title}${opts.smoke ? " (smoke)" : ""}`)
      const t0 = performance.now()
      try {
        const got = await section.run(ctx)
        figures.push(...got)
        sections.push({ id: section.id, title: section.title, seconds: (performance.now() - t0) / 1000 })
        log(`✔ ${section.title}: ${got.length} figures in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
      } catch (err) {
        const message = err instanceof Error ? err.message.split("\n")[0]! : String(err)
        sections.push({ id: section.id, title: section.title, seconds: (performance.now() - t0) / 1000, error: message })
        log(`✘ ${section.title} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
      }
    }
  } finally {
    // COGSYNC_BENCH_KEEP=1 keeps the scratch directory (databases, child process logs) for a post-mortem.
    if (process.env.COGSYNC_BENCH_KEEP === "1") log(`scratch directory kept: ${tmpDir}`)
    else rmSync(tmpDir, { recursive: true, force: true })
  }
  return {
    date: new Date().toISOString(),
    smoke: opts.smoke,
    ...machineAndCommit(opts.root),
    seconds: (performance.now() - started) / 1000,
    facts: ctx.facts,
    sections,
    figures,
  }
}
