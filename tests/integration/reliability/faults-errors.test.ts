// Upstream faults, 5xx / resets / hangs: about one request in eight fails (a 500, a 503, a reset
// connection, or no answer until the client's timeout), at random but repeatably (seeded), with
// four requests in flight so failures land in the middle of other jobs' work. Every contact must
// end up in Clockwork once with its note once, and no job may end dead or failed: these errors are
// all transient. COGSYNC_FAULT_CONTACTS raises the number of contacts; COGSYNC_FAULT_SEED changes the draws.
import { afterEach, expect, it } from "vitest"
import { DEMO_FIRM } from "../../../server/clockwork/index"
import { FAULT_CONTACTS, FAULT_SEED, drillFigures, prepareCohort, sendAll, startDrill, verifyCohort, type Drill } from "./helpers/upstream"

let d: Drill | undefined

afterEach(async () => {
  await d?.w.close()
  d = undefined
})

it(`syncs ${FAULT_CONTACTS} contacts through 5xx answers, resets and hangs with nothing lost, doubled or dead-lettered (seed ${FAULT_SEED})`, async () => {
  d = await startDrill({ sync: { clientTimeoutMs: 150, maxInFlightPerFirm: 4 } })
  const cohort = await prepareCohort(d, { n: FAULT_CONTACTS, label: "errors" })
  d.w.sandbox.setFaults(DEMO_FIRM.firm, { seed: FAULT_SEED, error500: 0.04, error503: 0.04, reset: 0.04, hang: 0.01 })
  await sendAll(d, cohort, [...cohort.added, ...cohort.activities])
  await d.w.drain(240_000)
  const { faultsInjected } = d.w.sandbox.stats(DEMO_FIRM.firm)
  d.w.sandbox.setFaults(DEMO_FIRM.firm, null)

  for (const kind of ["error500", "error503", "reset", "hang"] as const) expect(faultsInjected[kind], kind).toBeGreaterThan(FAULT_CONTACTS / 100)
  const verified = await verifyCohort(d, cohort)
  drillFigures(d, "faults-errors", "5xx, resets and hangs", { verified })
}, 300_000)
