// The short-lived look-up cache behind the decision preview and the "In Clockwork" badge: a
// repeated preview does not ask Clockwork again, yet it never hides what this server wrote, what a
// webhook announced or an integration change, and the send check always asks Clockwork.
import { afterEach, beforeEach, expect, it } from "vitest"
import type { DecisionPreviewResponse, LookupResponse, SendCheckResponse } from "@shared/index"
import { DEMO_FIRM, createClockworkClient } from "../../../server/clockwork/index"
import { DEFAULT_LOOKUP_TTL_MS } from "../../../server/services/clockwork-access"
import { bodyOf, contact, ev, seedPerson, startSyncWorld, WarpClock, type SyncWorld } from "../sync/helpers"

let w: SyncWorld
let clock: WarpClock

beforeEach(async () => {
  clock = new WarpClock()
  w = await startSyncWorld({ clock, sync: { publicUrl: "https://cogsync.example.com" } })
  await w.activate()
  await w.settings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false } })
})

afterEach(async () => {
  await w.close()
})

const clockworkRequests = () => w.sandbox.stats(DEMO_FIRM.firm).requests
const preview = async (c: ReturnType<typeof contact>) => (await w.request<DecisionPreviewResponse>("POST", "/decisions/preview", { capture: c })).body
const lookup = async (c: ReturnType<typeof contact>) => (await w.request<LookupResponse>("GET", `/lookup?personKey=${encodeURIComponent(c.personKey)}&linkedinUrl=${encodeURIComponent(c.linkedinUrl!)}`)).body

it("answers a repeated preview of the same person without asking Clockwork again", async () => {
  const jane = contact("jane")
  const before = clockworkRequests()
  expect((await preview(jane)).existing).toBeNull()
  const afterFirst = clockworkRequests()
  expect(afterFirst).toBeGreaterThan(before)
  expect((await preview(jane)).existing).toBeNull()
  expect(clockworkRequests()).toBe(afterFirst)
  // The badge asks with other identifiers (no email), so it is its own look-up, cached in turn.
  expect((await lookup(jane)).match).toBeNull()
  const afterBadge = clockworkRequests()
  expect((await lookup(jane)).match).toBeNull()
  expect(clockworkRequests()).toBe(afterBadge)
})

it("shares one Clockwork look-up between identical previews sent at the same time", async () => {
  const jane = contact("jane")
  const before = clockworkRequests()
  const answers = await Promise.all(Array.from({ length: 5 }, () => preview(jane)))
  expect(answers.every((a) => a.existing === null && a.clockworkReachable)).toBe(true)
  // Not in Clockwork: one search by LinkedIn slug and one by email, for all five.
  expect(clockworkRequests() - before).toBe(2)
})

it("shows the person this server's sync engine just created, without waiting for the cache to expire", async () => {
  const jane = contact("jane")
  expect((await preview(jane)).existing).toBeNull()
  await w.send(ev.push(jane))
  await w.drain()
  const created = w.writes("person.create")
  expect(created).toHaveLength(1)
  expect((await preview(jane)).existing).toMatchObject({ id: created[0]!.resourceId, matchedBy: { by: "linkedin_url" } })
  expect((await lookup(jane)).match?.id).toBe(created[0]!.resourceId)
})

it("shows a person someone else added in Clockwork only once the cache expires (15 s)", async () => {
  const jane = contact("jane")
  expect((await preview(jane)).existing).toBeNull()
  const id = await seedPerson(w, { name: jane.name, linkedinUrl: jane.linkedinUrl! })
  // The documented trade-off: a change made outside this server shows up to the TTL late.
  expect((await preview(jane)).existing).toBeNull()
  clock.offset += DEFAULT_LOOKUP_TTL_MS + 1
  expect((await preview(jane)).existing).toMatchObject({ id })
})

it("forgets cached look-ups when a Clockwork webhook arrives", async () => {
  const jane = contact("jane")
  expect((await preview(jane)).existing).toBeNull()
  const id = await seedPerson(w, { name: jane.name, linkedinUrl: jane.linkedinUrl! })
  const hookUrl = bodyOf<{ hookUrl: string }>(w.writes("webhook.create")[0]!).hookUrl
  const token = new URL(hookUrl).searchParams.get("token")!
  const delivery = { event_name: "candidacy_updated", candidacy: { id: "c-1", person_id: id, project_id: "proj-demo-vpe", status_id: "st-research" } }
  expect((await w.request("POST", `/webhooks/clockwork/${w.teamId}?token=${token}`, delivery, null)).status).toBe(200)
  expect((await preview(jane)).existing).toMatchObject({ id })
})

it("forgets cached look-ups when the integration is removed", async () => {
  const robert = { ...contact("robert"), personKey: "li:robert-fox-demo", linkedinUrl: "https://www.linkedin.com/in/robert-fox-demo" }
  expect((await lookup(robert)).match?.id).toBe("p-robert-fox")
  await w.request("DELETE", "/integration")
  const res = await w.request("GET", `/lookup?linkedinUrl=${encodeURIComponent(robert.linkedinUrl)}`)
  expect(res.status).toBe(409)
  expect((await preview(robert)).clockworkReachable).toBe(false)
})

it("never answers the send check from the cache: a Do Not Contact set in Clockwork blocks at once", async () => {
  await w.settings({ contact: { blockEmailsToOffLimits: true } })
  const jane = contact("jane")
  const id = await seedPerson(w, { name: jane.name, linkedinUrl: jane.linkedinUrl!, emails: jane.emails })
  await w.send(ev.added(jane))
  await w.drain()
  expect((await preview(jane)).existing).toMatchObject({ id, doNotContact: false })
  const client = createClockworkClient({ baseUrl: w.sandboxUrl, credentials: DEMO_FIRM })
  await client.updatePerson(id, { doNotContact: true })
  const check = await w.request<SendCheckResponse>("GET", `/send-check?personKey=${encodeURIComponent(jane.personKey)}`)
  expect(check.body).toMatchObject({ allowed: false, doNotContact: true })
})
