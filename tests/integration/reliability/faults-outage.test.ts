// Upstream faults, a five-minute outage: a third of the way into a sync, Clockwork answers 503 to
// everything for five minutes (on a compressed clock shared by the sandbox and the engine, so the
// five minutes pass in a moment), while the activities keep coming in. The engine must not give
// up on anyone (each job may fail at most 3 times here) and must count no failure once it can tell
// Clockwork is down, must space its calls out instead of hammering a Clockwork that is down, and
// must finish everything once Clockwork is back. COGSYNC_FAULT_CONTACTS raises the number of contacts.
import { afterEach, expect, it } from "vitest"
import type { SyncStatus } from "@shared/index"
import { DEMO_FIRM } from "../../../server/clockwork/index"
import { WarpClock } from "../sync/helpers"
import { FAULT_CONTACTS, drillFigures, prepareCohort, sendAll, startDrill, until, verifyCohort, writesOf, type Drill } from "./helpers/upstream"

let d: Drill | undefined

afterEach(async () => {
  await d?.w.close()
  d = undefined
})

const OUTAGE_MS = 5 * 60_000
const MAX_ATTEMPTS = 3

it(`rides out a five-minute outage in the middle of syncing ${FAULT_CONTACTS} contacts, spending no attempts, then finishes everyone once`, async () => {
  const clock = new WarpClock()
  d = await startDrill({ clock, sync: { maxAttempts: MAX_ATTEMPTS, circuitBaseMs: 1000, circuitMaxMs: 30_000 } })
  const { w } = d
  const cohort = await prepareCohort(d, { n: FAULT_CONTACTS, label: "outage" })
  await sendAll(d, cohort, cohort.added)
  await until(d, "a third of the contacts are created", () => writesOf(w.sandbox, DEMO_FIRM.firm, "person.create") >= FAULT_CONTACTS / 3)

  w.sandbox.setFaults(DEMO_FIRM.firm, { down: true })
  const outageEnds = clock.now() + OUTAGE_MS
  const createdBefore = writesOf(w.sandbox, DEMO_FIRM.firm, "person.create")
  // Events keep coming in while Clockwork is down: Cogsync takes them without Clockwork.
  await sendAll(d, cohort, cohort.activities)
  await until(d, "five minutes have passed on the compressed clock", () => clock.now() >= outageEnds)
  const during = (await w.request<SyncStatus>("GET", "/sync/status")).body
  const probes = w.sandbox.stats(DEMO_FIRM.firm).faultsInjected.down
  w.sandbox.setFaults(DEMO_FIRM.firm, null)

  // Nothing was given up on, nothing more was written, and Clockwork was probed, not hammered:
  // after the first failures the breaker spaces calls from 1 s up to 30 s apart.
  expect(during.counts).toMatchObject({ failed: 0, dead: 0 })
  expect(during.counts.done).toBeLessThan(2 * FAULT_CONTACTS)
  expect(writesOf(w.sandbox, DEMO_FIRM.firm, "person.create")).toBe(createdBefore)
  expect(probes).toBeGreaterThan(5)
  expect(probes).toBeLessThan(100)

  await w.drain(240_000)
  // Only failures before the breaker could tell Clockwork was down were counted: at most its
  // threshold in all (one request in flight), however long the outage lasted.
  const { maxFailures, totalFailures } = w.server.db.$client.prepare("select max(failures) as maxFailures, sum(failures) as totalFailures from jobs").get() as { maxFailures: number; totalFailures: number }
  expect(maxFailures).toBeLessThan(MAX_ATTEMPTS)
  expect(totalFailures).toBeLessThanOrEqual(w.server.context.sync.knobs.circuitThreshold)
  const verified = await verifyCohort(d, cohort)
  drillFigures(d, "faults-outage", "five-minute outage", { verified, outageMinutes: OUTAGE_MS / 60_000, probes, createdBefore, maxFailures, totalFailures, virtualSeconds: Math.round(clock.offset / 1000) })
}, 300_000)
