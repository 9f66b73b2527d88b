// candidacy_updated deliveries to a local receiver: on a new candidacy, on a status change through
// the API, and on a change "made in Clockwork" (the control API).
import { afterAll, beforeAll, expect, it } from "vitest"
import { startHarness, startStub, type Harness } from "./helpers"

let h: Harness
let receiver: Awaited<ReturnType<typeof startStub>>
const received: { event_name: string; candidacy: Record<string, unknown> }[] = []

beforeAll(async () => {
  h = await startHarness()
  receiver = await startStub((req, res) => {
    let body = ""
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")))
    req.on("end", () => {
      received.push(JSON.parse(body) as (typeof received)[number])
      res.end("ok")
    })
  })
})
afterAll(async () => {
  await h.close()
  await receiver.close()
})

it("delivers candidacy_updated with the snake_case candidacy to every registered hook until it is removed", async () => {
  const c = h.client()
  const hook = await c.createWebhook(`${receiver.url}/hooks/clockwork`)
  const cand = await c.addCandidacy("proj-demo-vpe", { personId: "p-robert-fox", statusId: "st-pursuing" })
  await h.sandbox.flushWebhooks()
  expect(received).toEqual([
    {
      event_name: "candidacy_updated",
      candidacy: expect.objectContaining({ id: cand.id, person_id: "p-robert-fox", project_id: "proj-demo-vpe", status_id: "st-pursuing", rank: 1 }),
    },
  ])
  expect(Object.keys(received[0]!.candidacy)).toEqual(
    expect.arrayContaining(["stoplight_status", "overview_note_id", "assessment_note_id", "next_steps_note_id", "created_user_id", "created_at", "updated_at", "updated_at_display"]),
  )

  await c.updateCandidacyStatus("proj-demo-vpe", cand.id, "st-interviewing")
  const control = await fetch(`${h.url}/_sandbox/candidacies/${cand.id}/status`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ firm: "demo", statusId: "st-placed" }),
  })
  expect(control.status).toBe(200)
  await h.sandbox.flushWebhooks()
  expect(received.map((r) => r.candidacy.status_id)).toEqual(["st-pursuing", "st-interviewing", "st-placed"])
  expect(receiver.seen.every((line) => line === "POST /hooks/clockwork")).toBe(true)

  await c.deleteWebhook(hook.id)
  h.sandbox.setCandidacyStatus("demo", cand.id, "st-finalist")
  await h.sandbox.flushWebhooks()
  expect(received).toHaveLength(3)
  expect(h.sandbox.webhookDeliveries("demo").map((d) => d.status)).toEqual([200, 200, 200])
})

it("sends nothing when a status is set to the one it already has", async () => {
  const c = h.client()
  await c.createWebhook(`${receiver.url}/hooks/again`)
  const cand = await c.addCandidacy("proj-demo-vpe", { personId: "p-kristin-watson" })
  await c.updateCandidacyStatus("proj-demo-vpe", cand.id, cand.statusId!)
  await h.sandbox.flushWebhooks()
  expect(receiver.seen.filter((l) => l === "POST /hooks/again")).toHaveLength(1)
})
