import { describe, expect, it } from "vitest"
import { FaultsSchema, FirmFaults, TokenBucket, mulberry32, retryAfterHeader } from "../../../server/clockwork/sandbox/faults"

const T0 = Date.parse("2026-12-04T12:00:00.000Z")

describe("mulberry32", () => {
  it("repeats its sequence for a seed and differs between seeds", () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const c = mulberry32(43)
    const seqA = Array.from({ length: 50 }, a)
    expect(Array.from({ length: 50 }, b)).toEqual(seqA)
    expect(Array.from({ length: 50 }, c)).not.toEqual(seqA)
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true)
  })

  it("spreads its draws over [0, 1)", () => {
    const r = mulberry32(1)
    const buckets = [0, 0, 0, 0]
    for (let i = 0; i < 4_000; i++) buckets[Math.floor(r() * 4)]!++
    for (const n of buckets) expect(n).toBeGreaterThan(850)
  })
})

describe("TokenBucket", () => {
  it("allows a burst, then refills at the rate", () => {
    const bucket = new TokenBucket({ ratePerSecond: 2, burst: 3, retryAfter: "seconds" }, T0)
    expect([bucket.take(T0), bucket.take(T0), bucket.take(T0)]).toEqual([0, 0, 0])
    expect(bucket.take(T0)).toBe(500)
    expect(bucket.take(T0 + 499)).toBe(2)
    expect(bucket.take(T0 + 500)).toBe(0)
    expect(bucket.take(T0 + 10_000)).toBe(0)
  })
})

describe("retryAfterHeader", () => {
  it("rounds a wait up to whole seconds, at least one", () => {
    expect(retryAfterHeader(1, T0, "seconds")).toEqual({ value: "1", untilMs: T0 + 1_000 })
    expect(retryAfterHeader(2_001, T0, "seconds")).toEqual({ value: "3", untilMs: T0 + 3_000 })
  })

  it("gives an HTTP date no earlier than the wait, on a whole second", () => {
    const h = retryAfterHeader(1_500, T0 + 250, "http-date")
    expect(h.value).toBe("Fri, 04 Dec 2026 12:00:02 GMT")
    expect(h.untilMs).toBe(Date.parse(h.value))
    expect(h.untilMs).toBeGreaterThanOrEqual(T0 + 250 + 1_500)
  })
})

describe("FirmFaults", () => {
  it("counts a request that comes before the announced Retry-After as a violation, and one after it as none", () => {
    const f = new FirmFaults(1)
    f.setRateLimit({ ratePerSecond: 1, burst: 1 })
    expect(f.decide("key", "GET", "/tags", T0, false).type).toBe("proceed")
    const limited = f.decide("key", "GET", "/tags", T0, false)
    expect(limited).toEqual({ type: "rateLimited", retryAfter: "1" })
    f.decide("key", "GET", "/tags", T0 + 999, false)
    expect(f.stats.violations).toBe(1)
    f.decide("other-key", "GET", "/tags", T0 + 999, false)
    expect(f.stats.violations).toBe(1)
    expect(f.decide("key", "GET", "/tags", T0 + 3_000, false).type).toBe("proceed")
    expect(f.stats).toMatchObject({ requests: 5, rateLimited: 2, violations: 1 })
  })

  it("stops injecting after maxFaults", () => {
    const f = new FirmFaults(1)
    f.set({ error500: 1, maxFaults: 2 })
    const faults = Array.from({ length: 4 }, () => (f.decide("k", "GET", "/people", T0, false) as { fault: string | null }).fault)
    expect(faults).toEqual(["error500", "error500", null, null])
  })

  it("only applies commit-then-drop to writes", () => {
    const f = new FirmFaults(1)
    f.set({ commitThenDrop: 1 })
    expect(f.decide("k", "GET", "/people", T0, false)).toMatchObject({ fault: null })
    expect(f.decide("k", "POST", "/people", T0, true)).toMatchObject({ fault: "commitThenDrop" })
  })

  it("scopes faults and latency by method and path prefix", () => {
    const f = new FirmFaults(1)
    f.set({ error503: 1, latencyMs: 50, methods: ["POST"], pathPrefix: "/people" })
    expect(f.decide("k", "GET", "/people", T0, false)).toEqual({ type: "proceed", latencyMs: 0, fault: null })
    expect(f.decide("k", "POST", "/tags", T0, true)).toEqual({ type: "proceed", latencyMs: 0, fault: null })
    expect(f.decide("k", "POST", "/people/p1/tags", T0, true)).toEqual({ type: "proceed", latencyMs: 50, fault: "error503" })
  })

  it("reproduces the same fault sequence after being set again with the same seed", () => {
    const f = new FirmFaults(1)
    const run = () => {
      f.set({ seed: 9, error500: 0.3, reset: 0.3 })
      return Array.from({ length: 30 }, () => (f.decide("k", "GET", "/x", T0, false) as { fault: string | null }).fault)
    }
    expect(run()).toEqual(run())
  })

  it("answers down for everything during an outage", () => {
    const f = new FirmFaults(1)
    f.set({ down: true })
    expect(f.outage()).toBe(true)
    expect(f.stats.faultsInjected.down).toBe(1)
  })
})

describe("FaultsSchema", () => {
  it("refuses probabilities above 1 in total or outside [0, 1]", () => {
    expect(FaultsSchema.safeParse({ error500: 0.6, hang: 0.6 }).success).toBe(false)
    expect(FaultsSchema.safeParse({ reset: 1.5 }).success).toBe(false)
    expect(FaultsSchema.safeParse({ error500: 0.5, hang: 0.5 }).success).toBe(true)
  })
})
