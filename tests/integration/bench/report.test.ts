// The bench's writer and target checks: what results.md says about met and missed targets.
import { expect, it } from "vitest"
import { renderMarkdown, type BenchResults } from "../../../bench/report"
import { atLeast, atMost, exactly } from "../../../bench/targets"

const results = (over: Partial<BenchResults> = {}): BenchResults => ({
  date: "2026-12-04T12:00:00.000Z",
  smoke: false,
  machine: { cpu: "Test CPU", cores: 2, memoryGiB: 4, node: "v20.20.2", platform: "Linux" },
  git: { commit: "0123456789abcdef0123456789abcdef01234567", dirty: false },
  seconds: 480,
  facts: {},
  sections: [{ id: "footprint", title: "Server footprint", seconds: 30 }],
  figures: [],
  ...over,
})

it("says by how much a target is missed, in the figure's unit or in points for a percentage", () => {
  expect(atMost(120, 150, "ms")).toEqual({ text: "≤ 150 ms", met: true, now: "120 ms" })
  expect(atMost(426, 150, "ms")).toEqual({ text: "≤ 150 ms", met: false, now: "426 ms", missedBy: "by 276 ms (184 % over)" })
  expect(atLeast(94.7, 90, "% of R")).toEqual({ text: "≥ 90.0 % of R", met: true, now: "94.7 % of R" })
  expect(atLeast(2.9, 50, "% of bare")).toMatchObject({ met: false, missedBy: "by 47.1 points" })
  expect(exactly(0, 0, "")).toEqual({ text: "= 0", met: true, now: "0" })
  expect(exactly(3, 0, "records").met).toBe(false)
  expect(atMost(Number.NaN, 150, "ms").met).toBe(false)
})

it("lists every target with its current figure, and closes with each miss and what stands in the way", () => {
  const md = renderMarkdown(
    results({
      figures: [
        { id: "footprint.cold_start", label: "Server cold start", value: 683, unit: "ms", reference: 199, referenceLabel: "one-route Hono server", ratio: 3.43, target: atMost(683, 500, "ms"), blocker: "tsx loads every module through its hooks" },
        { id: "footprint.server_rss_rest", label: "Server RSS at rest", value: 131, unit: "MB", reference: 82, referenceLabel: "one-route Hono server", ratio: 1.6 },
      ],
    }),
  )
  expect(md).toContain("| ≤ 500 ms | Server cold start | 683 ms | **no**, by 183 ms (36.6 % over) |")
  expect(md).toContain("| Server RSS at rest | 131 MB | 82.0 (one-route Hono server) | 1.60× |  |  |")
  expect(md).toMatch(/## Closing note\n\n- \*\*≤ 500 ms — Server cold start: 683 ms, missed by 183 ms \(36\.6 % over\)\.\*\* What stands in the way: tsx loads every module through its hooks\./)
})

it("says so when every target is met, and names a section that failed", () => {
  expect(renderMarkdown(results({ figures: [{ id: "bulk.duplicates", label: "Duplicates", value: 0, unit: "records", target: exactly(0, 0, "") }] }))).toContain("Every target is met in this run.")
  const failed = renderMarkdown(results({ sections: [{ id: "bulk", title: "Bulk sync", seconds: 3, error: "the sandbox did not start" }] }))
  expect(failed).toContain("**This section failed:** the sandbox did not start")
  expect(failed).toContain("- **Bulk sync failed**, so its targets are unmeasured: the sandbox did not start")
  expect(failed).not.toContain("Every target is met")
})

it("shows a ratio target with the ratio first and the figure beside it", () => {
  const md = renderMarkdown(results({ figures: [{ id: "server.preview.rps", label: "Preview throughput", value: 1081, unit: "req/s", reference: 37801, ratio: 0.0286, target: atLeast(2.86, 50, "% of bare") }] }))
  expect(md).toContain("| ≥ 50.0 % of bare | Preview throughput | 2.86 % of bare (1,081 req/s) | **no**, by 47.1 points |")
})
