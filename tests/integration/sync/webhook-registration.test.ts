// With a public URL configured, activating the integration registers Clockwork's webhook pointing
// at this server (with a fresh secret token in the URL), and re-activating replaces it.
import { afterAll, beforeAll, expect, it } from "vitest"
import { DEMO_FIRM } from "../../../server/clockwork/index"
import { bodyOf, startSyncWorld, type SyncWorld } from "./helpers"

let w: SyncWorld
const PUBLIC_URL = "https://cogsync.example.com"

beforeAll(async () => {
  w = await startSyncWorld({ sync: { publicUrl: PUBLIC_URL } })
})

afterAll(async () => {
  await w.close()
})

it("registers the candidacy webhook on activation, and replaces it on re-activation", async () => {
  await w.activate()
  const [created] = w.writes("webhook.create")
  const hookUrl = bodyOf<{ hookUrl: string }>(created!).hookUrl
  expect(hookUrl).toMatch(new RegExp(`^${PUBLIC_URL}/webhooks/clockwork/${w.teamId}\\?token=[A-Za-z0-9_-]{43}$`))
  const token = new URL(hookUrl).searchParams.get("token")!
  expect(w.logs.some((l) => l.includes(token))).toBe(false)
  expect(w.transcript.some((t) => t.includes(token))).toBe(false)

  await w.activate()
  expect(w.writes("webhook.create")).toHaveLength(2)
  expect(w.writes("webhook.delete").map((d) => d.resourceId)).toEqual([created!.resourceId])
  expect(Object.values(w.sandbox.state(DEMO_FIRM.firm)!.webhooks)).toHaveLength(1)

  // The first token no longer works; the new one does.
  const delivery = { event_name: "candidacy_updated", candidacy: { id: "c-1", person_id: "p-1", project_id: "proj-demo-vpe", status_id: "st-research" } }
  expect((await w.request("POST", `/webhooks/clockwork/${w.teamId}?token=${token}`, delivery, null)).status).toBe(401)
  const current = new URL(bodyOf<{ hookUrl: string }>(w.writes("webhook.create")[1]!).hookUrl).searchParams.get("token")!
  const accepted = await w.request("POST", `/webhooks/clockwork/${w.teamId}?token=${current}`, delivery, null)
  expect(accepted.body).toEqual({ ok: true, applied: true })
  // The request log names the path only: the token in the query never reaches a log line.
  expect(w.logs.some((l) => l.includes(token) || l.includes(current))).toBe(false)
})
