// Each fault kind and the rate limit, over real HTTP on loopback: what the client retries, what it
// never retries, and what the sandbox records (ledger, stats, Retry-After violations).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { DEMO_FIRM, InvalidResponse, RateLimited, Timeout, Upstream, createClockworkClient, createSandbox } from "../../../server/clockwork/index"
import { FakeClock, demoHeaders, startHarness, startStub, type Harness } from "./helpers"

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
beforeEach(() => {
  h.sandbox.reset("demo")
  h.attempts.length = 0
})
afterAll(async () => {
  await h.close()
})

const count = (method: string, path: string) => h.attempts.filter((a) => a.method === method && a.path === `/v3.0/demo${path}`).length

describe("injected errors", () => {
  it("retries a GET through injected 500s and then succeeds", async () => {
    h.sandbox.setFaults("demo", { error500: 1, maxFaults: 2 })
    expect(await h.client().listTags()).toHaveLength(4)
    expect(count("GET", "/tags")).toBe(3)
    expect(h.sandbox.stats("demo").faultsInjected.error500).toBe(2)
  })

  it("gives up after the retry budget with Upstream carrying the 503", async () => {
    h.sandbox.setFaults("demo", { error503: 1 })
    await expect(h.client({ retries: 2 }).listTags()).rejects.toMatchObject({ name: "Upstream", status: 503 })
    expect(count("GET", "/tags")).toBe(3)
  })

  it("never retries POST /people after a 500, and says the write may have happened", async () => {
    h.sandbox.setFaults("demo", { error500: 1, methods: ["POST"] })
    const err = await h.client().createPerson({ name: "Jane Cooper" }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Upstream)
    expect(err).toMatchObject({ status: 500, mayHaveBeenApplied: true })
    expect(count("POST", "/people")).toBe(1)
    expect(h.sandbox.ledger("demo")).toEqual([])
  })

  it("applies faults only to the scoped method and path prefix", async () => {
    h.sandbox.setFaults("demo", { error500: 1, methods: ["POST"], pathPrefix: "/people" })
    const c = h.client()
    await expect(c.getPerson("p-robert-fox")).resolves.toBeDefined()
    await expect(c.createTag("Scoped")).resolves.toMatchObject({ name: "Scoped" })
    await expect(c.addEmail("p-robert-fox", { address: "x@example.com" })).rejects.toBeInstanceOf(Upstream)
  })

  it("injects the same faults in the same order for the same seed", async () => {
    const run = async (seed: number) => {
      const sb = createSandbox({ seed })
      sb.seedDemoFirm()
      sb.setFaults("demo", { error500: 0.5 })
      const statuses: number[] = []
      for (let i = 0; i < 24; i++) statuses.push((await sb.app.request("/v3.0/demo/tags", { headers: demoHeaders() })).status)
      await sb.close()
      return statuses
    }
    const a = await run(7)
    expect(await run(7)).toEqual(a)
    expect(new Set(a)).toEqual(new Set([200, 500]))
    expect(await run(8)).not.toEqual(a)
  })
})

describe("connection faults", () => {
  it("retries a GET after a connection reset", async () => {
    h.sandbox.setFaults("demo", { reset: 1, maxFaults: 1 })
    expect((await h.client().getPerson("p-robert-fox"))?.name).toBe("Robert Fox")
    expect(count("GET", "/people/p-robert-fox")).toBe(2)
  })

  it("maps a reset on a create to Upstream without retrying it", async () => {
    h.sandbox.setFaults("demo", { reset: 1 })
    const err = await h.client().createPerson({ name: "Jane Cooper" }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Upstream)
    expect(err).toMatchObject({ mayHaveBeenApplied: true, code: expect.any(String) })
    expect(count("POST", "/people")).toBe(1)
    expect(h.sandbox.ledger("demo")).toEqual([])
  })

  it("turns a hang into Timeout", async () => {
    h.sandbox.setFaults("demo", { hang: 1 })
    await expect(h.client({ timeoutMs: 150, retries: 0 }).getPerson("p-robert-fox")).rejects.toBeInstanceOf(Timeout)
    expect(h.sandbox.stats("demo").faultsInjected.hang).toBe(1)
  })

  it("retries a GET that hung once", async () => {
    h.sandbox.setFaults("demo", { hang: 1, maxFaults: 1 })
    expect(await h.client({ timeoutMs: 150 }).listStatuses()).toHaveLength(23)
  })

  it("times out when added latency exceeds the timeout, and not when it does not", async () => {
    h.sandbox.setFaults("demo", { latencyMs: 300 })
    await expect(h.client({ timeoutMs: 50, retries: 0 }).listTags()).rejects.toBeInstanceOf(Timeout)
    await expect(h.client({ timeoutMs: 3_000, retries: 0 }).listTags()).resolves.toHaveLength(4)
  })

  it("commits then drops a create: the client sees Upstream, the ledger and the firm have the person", async () => {
    h.sandbox.setFaults("demo", { commitThenDrop: 1 })
    const c = h.client()
    await expect(c.createPerson({ name: "Dropped Response" })).rejects.toMatchObject({ name: "Upstream", mayHaveBeenApplied: true })
    expect(h.sandbox.ledger("demo").map((e) => e.kind)).toEqual(["person.create"])
    h.sandbox.setFaults("demo", null)
    expect((await c.searchPeople("Dropped Response")).total).toBe(1)
  })

  it("treats the 404 of a retried DELETE whose first attempt was committed and dropped as success", async () => {
    h.sandbox.setFaults("demo", { commitThenDrop: 1, maxFaults: 1 })
    await expect(h.client().removeTag("p-robert-fox", "tag-engineering")).resolves.toBeUndefined()
    expect(count("DELETE", "/people/p-robert-fox/tags/tag-engineering")).toBe(2)
    expect(h.sandbox.ledger("demo").map((e) => e.kind)).toEqual(["tag.remove"])
  })

  it("does not drop reads under commit-then-drop (there is nothing to commit)", async () => {
    h.sandbox.setFaults("demo", { commitThenDrop: 1 })
    await expect(h.client({ retries: 0 }).listTags()).resolves.toHaveLength(4)
  })

  it("answers 503 to everything during an outage and recovers when it ends", async () => {
    h.sandbox.setFaults("demo", { down: true })
    const c = h.client({ retries: 1 })
    expect(await c.verifyCredentials()).toMatchObject({ status: "unreachable" })
    await expect(c.listTags()).rejects.toMatchObject({ name: "Upstream", status: 503 })
    h.sandbox.setFaults("demo", null)
    expect(await c.verifyCredentials()).toEqual({ status: "valid" })
  })
})

describe("rate limits", () => {
  let clock: FakeClock
  let sandboxUrl: string
  let close: () => Promise<void>
  let sb: ReturnType<typeof createSandbox>
  beforeEach(async () => {
    clock = new FakeClock()
    sb = createSandbox({ seed: 1, now: clock.date })
    sb.seedDemoFirm()
    const l = await sb.listen(0)
    sandboxUrl = l.url
    close = () => sb.close()
  })
  afterEach(async () => {
    await close()
  })
  const client = (over = {}) => createClockworkClient({ baseUrl: sandboxUrl, credentials: DEMO_FIRM, backoffBaseMs: 1, backoffMaxMs: 2, now: clock.now, sleep: clock.sleep, ...over })

  it.each(["seconds", "http-date"] as const)("waits out a Retry-After given as %s and never calls early", async (form) => {
    sb.setRateLimit("demo", { ratePerSecond: 0.5, burst: 1, retryAfter: form })
    const c = client()
    for (let i = 0; i < 3; i++) expect(await c.listTags()).toHaveLength(4)
    const stats = sb.stats("demo")
    expect(stats.rateLimited).toBe(2)
    expect(stats.violations).toBe(0)
    expect(clock.slept.every((ms) => ms >= 2_000)).toBe(true)
  })

  it("announces Retry-After as an HTTP date when asked", async () => {
    sb.setRateLimit("demo", { ratePerSecond: 0.5, burst: 1, retryAfter: "http-date" })
    await fetch(`${sandboxUrl}/v3.0/demo/tags`, { headers: demoHeaders() })
    const res = await fetch(`${sandboxUrl}/v3.0/demo/tags`, { headers: demoHeaders() })
    expect(res.status).toBe(429)
    expect(res.headers.get("retry-after")).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
    expect(Date.parse(res.headers.get("retry-after")!)).toBeGreaterThan(clock.ms)
  })

  it("counts a client that comes back before Retry-After as a violation", async () => {
    sb.setRateLimit("demo", { ratePerSecond: 0.2, burst: 1 })
    for (let i = 0; i < 3; i++) await fetch(`${sandboxUrl}/v3.0/demo/tags`, { headers: demoHeaders() })
    expect(sb.stats("demo")).toMatchObject({ rateLimited: 2, violations: 1 })
  })

  it("retries a create refused with 429 (it was not applied) and creates exactly one person", async () => {
    sb.setRateLimit("demo", { ratePerSecond: 1, burst: 1 })
    const c = client()
    await c.listTags()
    const jane = await c.createPerson({ name: "Jane Cooper" })
    expect(sb.ledger("demo")).toEqual([expect.objectContaining({ kind: "person.create", resourceId: jane.id })])
    expect(sb.stats("demo")).toMatchObject({ rateLimited: 1, violations: 0 })
  })

  it("throws RateLimited with the wait when Retry-After is longer than the client will wait", async () => {
    sb.setRateLimit("demo", { ratePerSecond: 0.01, burst: 1 })
    const c = client({ maxRetryAfterMs: 10_000 })
    await c.listTags()
    const err = await c.listTags().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RateLimited)
    expect((err as RateLimited).retryAfterMs).toBe(100_000)
    expect(clock.slept).toEqual([])
  })
})

describe("Retry-After on real time", () => {
  it("sleeps through a one-second Retry-After and then succeeds", async () => {
    h.sandbox.setRateLimit("demo", { ratePerSecond: 20, burst: 1 })
    const c = h.client()
    await c.listTags()
    await expect(c.listTags()).resolves.toHaveLength(4)
    expect(h.sandbox.stats("demo")).toMatchObject({ rateLimited: 1, violations: 0 })
  })
})

describe("answers that are not the Clockwork API", () => {
  it("does not follow a redirect", async () => {
    const target = await startStub((_req, res) => res.end("{}"))
    const redirector = await startStub((_req, res) => {
      res.writeHead(302, { Location: `${target.url}/v3.0/demo/people` })
      res.end()
    })
    const c = createClockworkClient({ baseUrl: redirector.url, credentials: DEMO_FIRM, retries: 0 })
    await expect(c.listPeople()).rejects.toMatchObject({ name: "Upstream", status: 302 })
    expect(target.seen).toEqual([])
    await Promise.all([target.close(), redirector.close()])
  })

  it("throws InvalidResponse for a body that is not JSON or not the expected shape", async () => {
    let body = "<html>maintenance</html>"
    const stub = await startStub((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" })
      res.end(body)
    })
    const c = createClockworkClient({ baseUrl: stub.url, credentials: DEMO_FIRM, retries: 0 })
    await expect(c.listTags()).rejects.toBeInstanceOf(InvalidResponse)
    body = JSON.stringify({ tags: [{ id: "t1" }] })
    await expect(c.listTags()).rejects.toThrow(/tags\.0\.name/)
    await stub.close()
  })
})

describe("in-process sandbox", () => {
  it("emulates resets, hangs and dropped commits as failed fetches", async () => {
    const sb = createSandbox({ seed: 3 })
    sb.seedDemoFirm()
    const c = createClockworkClient({ baseUrl: "http://sandbox.local", credentials: DEMO_FIRM, fetch: (req) => sb.app.fetch(req), retries: 0, timeoutMs: 100 })
    expect(await c.verifyCredentials()).toEqual({ status: "valid" })
    sb.setFaults("demo", { reset: 1 })
    await expect(c.listTags()).rejects.toBeInstanceOf(Upstream)
    sb.setFaults("demo", { hang: 1 })
    await expect(c.listTags()).rejects.toBeInstanceOf(Timeout)
    sb.setFaults("demo", { commitThenDrop: 1 })
    await expect(c.createTag("In process")).rejects.toBeInstanceOf(Upstream)
    expect(sb.ledger("demo").map((e) => e.kind)).toEqual(["tag.create"])
    await sb.close()
  })
})
