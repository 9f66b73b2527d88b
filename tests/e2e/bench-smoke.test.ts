// The browser section of the bench with tiny sizes (see tests/integration/bench/bench-smoke.test.ts):
// the built extension in Chromium must yield every figure as a finite number; no speed is asserted.
import path from "node:path"
import { expect, it } from "vitest"
import { runBench } from "../../bench/bench"
import { expectComplete } from "../integration/bench/expected-figures"

const root = path.resolve(import.meta.dirname, "../..")

it("npm run bench -- --smoke --only picker produces every figure of the browser section", { timeout: 300_000 }, async () => {
  const results = await runBench({ smoke: true, only: ["picker"], root, log: () => undefined })
  expectComplete(results, "picker")
  expect(results.facts.chromium).toMatch(/Chrom/)
})
