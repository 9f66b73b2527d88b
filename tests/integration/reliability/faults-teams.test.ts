// Upstream faults, one team's credentials revoked: two teams on two Clockwork firms sync at the
// same time (team B with COGSYNC_FAULT_CONTACTS contacts, team A with half as many). A third of
// the way into team A's sync, its Clockwork admin revokes the API key, so every call of team A
// answers 401. Team A must stop calling Clockwork, pause and show "needs attention", losing
// nothing; team B must finish everything with the same guarantees as if nothing happened; and
// once team A's admin activates again, team A must resume and finish, everyone once.
import { afterEach, expect, it } from "vitest"
import type { SyncStatus } from "@shared/index"
import { DEMO_FIRM } from "../../../server/clockwork/index"
import { ACME, FAULT_CONTACTS, drillFigures, prepareCohort, sendAll, startDrill, until, verifyCohort, writesOf, type Drill } from "./helpers/upstream"

let d: Drill | undefined

afterEach(async () => {
  await d?.w.close()
  d = undefined
})

it(`pauses only the team whose credentials Clockwork revokes mid-run; the other finishes ${FAULT_CONTACTS} contacts, and the first resumes on re-activation`, async () => {
  d = await startDrill()
  const { w, gate } = d
  const engine = w.server.context.sync
  const a = await prepareCohort(d, { n: Math.ceil(FAULT_CONTACTS / 2), label: "team-a" })
  const b = await prepareCohort(d, { token: w.other.token, firm: ACME, n: FAULT_CONTACTS, label: "team-b" })
  await Promise.all([sendAll(d, a, [...a.added, ...a.activities]), sendAll(d, b, [...b.added, ...b.activities])])

  await until(d, "a third of team A's contacts are created", () => writesOf(w.sandbox, DEMO_FIRM.firm, "person.create") >= a.contacts.length / 3)
  gate.revoke(DEMO_FIRM.firm)
  const paused = () => (w.server.db.$client.prepare("select paused from integrations where team_id = ?").get(a.teamId) as { paused: number }).paused === 1
  await until(d, "team A is paused", paused)
  const refusedAtPause = gate.unauthorized.get(DEMO_FIRM.firm) ?? 0
  await engine.drain({ teamId: b.teamId, timeoutMs: 240_000 })

  // Team A: paused, needs attention, nothing lost or given up. Once paused it claims no job, so
  // only the jobs it had in flight make one more call each (at most the per-team concurrency).
  const statusA = (await w.request<SyncStatus>("GET", "/sync/status", undefined, a.token)).body
  expect(statusA.integration).toMatchObject({ state: "needs_attention", paused: true })
  expect(statusA.counts).toMatchObject({ pending: 0, running: 0, failed: 0, dead: 0 })
  expect(statusA.counts.paused).toBeGreaterThan(0)
  expect(statusA.counts.done + statusA.counts.paused).toBe(2 * a.contacts.length)
  const refusedA = gate.unauthorized.get(DEMO_FIRM.firm) ?? 0
  expect(refusedAtPause).toBeGreaterThan(0)
  expect(refusedA - refusedAtPause).toBeLessThanOrEqual(engine.knobs.perTeamConcurrency)
  const createdWhilePaused = writesOf(w.sandbox, DEMO_FIRM.firm, "person.create")
  expect(createdWhilePaused).toBeLessThan(a.contacts.length)

  // Team B: untouched by team A's 401.
  const verifiedB = await verifyCohort(d, b)
  expect(gate.unauthorized.get(ACME.firm)).toBeUndefined()

  // Team A's admin activates again with the reissued key; team A resumes and finishes.
  gate.restore(DEMO_FIRM.firm)
  await w.activate(a.token)
  await engine.drain({ timeoutMs: 240_000 })
  const verifiedA = await verifyCohort(d, a)
  drillFigures(d, "faults-teams", "one team's credentials revoked", { verifiedA, verifiedB, refusedA, createdWhilePaused })
}, 300_000)
