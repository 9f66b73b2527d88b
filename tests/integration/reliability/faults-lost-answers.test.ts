// Upstream faults, commit-then-drop: Clockwork applies one write in six and then resets the
// connection, so the engine never learns the outcome. A lost create must be found again (by its
// identifiers, or by create recovery) and never sent twice; a lost note must be found by its
// marker and never written twice. The ledger shows every accepted write, answered or not, so the
// drill counts exactly one `POST /people` and one note per contact there.
// COGSYNC_FAULT_CONTACTS raises the number of contacts; COGSYNC_FAULT_SEED changes the draws.
import { afterEach, expect, it } from "vitest"
import { DEMO_FIRM } from "../../../server/clockwork/index"
import { FAULT_CONTACTS, FAULT_SEED, drillFigures, prepareCohort, sendAll, startDrill, verifyCohort, type Drill } from "./helpers/upstream"

let d: Drill | undefined

afterEach(async () => {
  await d?.w.close()
  d = undefined
})

it(`creates no person and no note twice when ${FAULT_CONTACTS} contacts' writes are applied but their answers are lost (seed ${FAULT_SEED})`, async () => {
  d = await startDrill({ sync: { maxInFlightPerFirm: 4 } })
  const cohort = await prepareCohort(d, { n: FAULT_CONTACTS, label: "dropped" })
  d.w.sandbox.setFaults(DEMO_FIRM.firm, { seed: FAULT_SEED, commitThenDrop: 0.15, methods: ["POST"] })
  await sendAll(d, cohort, [...cohort.added, ...cohort.activities])
  await d.w.drain(240_000)
  const dropped = d.w.sandbox.stats(DEMO_FIRM.firm).faultsInjected.commitThenDrop
  d.w.sandbox.setFaults(DEMO_FIRM.firm, null)

  // Lost answers on creates and on notes both happened, many times.
  expect(dropped).toBeGreaterThan(FAULT_CONTACTS / 5)
  expect(d.gate.unanswered.get("POST people")).toBeGreaterThan(FAULT_CONTACTS / 50)
  expect(d.gate.unanswered.get("POST people/:id/notes")).toBeGreaterThan(FAULT_CONTACTS / 50)
  const verified = await verifyCohort(d, cohort)
  drillFigures(d, "faults-lost-answers", "commit then drop", { verified, dropped })
}, 300_000)
