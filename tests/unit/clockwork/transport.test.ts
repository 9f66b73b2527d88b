// The client's retry policy with a scripted fetch: what is retried, how long it waits, what is not.
import { describe, expect, it } from "vitest"
import { RateLimited, Rejected, Upstream, createClockworkClient, type ClockworkClientOptions } from "../../../server/clockwork/index"

const NOW = Date.parse("2026-12-04T12:00:00.000Z")
const TAGS = JSON.stringify({ tags: [{ id: "t1", name: "Outreach" }] })
const PERSON = JSON.stringify({ person: { id: "p1", name: "Jane Cooper" } })

type Step = Response | Error

/** A client whose fetch answers with the scripted steps in order. */
function scripted(steps: Step[], over: Partial<ClockworkClientOptions> = {}) {
  const calls: string[] = []
  const slept: number[] = []
  const client = createClockworkClient({
    baseUrl: "https://api.clockworkrecruiting.com",
    credentials: { firm: "demo", apiKey: "cwk_key_123456", apiSecret: "cws_secret_123456", serviceKey: "cwf_service_123456" },
    backoffBaseMs: 100,
    backoffMaxMs: 1_000,
    random: () => 0.5,
    now: () => NOW,
    sleep: async (ms) => {
      slept.push(ms)
    },
    fetch: async (req) => {
      calls.push(`${req.method} ${new URL(req.url).pathname}`)
      const step = steps.shift()
      if (!step) throw new Error("no more scripted answers")
      if (step instanceof Error) throw step
      return step
    },
    ...over,
  })
  return { client, calls, slept }
}

const json = (status: number, body = "{}", headers: Record<string, string> = {}) => new Response(status === 204 ? null : body, { status, headers: { "Content-Type": "application/json", ...headers } })
const netError = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(code), { code }) })

describe("retries of safe calls", () => {
  it("waits exactly the Retry-After seconds (plus a small margin) before retrying", async () => {
    const { client, slept } = scripted([json(429, "{}", { "Retry-After": "2" }), json(200, TAGS)])
    expect(await client.listTags()).toEqual([{ id: "t1", name: "Outreach" }])
    expect(slept).toEqual([2_025])
  })

  it("waits until the Retry-After HTTP date", async () => {
    const { client, slept } = scripted([json(429, "{}", { "Retry-After": "Fri, 04 Dec 2026 12:00:03 GMT" }), json(200, TAGS)])
    await client.listTags()
    expect(slept).toEqual([3_025])
  })

  it("backs off with full jitter, doubling the cap each attempt", async () => {
    const { client, slept, calls } = scripted([json(503), json(502), netError("ECONNRESET"), json(200, TAGS)])
    await client.listTags()
    expect(slept).toEqual([50, 100, 200])
    expect(calls).toHaveLength(4)
  })

  it("gives up after the retry budget with the last error", async () => {
    const { client, calls } = scripted([json(500), json(500), json(500)], { retries: 2 })
    await expect(client.listTags()).rejects.toMatchObject({ name: "Upstream", status: 500 })
    expect(calls).toHaveLength(3)
  })

  it("retries an update (PATCH is idempotent)", async () => {
    const { client, calls } = scripted([json(503), json(200, PERSON)])
    await client.updatePerson("p1", { biography: "x" })
    expect(calls).toEqual(["PATCH /v3.0/demo/people/p1", "PATCH /v3.0/demo/people/p1"])
  })

  it("does not retry 4xx answers", async () => {
    const { client, calls } = scripted([json(422, JSON.stringify({ message: "person.name: is required", errors: [{ field: "person.name", message: "is required" }] }))])
    const err = await client.updatePerson("p1", { biography: "x" }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Rejected)
    expect((err as Rejected).details).toBe("person.name: is required")
    expect(calls).toHaveLength(1)
  })
})

describe("creates", () => {
  it("are not retried after a 5xx, a reset or a timeout-prone failure", async () => {
    for (const failure of [json(500), json(503), netError("ECONNRESET"), netError("UND_ERR_SOCKET")]) {
      const { client, calls } = scripted([failure, json(201, PERSON)])
      await expect(client.createPerson({ name: "Jane Cooper" })).rejects.toBeInstanceOf(Upstream)
      expect(calls).toEqual(["POST /v3.0/demo/people"])
    }
  })

  it("are retried after a 429 (refused before it was applied) and after a refused connection", async () => {
    const { client, calls } = scripted([json(429, "{}", { "Retry-After": "1" }), netError("ECONNREFUSED"), json(201, PERSON)])
    expect((await client.createPerson({ name: "Jane Cooper" })).id).toBe("p1")
    expect(calls).toHaveLength(3)
  })

  it("send the documented body", async () => {
    let body = ""
    const { client } = scripted([], {
      fetch: async (req) => {
        body = await req.text()
        return json(201, PERSON)
      },
    })
    await client.createPerson({ name: "Jane Cooper", tagIds: ["t1"], tagNames: ["New"] })
    expect(JSON.parse(body)).toEqual({ person: { name: "Jane Cooper", tag_ids: ["t1"], tag_names: ["New"] } })
  })
})

describe("limits", () => {
  it("throws RateLimited rather than wait longer than maxRetryAfterMs", async () => {
    const { client, slept } = scripted([json(429, "{}", { "Retry-After": "600" })], { maxRetryAfterMs: 60_000 })
    const err = await client.listTags().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RateLimited)
    expect((err as RateLimited).retryAfterMs).toBe(600_000)
    expect(slept).toEqual([])
  })

  it("treats a redirect as an error and does not follow it", async () => {
    const { client, calls } = scripted([new Response(null, { status: 301, headers: { Location: "https://evil.example/" } })])
    await expect(client.listTags()).rejects.toMatchObject({ name: "Upstream", status: 301 })
    expect(calls).toHaveLength(1)
  })

  it("calls beforeRequest before every attempt with the method and path", async () => {
    const seen: string[] = []
    const { client } = scripted([json(503), json(200, TAGS)], { beforeRequest: ({ method, path }) => void seen.push(`${method} ${path}`) })
    await client.listTags()
    expect(seen).toEqual(["GET /v3.0/demo/tags", "GET /v3.0/demo/tags"])
  })

  it("keeps the query string (which can hold an email) out of error messages", async () => {
    const { client } = scripted([json(400, "{}")])
    const err = await client.searchPeople("jane.cooper@example.com").catch((e: unknown) => e)
    expect((err as Error).message).toContain("GET /v3.0/demo/people_search")
    expect((err as Error).message).not.toContain("jane.cooper")
  })

  it("accepts a single record bare as well as in its envelope", async () => {
    const { client } = scripted([json(201, JSON.stringify({ id: "p9", name: "Bare" })), json(200, PERSON)])
    expect((await client.createPerson({ name: "Bare" })).id).toBe("p9")
    expect((await client.getPerson("p1"))?.emails).toEqual([])
  })
})
