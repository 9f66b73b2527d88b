// Upstream faults, commit-then-drop: Clockwork applies one write in six and then resets the
// connection, so the engine never learns the outcome. A lost create must be found again (by its
// identifiers, or by create recovery) and never sent twice; a lost note must be found by its
// marker and never written twice. The ledger shows every accepted write, answered or not, so the
// drill counts exactly one `POST /people` and one note per contact there.
// COGSYNC_FAULT_CONTACTS raises the number of contacts; COGSYNC_FAULT_SEED changes the draws.
import { afterEach, expect, it } from "vitest"
import { DEMO_FIRM, DEMO_SEED } from "../../../server/clockwork/index"
import { contact } from "../sync/helpers"
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

it("finds a lost create among 120 namesakes in Clockwork instead of creating the person again", async () => {
  // A large firm holds many other people whose names contain a common name: exact namesakes and
  // longer names, each with their own email. Create recovery searches by name, so the record the
  // lost create made comes back behind all of them.
  const namesakes = Array.from({ length: 120 }, (_, i) => ({ name: `Jordan Lee${["", "ds", "son", "ming"][i % 4]}`, emails: [`jordan.lee.${i}@elsewhere.example`] }))
  d = await startDrill()
  d.w.sandbox.seedFirm({ ...DEMO_SEED, people: [...(DEMO_SEED.people ?? []), ...namesakes] })
  const jordan = contact("jordan-lee", { name: "Jordan Lee" })
  const cohort = await prepareCohort(d, { n: 1, label: "namesake", contacts: [jordan] })
  // The first POST under /people is the create: applied, then the connection is reset.
  d.w.sandbox.setFaults(DEMO_FIRM.firm, { commitThenDrop: 1, methods: ["POST"], pathPrefix: "/people", maxFaults: 1 })
  await sendAll(d, cohort, [...cohort.added, ...cohort.activities])
  await d.w.drain()
  expect(d.w.sandbox.stats(DEMO_FIRM.firm).faultsInjected.commitThenDrop).toBe(1)
  expect(d.gate.unanswered.get("POST people")).toBe(1)

  await verifyCohort(d, cohort)
  const [added] = (await d.w.log(jordan.personKey)).jobs.filter((j) => j.eventType === "added_to_campaign")
  expect(added!.reason).toContain("An earlier attempt created this person but its answer was lost")
})
