// Exactly once: replayed events, concurrent pushes of one person (under one key or two), and
// writes whose answer was lost never make a second person or a second note.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest"
import type { Campaign, EventsAccepted } from "@shared/index"
import { DEMO_FIRM } from "../../../server/clockwork/index"
import { contact, ev, personOf, seedPerson, startSyncWorld, type SyncWorld } from "./helpers"

let w: SyncWorld
let campaign: Campaign

beforeAll(async () => {
  w = await startSyncWorld()
  await w.activate()
  await w.settings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false }, notes: { createFrom: ["email"], typeMapping: {} } })
  campaign = await w.campaign("Exactly once")
})

afterAll(async () => {
  await w.close()
})

beforeEach(() => {
  w.sandbox.setFaults(DEMO_FIRM.firm, null)
  w.mark()
})

it("accepts a replayed event and does nothing with it, before and after it was synced", async () => {
  const c = contact("replay")
  const added = ev.added(c, campaign.id)
  const note = ev.activity(c, "email", "Only once", campaign.id)
  const first = await w.request<EventsAccepted>("POST", "/events", [added, note])
  expect(first.body).toEqual({ accepted: 2, duplicates: 0, ids: [added.id, note.id] })
  const again = await w.request<EventsAccepted>("POST", "/events", [added, note, note])
  expect(again.status).toBe(202)
  expect(again.body).toEqual({ accepted: 0, duplicates: 3, ids: [added.id, note.id, note.id] })
  await w.drain()
  await w.send([added, note])
  await w.drain()
  expect(w.writes("person.create")).toHaveLength(1)
  expect(w.writes("note.create")).toHaveLength(1)
  expect((await w.log(c.personKey)).jobs).toHaveLength(2)
})

it("creates one person when the same person is pushed many times at once", async () => {
  const c = contact("concurrent")
  await Promise.all(Array.from({ length: 12 }, () => w.send(ev.push(c, campaign.id))))
  await w.drain()
  expect(w.writes("person.create")).toHaveLength(1)
  const log = await w.log(c.personKey)
  expect(log.jobs).toHaveLength(12)
  expect(new Set(log.jobs.map((j) => j.clockworkPersonId)).size).toBe(1)
  expect(log.jobs.every((j) => j.state === "done")).toBe(true)
})

it("creates one person when two person keys of the same human are pushed at once", async () => {
  const byLinkedIn = contact("two-keys")
  const byEmail = { ...byLinkedIn, personKey: `email:${byLinkedIn.emails![0]}` }
  await w.send([ev.push(byLinkedIn, campaign.id), ev.push(byEmail, campaign.id)])
  await w.drain()
  expect(w.writes("person.create")).toHaveLength(1)
  const [a, b] = [await w.log(byLinkedIn.personKey), await w.log(byEmail.personKey)]
  expect(a.jobs[0]!.clockworkPersonId).toBe(b.jobs[0]!.clockworkPersonId)
})

it("finds the person a create made when its answer was lost, instead of creating again", async () => {
  const dropsBefore = w.sandbox.stats(DEMO_FIRM.firm).faultsInjected.commitThenDrop
  w.sandbox.setFaults(DEMO_FIRM.firm, { commitThenDrop: 1, methods: ["POST"], pathPrefix: "/people", maxFaults: 1 })
  const c = contact("lost-create")
  await w.send(ev.added(c, campaign.id))
  await w.drain()
  expect(w.sandbox.stats(DEMO_FIRM.firm).faultsInjected.commitThenDrop - dropsBefore).toBe(1)
  expect(w.writes("person.create")).toHaveLength(1)
  const [job] = (await w.log(c.personKey)).jobs
  expect(job).toMatchObject({ state: "done", attempts: 2 })
  expect(job!.reason).toMatch(/answer was lost/)
  expect(personOf(w.sandbox, c)).toMatchObject({ name: c.name })
})

it("does not write a note twice when its answer was lost", async () => {
  const c = contact("lost-note")
  const id = await seedPerson(w, { name: c.name, linkedinUrl: c.linkedinUrl!, emails: c.emails })
  w.mark()
  const dropsBefore = w.sandbox.stats(DEMO_FIRM.firm).faultsInjected.commitThenDrop
  w.sandbox.setFaults(DEMO_FIRM.firm, { commitThenDrop: 1, methods: ["POST"], pathPrefix: `/people/${id}/notes`, maxFaults: 1 })
  await w.send([ev.added(c, campaign.id), ev.activity(c, "email", "Lost answer", campaign.id)])
  await w.drain()
  expect(w.sandbox.stats(DEMO_FIRM.firm).faultsInjected.commitThenDrop - dropsBefore).toBe(1)
  expect(w.writes("note.create")).toHaveLength(1)
  const job = (await w.log(c.personKey)).jobs.find((j) => j.eventType === "activity")!
  expect(job.writes.filter((x) => x.kind === "note")).toHaveLength(1)
})
