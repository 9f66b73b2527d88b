// The figures each bench section must produce (issue 8), and the check the smoke tests make of a
// run: every figure there, a finite number beside its finite reference, the targets where the
// issue sets them, every figure in results.md. Never how fast anything is.
import { expect } from "vitest"
import { renderMarkdown, type BenchResults } from "../../../bench/report"
import type { SectionId } from "../../../bench/types"

export const EXPECTED_FIGURES: Record<SectionId, string[]> = {
  bundles: ["content", "popup", "options", "background"].flatMap((b) => [`bundles.${b}.gzip`, `bundles.${b}.raw`]),
  picker: [
    "picker.load_median",
    "picker.load_p95",
    "picker.spa_median",
    "picker.spa_p95",
    "picker.spa_linkedin_feed_median",
    "picker.spa_linkedin_profile_median",
    ...["demo", "linkedin"].flatMap((p) => ["script", "task", "load"].map((m) => `picker.nonprofile_${p}_${m}`)),
    "footprint.sw_heap",
    "footprint.content_heap",
  ],
  resolver: ["resolver.decisions_per_s"],
  server: ["server.bare.rps", "server.me.rps", ...["preview", "preview_cached", "settings", "events"].flatMap((r) => [`server.${r}.rps`, `server.${r}.p50`, `server.${r}.p99`])],
  bulk: ["bulk.rate_share", "bulk.calls_per_person", "bulk.duplicates", "bulk.total_time"],
  footprint: ["footprint.cold_start", "footprint.server_rss_rest", "footprint.server_rss_load"],
}

/** Figures that carry a target of the issue. */
export const TARGETED = [
  "bundles.content.gzip",
  "picker.load_median",
  "picker.spa_median",
  "picker.spa_linkedin_feed_median",
  "picker.spa_linkedin_profile_median",
  "server.preview.rps",
  "server.preview.p99",
  "bulk.rate_share",
  "bulk.duplicates",
  "footprint.cold_start",
]

export function expectComplete(results: BenchResults, section: SectionId): void {
  expect(results.sections.map((s) => ({ id: s.id, error: s.error }))).toEqual([{ id: section, error: undefined }])
  expect(results.figures.map((f) => f.id).sort()).toEqual([...EXPECTED_FIGURES[section]].sort())
  for (const f of results.figures) {
    expect(Number.isFinite(f.value), `${f.id} = ${f.value}`).toBe(true)
    if (f.reference !== undefined) expect(Number.isFinite(f.reference), `${f.id} reference = ${f.reference}`).toBe(true)
    expect(f.target !== undefined, `${f.id} carries a target`).toBe(TARGETED.includes(f.id))
  }
  const markdown = renderMarkdown(results)
  for (const f of results.figures) expect(markdown).toContain(f.label)
}
