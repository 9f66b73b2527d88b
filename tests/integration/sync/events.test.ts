// POST /events: what is accepted, what is refused (a clear 4xx naming the field, nothing stored),
// and that a 202 means the event and its job are on disk. The worker is off here.
import { afterAll, beforeAll, expect, it } from "vitest"
import type { ApiError, CampaignMemberSchema, EventsAccepted } from "@shared/index"
import type * as z from "zod"
import { contact, ev, startSyncWorld, type SyncWorld } from "./helpers"

let w: SyncWorld

beforeAll(async () => {
  w = await startSyncWorld({ sync: { worker: false } })
})

afterAll(async () => {
  await w.close()
})

const rows = (sql: string, ...args: unknown[]) => w.server.db.$client.prepare(sql).all(...args) as Record<string, unknown>[]

it("stores an event and its pending job before answering 202", async () => {
  const c = contact("stored")
  const e = ev.added(c)
  const res = await w.request<EventsAccepted>("POST", "/events", e)
  expect(res.status).toBe(202)
  expect(res.body).toEqual({ accepted: 1, duplicates: 0, ids: [e.id] })
  expect(rows("select type, person_key from events where event_id = ?", e.id)).toEqual([{ type: "added_to_campaign", person_key: c.personKey }])
  expect(rows("select state, event_type from jobs where event_id = ?", e.id)).toEqual([{ state: "pending", event_type: "added_to_campaign" }])
  const log = await w.log(c.personKey)
  expect(log.jobs).toMatchObject([{ eventId: e.id, eventType: "added_to_campaign", state: "pending", attempts: 0, writes: [] }])
})

it("makes the person a member of the campaign they were added to", async () => {
  const campaign = await w.campaign("Members by event")
  const c = contact("member")
  await w.send(ev.added(c, campaign.id))
  const members = await w.request<{ members: z.infer<typeof CampaignMemberSchema>[] }>("GET", `/campaigns/${campaign.id}/members`)
  expect(members.body.members.map((m) => m.personKey)).toEqual([c.personKey])
})

it("refuses the first event of an unknown person without contact details (422 naming contact), storing nothing", async () => {
  const c = contact("no-contact")
  const { contact: _omitted, ...bare } = ev.replied(c) as { contact?: unknown }
  const res = await w.request<ApiError>("POST", "/events", [ev.added(contact("fine")), bare])
  expect(res.status).toBe(422)
  expect(res.body.error.field).toBe("1.contact")
  expect(rows("select 1 from events where person_key = ?", c.personKey)).toEqual([])
  expect(rows("select 1 from jobs where person_key like 'li:fine-%'")).toEqual([])
})

it("refuses an unknown campaign (404 naming campaignId) and an archived one for added_to_campaign (409)", async () => {
  const missing = await w.request<ApiError>("POST", "/events", { ...ev.added(contact("x")), campaignId: "cmp_nope" })
  expect(missing.status).toBe(404)
  expect(missing.body.error.field).toBe("campaignId")
  const archived = await w.campaign("Old search")
  await w.request("PATCH", `/campaigns/${archived.id}`, { archived: true })
  const res = await w.request<ApiError>("POST", "/events", ev.added(contact("y"), archived.id))
  expect(res.status).toBe(409)
  expect(res.body.error.code).toBe("campaign_archived")
})

it("refuses a contact that belongs to another person (422 naming contact.personKey)", async () => {
  const e = { ...ev.added(contact("a")), contact: contact("b") }
  const res = await w.request<ApiError>("POST", "/events", e)
  expect(res.status).toBe(422)
  expect(res.body.error.field).toBe("contact.personKey")
})

it.each([
  ["an unknown type", { type: "teleported" }, "type"],
  ["a bad event id", { id: "has spaces" }, "id"],
  ["a bad person key", { personKey: "jane" }, "personKey"],
  ["a bad timestamp", { occurredAt: "yesterday" }, "occurredAt"],
])("answers 400 naming the field for %s", async (_what, patch, field) => {
  const res = await w.request<ApiError>("POST", "/events", { ...ev.added(contact("bad")), ...patch })
  expect(res.status).toBe(400)
  expect(res.body.error.field).toBe(field)
})

it("answers 400 for an empty batch and for more than 500 events", async () => {
  expect((await w.request("POST", "/events", [])).status).toBe(400)
  const c = contact("big")
  const many = Array.from({ length: 501 }, () => ev.push(c))
  expect((await w.request("POST", "/events", many)).status).toBe(400)
})

it("applies a manual update's fields to what the server knows of the person", async () => {
  const c = contact("edited", { title: "Engineer" })
  await w.send([ev.added(c), ev.manual(c, { title: "Principal Engineer", phone: "+1 415 555 0100" })])
  const [row] = rows("select capture from people where person_key = ?", c.personKey)
  expect(JSON.parse(String(row!.capture))).toMatchObject({ title: "Principal Engineer", phones: ["+1 415 555 0100"], emails: c.emails })
})

it("keeps events of one team invisible to another", async () => {
  const c = contact("private")
  await w.send(ev.added(c))
  const theirs = await w.request<{ jobs: unknown[] }>("GET", `/sync/log?personKey=${encodeURIComponent(c.personKey)}`, undefined, w.other.token)
  expect(theirs.body.jobs).toEqual([])
})
