// The background service worker against a scripted Cogsync server on loopback: message checks,
// sign-in, the persisted outbox (exactly-once delivery, retries, a worker stopped mid-flight),
// offline loads and typed storage.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import type { MessageResult, MessageType } from "@shared/messages"
import { SENDERS, installFakeChrome, uninstallFakeChrome, type FakeChrome } from "../../component/fake-chrome"
import { ELEANOR, JANE } from "./captures"
import { ADMIN_TOKEN, startFakeServer, type FakeServer } from "./fake-server"

let fake: FakeChrome
let server: FakeServer

/** Loads the worker's modules afresh, as Chrome does when it starts a stopped service worker. */
async function startWorker() {
  vi.resetModules()
  const index = await import("~background/index")
  await index.started
  const { dispatch } = await import("~background/router")
  const { flushOutbox } = await import("~background/outbox")
  const send = async <T extends MessageType>(type: T, body: unknown, sender: chrome.runtime.MessageSender = SENDERS.options) =>
    (await dispatch({ type, body }, sender)) as MessageResult<T>
  return { send, flushOutbox }
}

async function signedInWorker() {
  const worker = await startWorker()
  const result = await worker.send("sign-in", { serverUrl: server.url, token: ADMIN_TOKEN })
  expect(result.ok).toBe(true)
  return worker
}

const outboxOf = () => (fake.state.local.get("outbox") as unknown[] | undefined) ?? []
const failedOf = () => (fake.state.local.get("outboxFailed") as { item: { id: string }; error: { message: string } }[] | undefined) ?? []

beforeEach(async () => {
  fake = installFakeChrome()
  server = await startFakeServer()
})

afterEach(async () => {
  await server.close()
  uninstallFakeChrome()
})

describe("message checks", () => {
  it("rejects a message sent by another extension", async () => {
    const { send } = await startWorker()
    const result = await send("get-session", {}, SENDERS.otherExtension)
    expect(result).toMatchObject({ ok: false, error: { kind: "forbidden_sender" } })
  })

  it("rejects an options-page message sent from a content script", async () => {
    const { send } = await startWorker()
    const result = await send("sign-in", { serverUrl: server.url, token: ADMIN_TOKEN }, SENDERS.contentScript)
    expect(result).toMatchObject({ ok: false, error: { kind: "forbidden_sender" } })
    expect(server.requests).toHaveLength(0)
    expect(fake.state.local.get("token")).toBeUndefined()
  })

  it("accepts the picker's messages from a content script", async () => {
    const { send } = await signedInWorker()
    const result = await send("load-person", { capture: JANE }, SENDERS.contentScript)
    expect(result.ok).toBe(true)
  })

  it("answers bad_message naming the field when a body does not match its schema", async () => {
    const { send } = await signedInWorker()
    const result = await send("push-now", { capture: { ...JANE, name: "" } }, SENDERS.contentScript)
    expect(result).toMatchObject({ ok: false, error: { kind: "bad_message", field: "capture.name" } })
    expect(server.requestsTo("POST /events")).toHaveLength(0)
  })

  it("answers bad_message for an unknown message type", async () => {
    const { send } = await startWorker()
    expect(await send("delete-everything" as MessageType, {})).toMatchObject({ ok: false, error: { kind: "bad_message" } })
  })

  it("answers through the onMessage listener the worker registers", async () => {
    await startWorker()
    fake.state.sender = SENDERS.popup
    const answer = await chrome.runtime.sendMessage({ type: "get-session", body: {} })
    expect(answer).toMatchObject({ ok: true, data: { signedIn: false, serverUrl: "http://127.0.0.1:8787" } })
  })
})

describe("sign-in", () => {
  it("says it can't reach a server that does not answer", async () => {
    const { send } = await startWorker()
    const gone = await startFakeServer()
    await gone.close()
    const result = await send("sign-in", { serverUrl: gone.url, token: ADMIN_TOKEN })
    expect(result).toMatchObject({ ok: false, error: { kind: "unreachable", field: "serverUrl", message: `Can't reach the Cogsync server at ${gone.url}.` } })
  })

  it("says the token was not accepted", async () => {
    const { send } = await startWorker()
    const result = await send("sign-in", { serverUrl: server.url, token: `cgs_${"z".repeat(43)}` })
    expect(result).toMatchObject({ ok: false, error: { kind: "unauthorized", field: "token", message: "This token was not accepted by the Cogsync server." } })
    expect(fake.state.local.get("token")).toBeUndefined()
  })

  it("stores the server and token, sends the token as a bearer header, and never answers it", async () => {
    const { send } = await startWorker()
    const result = await send("sign-in", { serverUrl: `${server.url}/`, token: ADMIN_TOKEN })
    expect(result).toMatchObject({ ok: true, data: { signedIn: true, serverUrl: server.url, me: { user: { name: "Ada Admin" } } } })
    expect(fake.state.local.get("token")).toBe(ADMIN_TOKEN)
    expect(server.requestsTo("GET /me")[0]?.authorization).toBe(`Bearer ${ADMIN_TOKEN}`)
    const session = await send("get-session", {}, SENDERS.contentScript)
    expect(JSON.stringify(result)).not.toContain(ADMIN_TOKEN)
    expect(JSON.stringify(session)).not.toContain(ADMIN_TOKEN)
  })

  it("refuses a server on another origin until its host permission is granted", async () => {
    const { send } = await startWorker()
    const result = await send("sign-in", { serverUrl: "https://cogsync.example.com", token: ADMIN_TOKEN })
    expect(result).toMatchObject({ ok: false, error: { kind: "permission_needed", field: "serverUrl" } })
  })
})

describe("the outbox delivers every push exactly once", () => {
  it("queues a push while the server is down, shows it on the badge, and delivers it once when the server is back", async () => {
    const { send } = await signedInWorker()
    server.state.down = true
    const result = await send("push-now", { capture: JANE }, SENDERS.contentScript)
    expect(result).toMatchObject({ ok: true, data: { status: "queued", reason: "Can't reach the Cogsync server" } })
    expect(outboxOf()).toHaveLength(1)
    expect(fake.state.badge.text).toBe("1")

    server.state.down = false
    fake.fireAlarm("cogsync-outbox")
    await vi.waitFor(() => expect(outboxOf()).toHaveLength(0))
    expect([...server.acceptedEvents.values()]).toMatchObject([{ type: "push_requested", personKey: JANE.personKey, contact: { name: "Jane Cooper" } }])
    expect(fake.state.badge.text).toBe("")
  })

  it("retries after a 503 with the same event id", async () => {
    const { send, flushOutbox } = await signedInWorker()
    server.script("POST /events", { status: 503, body: { error: { code: "unavailable", message: "Try again later" } } })
    const result = await send("push-now", { capture: JANE }, SENDERS.contentScript)
    expect(result).toMatchObject({ ok: true, data: { status: "queued", reason: "Try again later" } })

    await flushOutbox()
    const ids = server.requestsTo("POST /events").map((r) => (r.body as { id: string }).id)
    expect(ids).toHaveLength(2)
    expect(new Set(ids).size).toBe(1)
    expect(server.acceptedEvents.size).toBe(1)
    expect(outboxOf()).toHaveLength(0)
  })

  it("sends a push again when the server's answer was lost, and the server counts it once", async () => {
    const { send, flushOutbox } = await signedInWorker()
    server.script("POST /events", "ack-then-drop")
    const result = await send("push-now", { capture: JANE }, SENDERS.contentScript)
    expect(result).toMatchObject({ ok: true, data: { status: "queued" } })
    expect(server.acceptedEvents.size).toBe(1)

    await flushOutbox()
    expect(server.requestsTo("POST /events")).toHaveLength(2)
    expect(server.acceptedEvents.size).toBe(1)
    expect(outboxOf()).toHaveLength(0)
  })

  it("delivers a push persisted by a worker that stopped, when the next worker starts", async () => {
    const first = await signedInWorker()
    server.state.down = true
    await first.send("push-now", { capture: JANE }, SENDERS.contentScript)
    const queuedId = (outboxOf()[0] as { id: string }).id

    server.state.down = false
    await startWorker() // Chrome starts a new worker: modules and memory are gone, storage is not.
    expect(outboxOf()).toHaveLength(0)
    expect([...server.acceptedEvents.keys()]).toEqual([queuedId])
  })

  it("adds to a campaign in two steps and never repeats the first when only the second failed", async () => {
    const { send, flushOutbox } = await signedInWorker()
    server.script("POST /events", "drop")
    const result = await send("add-to-campaign", { capture: JANE, campaignId: "c-1" }, SENDERS.contentScript)
    expect(result).toMatchObject({ ok: true, data: { status: "queued" } })
    expect(server.requestsTo("POST /campaigns/c-1/members")).toHaveLength(1)

    await flushOutbox()
    expect(server.requestsTo("POST /campaigns/c-1/members")).toHaveLength(1)
    const member = server.requestsTo("POST /campaigns/c-1/members")[0]?.body as { requestId: string }
    expect([...server.acceptedEvents.values()]).toMatchObject([{ type: "added_to_campaign", campaignId: "c-1", id: member.requestId }])
  })

  it("keeps a person's push behind their override when the override must be retried", async () => {
    const { send, flushOutbox } = await signedInWorker()
    const busy = { status: 503, body: { error: { code: "unavailable", message: "Busy" } } }
    server.script("PUT /overrides", busy, busy)
    const saved = await send("save-override", { override: { personKey: JANE.personKey, syncAs: "person" }, name: "Jane Cooper" }, SENDERS.contentScript)
    expect(saved).toMatchObject({ ok: true, data: { status: "queued" } })
    const pushed = await send("push-now", { capture: JANE }, SENDERS.contentScript)
    expect(pushed).toMatchObject({ ok: true, data: { status: "queued" } })
    expect(server.requestsTo("POST /events")).toHaveLength(0)

    await flushOutbox()
    const order = server.requests.map((r) => `${r.method} ${r.path}`).filter((k) => k === "PUT /overrides" || k === "POST /events")
    expect(order).toEqual(["PUT /overrides", "PUT /overrides", "PUT /overrides", "POST /events"])
    expect(outboxOf()).toHaveLength(0)
  })

  it("returns a rejection at once to the person who acted, naming the field", async () => {
    const { send } = await signedInWorker()
    const result = await send("save-override", { override: { personKey: JANE.personKey, fields: { website: "https://jane.example" } }, name: "Jane Cooper" }, SENDERS.contentScript)
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid", field: "fields.website", message: "website is not a displayed field" } })
    expect(outboxOf()).toHaveLength(0)
    expect(failedOf()).toHaveLength(0)
  })

  it("moves an item the server rejects later to the failed list, where it can be retried or discarded", async () => {
    const { send, flushOutbox } = await signedInWorker()
    server.state.down = true
    await send("save-override", { override: { personKey: ELEANOR.personKey, fields: { website: "https://e.example" } }, name: "Eleanor Pena" }, SENDERS.contentScript)
    server.state.down = false
    await flushOutbox()
    expect(outboxOf()).toHaveLength(0)
    expect(failedOf()).toMatchObject([{ error: { message: "website is not a displayed field" } }])
    expect(fake.state.badge.text).toBe("!")

    const status = await send("get-status", {}, SENDERS.popup)
    expect(status).toMatchObject({ ok: true, data: { outbox: { pending: [], failed: [{ item: { label: "Eleanor Pena", kind: "override" } }] } } })

    const id = failedOf()[0]!.item.id
    const retried = await send("retry-outbox-item", { id }, SENDERS.popup)
    expect(retried).toMatchObject({ ok: true, data: { failed: [{ item: { id } }] } })
    expect(server.requestsTo("PUT /overrides")).toHaveLength(2)

    const discarded = await send("discard-outbox-item", { id }, SENDERS.popup)
    expect(discarded).toMatchObject({ ok: true, data: { pending: [], failed: [] } })
    expect(fake.state.badge.text).toBe("")
  })

  it("creates its retry alarm when the worker starts", async () => {
    await startWorker()
    expect(fake.state.alarms.get("cogsync-outbox")?.periodInMinutes).toBe(0.5)
  })
})

describe("the person on the page", () => {
  it("answers from the last good load, marked stale, while the server is down", async () => {
    const { send } = await signedInWorker()
    const live = await send("load-person", { capture: JANE }, SENDERS.contentScript)
    expect(live).toMatchObject({ ok: true, data: { reachable: true, stale: false, tags: ["Outreach"], fieldLabels: { "custom:cf-source": "Source" } } })

    server.state.down = true
    const offline = await send("load-person", { capture: JANE }, SENDERS.contentScript)
    expect(offline).toMatchObject({ ok: true, data: { reachable: false, stale: true, campaigns: [{ id: "c-1" }] } })
    expect(offline.ok && offline.data.settings).toEqual(live.ok && live.data.settings)
  })

  it("tells the popup which person its tab shows", async () => {
    const { send } = await startWorker()
    expect(await send("report-capture", { capture: JANE }, SENDERS.contentScript)).toMatchObject({ ok: true })
    expect(await send("get-tab-person", { tabId: 42 }, SENDERS.popup)).toMatchObject({ ok: true, data: { capture: { name: "Jane Cooper" } } })
    expect(await send("report-capture", { capture: null }, SENDERS.contentScript)).toMatchObject({ ok: true })
    expect(await send("get-tab-person", { tabId: 42 }, SENDERS.popup)).toMatchObject({ ok: true, data: { capture: null } })
  })

  it("says the person must sign in when no token is stored", async () => {
    const { send } = await startWorker()
    const result = await send("preview-decision", { capture: JANE }, SENDERS.contentScript)
    expect(result).toMatchObject({ ok: false, error: { kind: "not_signed_in" } })
  })
})

describe("the popup's status", () => {
  it("still shows the Clockwork connection when the server has no sync status to give", async () => {
    const { send } = await signedInWorker()
    const status = await send("get-status", {}, SENDERS.popup)
    expect(server.requestsTo("GET /sync/status")).toHaveLength(1)
    expect(status).toMatchObject({ ok: true, data: { reachable: true, error: null, integration: { state: "connected", firm: "demo" }, sync: null } })
  })

  it("says the server is unreachable when it is down", async () => {
    const { send } = await signedInWorker()
    server.state.down = true
    const status = await send("get-status", {}, SENDERS.popup)
    expect(status).toMatchObject({ ok: true, data: { reachable: false, error: { kind: "unreachable" }, integration: null } })
  })
})

describe("typed storage", () => {
  it("falls back to the default when a stored value does not match its schema", async () => {
    fake.state.local.set("serverUrl", 42)
    const { send } = await startWorker()
    expect(await send("get-session", {})).toMatchObject({ ok: true, data: { serverUrl: "http://127.0.0.1:8787" } })
  })

  it("drops an unreadable outbox item and keeps the others", async () => {
    const { send, flushOutbox } = await signedInWorker()
    server.state.down = true
    await send("push-now", { capture: JANE }, SENDERS.contentScript)
    fake.state.local.set("outbox", [{ kind: "mystery" }, ...outboxOf()])
    server.state.down = false
    await flushOutbox()
    expect(server.acceptedEvents.size).toBe(1)
    expect(outboxOf()).toHaveLength(0)
  })
})
