// Error classes: permanent refusals go to the dead letters after one attempt, a 401 pauses only
// that team until an admin activates again, transient failures back off and finally fail, an
// outage does not burn attempts, and failed or dead jobs can be retried from the sync log. (The
// five-minute outage over 500 contacts is in tests/integration/reliability/faults-outage.test.ts.)
import { afterEach, expect, it } from "vitest"
import type { SyncJob } from "@shared/index"
import { DEMO_FIRM } from "../../../server/clockwork/index"
import { contact, ev, startSyncWorld, type SyncWorld } from "./helpers"

let w: SyncWorld | undefined

afterEach(async () => {
  await w?.close()
  w = undefined
})

async function world(sync: Parameters<typeof startSyncWorld>[0] = {}): Promise<SyncWorld> {
  w = await startSyncWorld(sync)
  await w.activate()
  await w.settings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false } })
  return w
}

it("sends a job Clockwork refuses (422) to the dead letters after one attempt, and runs it again on retry", async () => {
  const w = await world()
  const campaign = await w.campaign("Sourced", { fieldValues: { "custom:cf-no-such-field": "LinkedIn" } })
  const c = contact("refused")
  await w.send(ev.added(c, campaign.id))
  await w.drain()
  const [job] = (await w.log(c.personKey)).jobs
  expect(job).toMatchObject({ state: "dead", attempts: 1 })
  expect(job!.reason).toMatch(/Clockwork refused POST .*\/people \(422\)/)
  expect(w.writes("person.create")).toEqual([])

  const early = await w.request("POST", `/sync/jobs/${job!.id}/retry`)
  expect(early.status).toBe(200)
  await w.drain()
  expect((await w.log(c.personKey)).jobs[0]).toMatchObject({ state: "dead", attempts: 2 })

  await w.request("PATCH", `/campaigns/${campaign.id}`, { options: { tags: [], fieldValues: { "custom:cf-source": "LinkedIn" } } })
  const retried = await w.request<SyncJob>("POST", `/sync/jobs/${job!.id}/retry`)
  expect(retried.body).toMatchObject({ id: job!.id, state: "pending" })
  await w.drain()
  expect((await w.log(c.personKey)).jobs[0]).toMatchObject({ state: "done", action: "create", attempts: 3 })
  expect(w.writes("person.create")).toHaveLength(1)
})

it("answers 409 to a retry of a job that is not failed or dead, and 404 to another team's job", async () => {
  const w = await world()
  const c = contact("retry-done")
  await w.send(ev.added(c))
  await w.drain()
  const [job] = (await w.log(c.personKey)).jobs
  expect((await w.request("POST", `/sync/jobs/${job!.id}/retry`)).status).toBe(409)
  expect((await w.request("POST", `/sync/jobs/${job!.id}/retry`, undefined, w.other.token)).status).toBe(404)
  expect((await w.request("POST", "/sync/jobs/abc/retry")).status).toBe(400)
})

it("dead-letters a job whose Clockwork person was deleted (404), and finds them again on retry", async () => {
  const w = await world()
  const c = contact("deleted")
  await w.send(ev.added(c))
  await w.drain()
  // Clockwork no longer knows the id the ledger holds (deleted or merged there).
  w.server.db.$client.prepare("update sync_ledger set clockwork_person_id = 'gone-person' where person_key = ?").run(c.personKey)
  await w.send(ev.push(c))
  await w.drain()
  const [job] = (await w.log(c.personKey)).jobs
  expect(job).toMatchObject({ state: "dead", attempts: 1 })
  expect(job!.reason).toMatch(/gone-person .*no longer exists/)
  await w.request("POST", `/sync/jobs/${job!.id}/retry`)
  await w.drain()
  expect((await w.log(c.personKey)).jobs[0]).toMatchObject({ state: "done", action: "update" })
  expect(w.writes("person.create")).toHaveLength(1)
})

it("dead-letters a write to a project that does not exist (404) after one attempt", async () => {
  const w = await world()
  await w.settings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false }, stages: { mapping: { added: "st-research" } } })
  const campaign = await w.campaign("Gone project", { clockworkProjectId: "proj-deleted" })
  const c = contact("no-project")
  await w.send(ev.added(c, campaign.id))
  await w.drain()
  const [job] = (await w.log(c.personKey)).jobs
  expect(job).toMatchObject({ state: "dead", attempts: 1 })
  expect(job!.reason).toMatch(/deleted in Clockwork\?/)
  expect(job!.writes.map((x) => x.kind)).toContain("person")
})

it("pauses only the team whose credentials Clockwork rejects (401), and resumes it on re-activation", async () => {
  const w = await world()
  w.sandbox.seedFirm({ firm: "acme", apiKey: "acme-key-123456", apiSecret: "acme-secret-123456", serviceKey: "acme-service-123456" })
  const acme = await w.request("POST", "/integration/activate", { apiKey: "acme-key-123456", apiSecret: "acme-secret-123456", subdomain: "acme", serviceKey: "acme-service-123456" }, w.other.token)
  expect(acme.status).toBe(200)
  await w.request("PATCH", "/settings", { adding: { addPersonWhen: "added_to_campaign" } }, w.other.token)

  // Clockwork rotates the demo firm's secret: the first team's stored credentials stop working.
  w.sandbox.seedFirm({ ...DEMO_FIRM, apiSecret: "rotated-secret-123456" })
  const mine = [contact("paused-a"), contact("paused-b")]
  const theirs = contact("other-team")
  await w.send(mine.map((c) => ev.added(c)))
  await w.send(ev.added(theirs), w.other.token)
  await w.drain()

  const status = await w.status()
  expect(status.integration).toMatchObject({ state: "needs_attention", paused: true })
  expect(status.counts.paused).toBe(2)
  expect(status.counts.done).toBe(0)
  expect((await w.log(mine[0]!.personKey)).jobs[0]!.reason).toMatch(/Clockwork rejected the stored credentials/)
  const theirStatus = await w.status(w.other.token)
  expect(theirStatus.integration).toMatchObject({ state: "connected", paused: false })
  expect(theirStatus.counts).toMatchObject({ done: 1, paused: 0 })

  w.sandbox.seedFirm({ ...DEMO_FIRM })
  await w.activate()
  await w.drain()
  const resumed = await w.status()
  expect(resumed.integration).toMatchObject({ state: "connected", paused: false })
  expect(resumed.counts).toMatchObject({ done: 2, paused: 0 })
})

it("holds a team's jobs while Clockwork is not connected and runs them once it is", async () => {
  w = await startSyncWorld()
  await w.settings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false } })
  const c = contact("not-connected")
  await w.send(ev.added(c))
  await w.server.context.sync.idle()
  const [job] = (await w.log(c.personKey)).jobs
  expect(job).toMatchObject({ state: "paused" })
  expect(job!.reason).toMatch(/not connected/)
  await w.activate()
  await w.drain()
  expect((await w.log(c.personKey)).jobs[0]).toMatchObject({ state: "done", action: "create" })
})

it("backs off on failures and marks a job failed after the attempt limit; a retry after recovery completes it", async () => {
  const w = await world({ sync: { maxAttempts: 3, circuitThreshold: 1000, clientRetries: 0 } })
  w.sandbox.setFaults(DEMO_FIRM.firm, { error500: 1 })
  const c = contact("failing")
  await w.send(ev.added(c))
  await w.drain()
  const [job] = (await w.log(c.personKey)).jobs
  expect(job).toMatchObject({ state: "failed", attempts: 3 })
  expect(job!.reason).toMatch(/Gave up after 3 failed attempts/)
  expect(job!.lastError).toMatch(/\(500\)/)
  expect((await w.status()).deadLetters.map((d) => d.id)).toContain(job!.id)
  expect((await w.status()).integration.lastError).toMatch(/500/)

  w.sandbox.setFaults(DEMO_FIRM.firm, null)
  await w.request("POST", `/sync/jobs/${job!.id}/retry`)
  await w.drain()
  expect((await w.log(c.personKey)).jobs[0]).toMatchObject({ state: "done" })
  expect((await w.status()).integration.lastError).toBeNull()
})

it("waits out an outage without spending a job's attempts", async () => {
  const w = await world({ sync: { maxAttempts: 2, circuitThreshold: 3, circuitBaseMs: 50, circuitMaxMs: 200 } })
  w.sandbox.setFaults(DEMO_FIRM.firm, { down: true })
  const people = [contact("outage-1"), contact("outage-2"), contact("outage-3")]
  await w.send(people.map((c) => ev.added(c)))
  await new Promise((resolve) => setTimeout(resolve, 1500))
  expect((await w.status()).counts).toMatchObject({ done: 0, failed: 0 })
  expect(w.sandbox.stats(DEMO_FIRM.firm).faultsInjected.down).toBeGreaterThan(3)
  w.sandbox.setFaults(DEMO_FIRM.firm, null)
  await w.drain()
  expect((await w.status()).counts).toMatchObject({ done: 3, failed: 0, dead: 0 })
})
