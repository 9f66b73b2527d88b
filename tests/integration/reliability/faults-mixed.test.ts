// Upstream faults, everything at once, plus permanent errors for a known subset: a 429 storm (on a
// compressed clock), 5xx answers, resets, hangs and dropped commits together, while
// - some contacts carry a value for a custom field the firm no longer has (a person override), so
//   Clockwork answers 422 to their create, and
// - some contacts' Clockwork records are deleted between their create and their activity, so
//   Clockwork answers 404 for their id.
// Exactly those jobs (both events of a refused person, the activity of a deleted one), and no
// other, must end as dead letters with Clockwork's reason; everything else completes once. COGSYNC_FAULT_CONTACTS raises the number of contacts; COGSYNC_FAULT_SEED
// changes the draws and the subsets.
import { afterEach, expect, it } from "vitest"
import type { SettingsResponse, SyncStatus } from "@shared/index"
import { DEMO_FIRM } from "../../../server/clockwork/index"
import { WarpClock, peopleWithSlug } from "../sync/helpers"
import { FAULT_CONTACTS, FAULT_SEED, drillFigures, pick, prepareCohort, prng, sendAll, startDrill, verifyCohort, type Drill } from "./helpers/upstream"

let d: Drill | undefined

afterEach(async () => {
  await d?.w.close()
  d = undefined
})

const PERMANENT = 10
const RETIRED_FIELD = "custom:cf-retired-field"

it(`syncs ${FAULT_CONTACTS} contacts through every fault at once and dead-letters only the ${2 * PERMANENT} people with permanent errors (seed ${FAULT_SEED})`, async () => {
  const clock = new WarpClock()
  d = await startDrill({ clock, sync: { ratePerSecond: 1000, burst: 50, clientTimeoutMs: 150 } })
  const { w, gate } = d
  const cohort = await prepareCohort(d, { n: FAULT_CONTACTS, label: "mixed" })
  const random = prng(FAULT_SEED)
  const refused = pick(random, cohort.contacts, PERMANENT)
  const deleted = pick(random, cohort.contacts, PERMANENT, refused)
  // The admin shows a custom field that has since been deleted in Clockwork; a recruiter fills it in for some people.
  const settings = await w.request<SettingsResponse>("GET", "/settings")
  await w.settings({ personFields: { displayed: [...settings.body.settings.personFields.displayed, RETIRED_FIELD] } })
  for (const personKey of refused) {
    const res = await w.request("PUT", "/overrides", { personKey, fields: { [RETIRED_FIELD]: "Referral" } })
    expect(res.status).toBe(200)
  }

  w.sandbox.setFaults(DEMO_FIRM.firm, {
    seed: FAULT_SEED,
    rateLimit: { ratePerSecond: 20, burst: 5, retryAfter: "http-date" },
    error500: 0.02,
    error503: 0.02,
    reset: 0.02,
    hang: 0.005,
    commitThenDrop: 0.05,
  })
  await sendAll(d, cohort, cohort.added)
  await w.drain(240_000)
  // A recruiter deletes some of the new records in Clockwork; then their activity comes in.
  for (const personKey of deleted) {
    const [person] = peopleWithSlug(w.sandbox, personKey.slice("li:".length))
    gate.deletePerson(DEMO_FIRM.firm, person!.id)
  }
  await sendAll(d, cohort, cohort.activities)
  await w.drain(240_000)
  const stats = w.sandbox.stats(DEMO_FIRM.firm)
  w.sandbox.setFaults(DEMO_FIRM.firm, null)

  expect(stats.rateLimited).toBeGreaterThan(FAULT_CONTACTS / 5)
  for (const kind of ["error500", "error503", "reset", "hang", "commitThenDrop"] as const) expect(stats.faultsInjected[kind], kind).toBeGreaterThan(0)
  const verified = await verifyCohort(d, cohort, { refused, deleted })
  // The dead letters the team sees: the refused people's events and the deleted people's activities, nothing else.
  const status = (await w.request<SyncStatus>("GET", "/sync/status")).body
  const letters = status.deadLetters.map((j) => `${j.eventType} ${j.personKey}`).sort()
  expect(letters).toEqual([...[...refused].flatMap((k) => [`added_to_campaign ${k}`, `activity ${k}`]), ...[...deleted].map((k) => `activity ${k}`)].sort())
  expect(status.deadLetters.every((j) => j.attempts >= 1 && j.state === "dead")).toBe(true)
  drillFigures(d, "faults-mixed", "everything at once, with permanent errors", { verified, refused: refused.size, deleted: deleted.size, virtualSeconds: Math.round(clock.offset / 1000) })
}, 300_000)
