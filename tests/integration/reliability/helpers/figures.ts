// Figures of a run (what was tried, how many, what held), written to test-results/reliability/
// so RELIABILITY.md can be refreshed from the last full run (`npx tsx tests/integration/reliability/report.ts`).
// Also the run-size knobs: every count has a default for `npm test` and an env var for long runs.
import { mkdirSync, writeFileSync } from "node:fs"
import path from "node:path"

export const FIGURES_DIR = path.resolve(import.meta.dirname, "../../../../test-results/reliability")

/** An integer knob from the environment, at least `min`; `fallback` when unset. */
export function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name]
  if (raw === undefined || raw === "") return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer of at least ${min}, got ${JSON.stringify(raw)}`)
  return n
}

/** The default seed of every randomised suite (fuzz, SSRF, fault drills, crash test). */
export const DEFAULT_SEED = 20_261_204

/** Fuzz cases per route (COGSYNC_FUZZ_RUNS, default 2,000). */
export const FUZZ_RUNS = envInt("COGSYNC_FUZZ_RUNS", 2_000)
/** Hostile values per SSRF target (COGSYNC_SSRF_RUNS, default 1,000). */
export const SSRF_RUNS = envInt("COGSYNC_SSRF_RUNS", 1_000)
/** Base seed of every property (COGSYNC_FUZZ_SEED, default fixed so `npm test` is deterministic). */
export const FUZZ_SEED = envInt("COGSYNC_FUZZ_SEED", DEFAULT_SEED)

/** A stable per-name seed derived from the base seed. */
export function seedFor(name: string): number {
  let h = FUZZ_SEED >>> 0
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16_777_619) >>> 0
  return h & 0x7fffffff
}

/** Writes (replaces) one figures file: `{ suite, runs, seed, writtenAt, rows }`. */
export function writeFigures(file: string, suite: string, rows: unknown): void {
  mkdirSync(FIGURES_DIR, { recursive: true })
  const doc = { suite, fuzzRuns: FUZZ_RUNS, ssrfRuns: SSRF_RUNS, seed: FUZZ_SEED, writtenAt: new Date().toISOString(), rows }
  writeFileSync(path.join(FIGURES_DIR, `${file}.json`), `${JSON.stringify(doc, null, 2)}\n`)
}
