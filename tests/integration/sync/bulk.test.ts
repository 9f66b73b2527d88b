// Bulk sync of a campaign: every member gets a job, progress streams over SSE until done, a second
// request while it runs changes nothing, and a new person costs the minimum of Clockwork calls.
import { afterAll, beforeAll, expect, it } from "vitest"
import { BulkSyncProgressSchema, type ApiError, type BulkSyncProgress, type Campaign } from "@shared/index"
import { DEMO_FIRM } from "../../../server/clockwork/index"
import { contact, ev, startSyncWorld, type SyncWorld } from "./helpers"

let w: SyncWorld

beforeAll(async () => {
  // A slow Clockwork (60 requests per second) so the run is still going while the test watches it.
  w = await startSyncWorld({ sync: { ratePerSecond: 60, burst: 5 } })
  await w.activate()
  await w.settings({ adding: { addPersonWhen: "replied", onlyNotesToSyncedRecords: false }, defaults: { syncAs: "person", tags: ["Outreach"] } })
})

afterAll(async () => {
  await w.close()
})

/** Reads a whole SSE response into its events. */
async function readEvents(url: string): Promise<{ status: number; contentType: string | null; events: { event: string; data: string }[] }> {
  const res = await fetch(`${w.server.url}${url}`, { headers: { authorization: `Bearer ${w.token}` } })
  const text = await res.text()
  const events = text
    .split("\n\n")
    .filter((block) => block.trim())
    .map((block) => {
      const line = (name: string) => block.split("\n").find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim() ?? ""
      return { event: line("event"), data: line("data") }
    })
  return { status: res.status, contentType: res.headers.get("content-type"), events }
}

async function campaignWith(n: number): Promise<{ campaign: Campaign; members: ReturnType<typeof contact>[] }> {
  const campaign = await w.campaign(`Bulk ${n}`, { tags: ["Engineering"] })
  const members = Array.from({ length: n }, (_, i) => contact(`bulk-${i}`))
  // With the trigger "when they reply", being added writes nothing and costs no Clockwork call.
  await w.send(members.map((c) => ev.added(c, campaign.id)))
  await w.drain()
  return { campaign, members }
}

it("pushes every member, streams progress until done, and ignores a second request while it runs", async () => {
  const { campaign, members } = await campaignWith(40)
  w.mark()
  const before = w.sandbox.stats(DEMO_FIRM.firm).requests
  const started = await w.request<BulkSyncProgress>("POST", `/campaigns/${campaign.id}/sync`)
  expect(started.status).toBe(202)
  expect(started.body).toMatchObject({ campaignId: campaign.id, total: 40, done: 0, failed: 0, pending: 40 })
  const again = await w.request<BulkSyncProgress>("POST", `/campaigns/${campaign.id}/sync`)
  expect(again.body.total).toBe(40)

  const stream = await readEvents(`/campaigns/${campaign.id}/sync/progress`)
  expect(stream.status).toBe(200)
  expect(stream.contentType).toMatch(/text\/event-stream/)
  const progress = stream.events.map((e) => BulkSyncProgressSchema.parse(JSON.parse(e.data)))
  expect(stream.events.at(-1)!.event).toBe("done")
  expect(progress.at(-1)).toMatchObject({ total: 40, done: 40, failed: 0, pending: 0, etaSeconds: 0 })
  expect(progress.length).toBeGreaterThan(2)
  for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done)
  expect(progress.some((p) => p.pending > 0 && p.etaSeconds !== null && p.etaSeconds > 0)).toBe(true)

  expect(w.writes("person.create")).toHaveLength(40)
  for (const c of members) expect((await w.log(c.personKey)).jobs[0]).toMatchObject({ eventType: "push_requested", state: "done", action: "create" })
  // A new person with a LinkedIn URL and an email: 2 look-ups, the create (tags included), the URL and the email.
  expect(w.sandbox.stats(DEMO_FIRM.firm).requests - before).toBe(5 * 40)
  expect(w.writes("tag.add")).toEqual([])
})

it("sends a single progress event with ?once=true, and answers 404 for a campaign never synced", async () => {
  const { campaign } = await campaignWith(3)
  expect((await w.request<ApiError>("GET", `/campaigns/${campaign.id}/sync/progress`)).status).toBe(404)
  await w.request("POST", `/campaigns/${campaign.id}/sync`)
  await w.drain()
  const once = await readEvents(`/campaigns/${campaign.id}/sync/progress?once=true`)
  expect(once.events).toHaveLength(1)
  expect(JSON.parse(once.events[0]!.data)).toEqual({ campaignId: campaign.id, total: 3, done: 3, failed: 0, pending: 0, etaSeconds: 0 })
})

it("answers 404 for another team's campaign and 409 for an archived one", async () => {
  const { campaign } = await campaignWith(1)
  expect((await w.request("POST", `/campaigns/${campaign.id}/sync`, undefined, w.other.token)).status).toBe(404)
  await w.request("PATCH", `/campaigns/${campaign.id}`, { archived: true })
  const res = await w.request<ApiError>("POST", `/campaigns/${campaign.id}/sync`)
  expect(res.status).toBe(409)
  expect(res.body.error.code).toBe("campaign_archived")
})
