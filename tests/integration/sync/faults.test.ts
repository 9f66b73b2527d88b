// Clockwork misbehaving at scale: a 429 storm, a mix of 5xx / resets / hangs, and writes that are
// applied but whose answer is lost. Each run syncs every contact (a person and a note each) and
// must end with every contact in Clockwork exactly once, every note exactly once, and no request
// sent before a Retry-After had passed.
import { afterEach, expect, it } from "vitest"
import type { FaultsInput } from "../../../server/clockwork/index"
import { DEMO_FIRM } from "../../../server/clockwork/index"
import { contact, ev, startSyncWorld, WarpClock, type SyncWorld, type SyncWorldOptions } from "./helpers"

const CONTACTS = Number(process.env.COGSYNC_FAULT_CONTACTS ?? 200)

let w: SyncWorld | undefined

afterEach(async () => {
  await w?.close()
  w = undefined
})

interface Outcome {
  contacts: ReturnType<typeof contact>[]
  activityIds: string[]
}

/** Activates, then (with the faults on) sends each contact's `added_to_campaign` and an email activity, and waits. */
async function syncContacts(opts: SyncWorldOptions, faults: FaultsInput): Promise<Outcome> {
  w = await startSyncWorld(opts)
  await w.activate()
  await w.settings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false }, notes: { createFrom: ["email"], typeMapping: { email: "nt-email" } } })
  const campaign = await w.campaign("Fault drill")
  const contacts = Array.from({ length: CONTACTS }, (_, i) => contact(`fault-${i}`))
  w.sandbox.setFaults(DEMO_FIRM.firm, faults)
  await w.send(contacts.map((c) => ev.added(c, campaign.id)))
  const activities = contacts.map((c) => ev.activity(c, "email", `Hello ${c.name}`, campaign.id))
  await w.send(activities)
  await w.drain(120_000)
  w.sandbox.setFaults(DEMO_FIRM.firm, null)
  return { contacts, activityIds: activities.map((a) => a.id) }
}

/** Every contact is one Clockwork person with its note exactly once; every job is done. */
async function expectExactlyOnce({ contacts, activityIds }: Outcome): Promise<void> {
  const world = w!
  const state = world.sandbox.state(DEMO_FIRM.firm)!
  const people = Object.values(state.people)
  const notes = Object.values(state.notes)
  const missing: string[] = []
  const duplicated: string[] = []
  const noteProblems: string[] = []
  contacts.forEach((c, i) => {
    const slug = c.personKey.slice(3)
    const matches = people.filter((p) => p.name === c.name)
    if (matches.length === 0) missing.push(c.name)
    if (matches.length > 1) duplicated.push(c.name)
    const person = matches[0]
    if (person && !person.linkedinUrls.some((l) => l.url.endsWith(`/in/${slug}`))) missing.push(`${c.name}'s LinkedIn URL`)
    const marker = `cogsync:${world.teamId}:${activityIds[i]}`
    const withMarker = notes.filter((n) => n.content.includes(marker))
    if (withMarker.length !== 1 || (person && withMarker[0]!.personId !== person.id)) noteProblems.push(`${c.name}: ${withMarker.length} notes`)
  })
  expect({ missing, duplicated, noteProblems }).toEqual({ missing: [], duplicated: [], noteProblems: [] })
  expect(world.writes("person.create").length).toBeGreaterThanOrEqual(contacts.length)
  const status = await world.status()
  expect(status.counts).toMatchObject({ done: contacts.length * 2, pending: 0, running: 0, failed: 0, dead: 0, paused: 0 })
  expect(world.sandbox.stats(DEMO_FIRM.firm).violations).toBe(0)
}

it(`survives a 429 storm over ${CONTACTS} contacts without calling before any Retry-After has passed`, async () => {
  // Clockwork allows 20 requests per (virtual) second; the engine is told it may send 1,000.
  const clock = new WarpClock()
  const outcome = await syncContacts({ clock, sync: { ratePerSecond: 1000, burst: 50 } }, { rateLimit: { ratePerSecond: 20, burst: 5, retryAfter: "seconds" } })
  expect(w!.sandbox.stats(DEMO_FIRM.firm).rateLimited).toBeGreaterThan(20)
  await expectExactlyOnce(outcome)
})

it(`survives 5xx answers, connection resets and hangs over ${CONTACTS} contacts`, async () => {
  const outcome = await syncContacts({ sync: { clientTimeoutMs: 150 } }, { error500: 0.04, error503: 0.04, reset: 0.04, hang: 0.01 })
  const injected = w!.sandbox.stats(DEMO_FIRM.firm).faultsInjected
  expect(injected.error500).toBeGreaterThan(0)
  expect(injected.error503).toBeGreaterThan(0)
  expect(injected.reset).toBeGreaterThan(0)
  expect(injected.hang).toBeGreaterThan(0)
  await expectExactlyOnce(outcome)
})

it(`creates nobody twice when writes are applied but their answers are lost, over ${CONTACTS} contacts`, async () => {
  const outcome = await syncContacts({}, { commitThenDrop: 0.15, methods: ["POST"] })
  const dropped = w!.sandbox.stats(DEMO_FIRM.firm).faultsInjected.commitThenDrop
  expect(dropped).toBeGreaterThan(20)
  // Creates whose answer was lost were looked up, never repeated: exactly one create per contact.
  expect(w!.writes("person.create")).toHaveLength(outcome.contacts.length)
  expect(w!.writes("note.create")).toHaveLength(outcome.contacts.length)
  await expectExactlyOnce(outcome)
})
