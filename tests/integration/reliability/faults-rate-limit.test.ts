// Upstream faults, 429 storm: Clockwork allows 20 requests a second while the engine is told it
// may send 1,000, so most of the run is spent being refused. On a compressed clock (WarpClock:
// every Retry-After is skipped in virtual time, and the sandbox agrees on the time) the drill ends
// with every contact once, every note once, and no request sent before a Retry-After had passed.
// COGSYNC_FAULT_CONTACTS raises the number of contacts; COGSYNC_FAULT_SEED changes the draws.
import { afterEach, expect, it } from "vitest"
import { DEMO_FIRM } from "../../../server/clockwork/index"
import { WarpClock } from "../sync/helpers"
import { FAULT_CONTACTS, FAULT_SEED, drillFigures, prepareCohort, sendAll, startDrill, verifyCohort, type Drill } from "./helpers/upstream"

let d: Drill | undefined

afterEach(async () => {
  await d?.w.close()
  d = undefined
})

it(`syncs ${FAULT_CONTACTS} contacts through a 429 storm without one request before its Retry-After (seed ${FAULT_SEED})`, async () => {
  const clock = new WarpClock()
  d = await startDrill({ clock, sync: { ratePerSecond: 1000, burst: 50 } })
  const cohort = await prepareCohort(d, { n: FAULT_CONTACTS, label: "storm" })
  d.w.sandbox.setFaults(DEMO_FIRM.firm, { seed: FAULT_SEED, rateLimit: { ratePerSecond: 20, burst: 5, retryAfter: "seconds" } })
  await sendAll(d, cohort, [...cohort.added, ...cohort.activities])
  await d.w.drain(240_000)
  const stats = d.w.sandbox.stats(DEMO_FIRM.firm)
  d.w.sandbox.setFaults(DEMO_FIRM.firm, null)

  // A storm: a large share of the requests was refused, and every refusal was honoured.
  expect(stats.rateLimited).toBeGreaterThan(FAULT_CONTACTS / 5)
  expect(stats.violations).toBe(0)
  const verified = await verifyCohort(d, cohort)
  drillFigures(d, "faults-rate-limit", "429 storm", { verified, virtualSeconds: Math.round(clock.offset / 1000) })
}, 300_000)
