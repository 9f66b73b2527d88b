// `npm test` runs the bench with tiny sizes so it never rots: each section must produce every one
// of its figures as a finite number, with its reference from the same run, and the writer must
// turn them into results.md and results.json. No speed is asserted here: speed lives in
// `npm run bench`. The browser section runs in tests/e2e/bench-smoke.test.ts.
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { describe, expect, it } from "vitest"
import { runBench } from "../../../bench/bench"
import { writeResults, type BenchResults } from "../../../bench/report"
import { expectComplete } from "./expected-figures"

const root = path.resolve(import.meta.dirname, "../../..")

describe.each(["bundles", "resolver", "server", "bulk", "footprint"] as const)("npm run bench -- --smoke --only %s", (section) => {
  it("produces every figure of the section, each a finite number beside its reference", { timeout: 180_000 }, async () => {
    const results = await runBench({ smoke: true, only: [section], root, log: () => undefined })
    expectComplete(results, section)
  })
})

it("writes results.md and results.json with the machine and the commit they were measured on", async () => {
  const results = await runBench({ smoke: true, only: ["resolver"], root, log: () => undefined })
  const dir = mkdtempSync(path.join(tmpdir(), "cogsync-bench-out-"))
  try {
    const written = writeResults(dir, results)
    const json = JSON.parse(readFileSync(written.json, "utf8")) as BenchResults
    expect(json.machine.cores).toBeGreaterThan(0)
    expect(json.machine.cpu).not.toBe("")
    expect(json.machine.node).toBe(process.version)
    expect(json.git.commit).toMatch(/^[0-9a-f]{40}$/)
    expect(json.figures.map((f) => f.id)).toEqual(["resolver.decisions_per_s"])
    const markdown = readFileSync(written.markdown, "utf8")
    expect(markdown).toContain("| Decision resolver: decisions/s |")
    expect(markdown).toContain("Smoke run")
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
