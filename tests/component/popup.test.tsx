// The toolbar popup: status, the current tab's person with a quick Sync as, the outbox, recent syncs.
import { render, screen, waitFor, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { SyncJob } from "@shared/api"
import type { OutboxItem, StatusView } from "@shared/messages"
import { PopupView } from "~components/popup/popup-view"
import { resetPopupStore } from "~stores/popup-store"
import { JANE } from "../unit/extension/captures"
import { ME, contextFor, previewFor } from "./background-answers"
import { installFakeChrome, uninstallFakeChrome, type FakeChrome } from "./fake-chrome"

let fake: FakeChrome

const connected = { state: "connected" as const, firm: "demo", apiKeyLast4: "x9Pa", connectedAt: null, connectedBy: null, lastSuccessAt: null, lastError: null, paused: false }

/** Job counts as `GET /sync/status` answers them: every state, zero when none. */
const NO_JOBS = { pending: 0, running: 0, done: 0, failed: 0, dead: 0, paused: 0 }

function status(patch: Partial<StatusView> = {}): StatusView {
  return {
    session: { signedIn: true, serverUrl: "http://127.0.0.1:8787", me: ME },
    reachable: true,
    error: null,
    integration: connected,
    sync: { counts: NO_JOBS, recent: [], deadLetters: [] },
    outbox: { pending: [], failed: [] },
    ...patch,
  }
}

function job(patch: Partial<SyncJob>): SyncJob {
  const now = new Date().toISOString()
  return {
    id: "job-1",
    personKey: "li:robert-fox-demo",
    eventId: "e-1",
    eventType: "push_requested",
    state: "done",
    action: "update",
    attempts: 1,
    reason: null,
    lastError: null,
    clockworkPersonId: "p-robert-fox",
    writes: [],
    createdAt: now,
    updatedAt: now,
    nextAttemptAt: null,
    ...patch,
  }
}

const queued = (id: string, patch: Partial<OutboxItem> = {}): OutboxItem =>
  ({ id, kind: "push", personKey: JANE.personKey, label: "Jane Cooper", createdAt: "", attempts: 2, lastAttemptAt: null, lastError: "Can't reach the Cogsync server", capture: { ...JANE, emails: [], phones: [], positions: [], education: [] }, ...patch }) as OutboxItem

beforeEach(() => {
  fake = installFakeChrome()
  resetPopupStore()
  fake.answer("get-tab-person", () => ({ capture: null }))
  fake.answer("open-options", () => ({}))
})

afterEach(() => {
  resetPopupStore()
  uninstallFakeChrome()
})

describe("status", () => {
  it("shows who is signed in, the server reachable and Clockwork connected", async () => {
    fake.answer("get-status", () => status())
    render(<PopupView />)
    expect((await screen.findByTestId("signed-in-as")).textContent).toBe("Rita Recruiter · Recruiter · Northwind Search")
    expect(screen.getByTestId("server-status").textContent).toBe("Reachable")
    expect(screen.getByTestId("clockwork-status").textContent).toBe("Connected to demo")
    expect(screen.getByTestId("clockwork-status").className).toBe("cg-ok")
  })

  it("shows Clockwork needing attention with its error, and an unreachable server", async () => {
    fake.answer("get-status", () =>
      status({ reachable: false, error: { kind: "unreachable", message: "Can't reach the Cogsync server at http://127.0.0.1:8787." }, integration: { ...connected, state: "needs_attention", lastError: "Clockwork refused the API key" } }),
    )
    render(<PopupView />)
    expect((await screen.findByTestId("server-status")).textContent).toBe("Unreachable")
    expect(screen.getByTestId("status-error").textContent).toBe("Can't reach the Cogsync server at http://127.0.0.1:8787.")
    expect(screen.getByTestId("clockwork-status").textContent).toBe("Needs attention: Clockwork refused the API key")
  })

  it("asks to sign in when signed out", async () => {
    fake.answer("get-status", () => status({ session: { signedIn: false, serverUrl: "http://127.0.0.1:8787", me: null }, integration: null, sync: null }))
    const user = userEvent.setup()
    render(<PopupView />)
    await user.click(await screen.findByRole("button", { name: "Sign in" }))
    expect(fake.sentOf("open-options")).toHaveLength(1)
  })
})

describe("this tab", () => {
  it("says when the tab shows no profile", async () => {
    fake.answer("get-status", () => status())
    render(<PopupView />)
    expect(await screen.findByText("No profile on this tab.")).toBeTruthy()
  })

  it("shows the tab's person and saves a quick Sync as", async () => {
    fake.answer("get-status", () => status())
    fake.answer("get-tab-person", () => ({ capture: { ...JANE, emails: JANE.emails ?? [], phones: [], positions: [], education: [] } }))
    fake.answer("load-person", () => contextFor({ override: { personKey: JANE.personKey, tags: { add: ["Leadership"], remove: [] }, fields: {} } }))
    fake.answer("preview-decision", () => previewFor(JANE, { existing: { id: "p-1", name: "Jane Cooper", matchedBy: { by: "email", value: "jane.cooper@example.com" } } }))
    fake.answer("save-override", () => ({ status: "sent", itemId: "i-1", reason: null }))
    const user = userEvent.setup()
    render(<PopupView />)

    expect((await screen.findByTestId("tab-person")).textContent).toBe("Jane Cooper")
    await waitFor(() => expect(screen.getByText("In Clockwork")).toBeTruthy())
    expect(fake.sentOf("get-tab-person")).toEqual([{ tabId: 42 }])
    await user.selectOptions(await screen.findByRole("combobox", { name: "Sync as" }), "Don't sync")
    expect(fake.sentOf("save-override")).toEqual([
      { override: { personKey: JANE.personKey, syncAs: "none", tags: { add: ["Leadership"], remove: [] }, fields: {} }, name: "Jane Cooper" },
    ])
    expect(await screen.findByText("Saved.")).toBeTruthy()
  })
})

describe("outbox", () => {
  it("lists what waits to be sent and lets a failed item be retried or discarded", async () => {
    fake.answer("get-status", () =>
      status({
        outbox: {
          pending: [queued("q-1"), queued("q-2", { kind: "override", label: "Robert Fox", attempts: 0, lastError: null } as Partial<OutboxItem>)],
          failed: [{ item: queued("f-1", { label: "Eleanor Pena" }), failedAt: "", error: { status: 422, message: "website is not a displayed field" } }],
        },
      }),
    )
    fake.answer("retry-outbox-item", () => ({ pending: [], failed: [] }))
    fake.answer("discard-outbox-item", () => ({ pending: [], failed: [] }))
    const user = userEvent.setup()
    render(<PopupView />)

    expect((await screen.findByTestId("outbox-pending")).textContent).toBe("2 actions queued; retried every 30 seconds.")
    const list = screen.getByRole("region", { name: "Waiting to send" })
    expect(within(list).getByText("Tried 2 times · Can't reach the Cogsync server")).toBeTruthy()
    expect(within(list).getByText("Not tried yet")).toBeTruthy()
    expect(within(list).getByText("website is not a displayed field")).toBeTruthy()

    await user.click(screen.getByRole("button", { name: "Retry Push for Eleanor Pena" }))
    expect(fake.sentOf("retry-outbox-item")).toEqual([{ id: "f-1" }])
    await user.click(screen.getByRole("button", { name: "Discard Push for Eleanor Pena" }))
    expect(fake.sentOf("discard-outbox-item")).toEqual([{ id: "f-1" }])
  })
})

describe("recent syncs", () => {
  it("lists failures first with their error and retries one", async () => {
    fake.answer("get-status", () =>
      status({ sync: { counts: { ...NO_JOBS, done: 1, dead: 1 }, recent: [job({ id: "ok-1" })], deadLetters: [job({ id: "dead-1", personKey: "li:jane-cooper-demo", state: "dead", lastError: "Clockwork answered 500" })] } }),
    )
    fake.answer("retry-sync-job", () => ({}))
    const user = userEvent.setup()
    render(<PopupView />)

    const region = await screen.findByRole("region", { name: "Recent syncs" })
    const items = within(region).getAllByRole("listitem")
    expect(items[0]?.textContent).toContain("jane-cooper-demo (LinkedIn)")
    expect(items[0]?.textContent).toContain("Clockwork answered 500")
    expect(items[1]?.textContent).toContain("robert-fox-demo (LinkedIn) · Synced, updated in Clockwork")
    await user.click(within(region).getByRole("button", { name: "Retry sync of jane-cooper-demo (LinkedIn)" }))
    expect(fake.sentOf("retry-sync-job")).toEqual([{ jobId: "dead-1" }])
  })
})
