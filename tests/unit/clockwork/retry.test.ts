import { describe, expect, it } from "vitest"
import { backoffDelay, isRetryableStatus, parseRetryAfter } from "../../../server/clockwork/retry"

const NOW = Date.parse("2026-12-04T12:00:00.000Z")

describe("parseRetryAfter", () => {
  it.each([
    ["120", 120_000],
    [" 3 ", 3_000],
    ["0", 0],
    ["Fri, 04 Dec 2026 12:00:30 GMT", 30_000],
    ["Fri, 04 Dec 2026 11:59:00 GMT", 0],
  ])("reads %j as %i ms", (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms)
  })

  it.each([null, undefined, "", "soon", "-5", "1.5", "2026-12-04T12:00:30Z", "Fri, 04 Dec 2026 12:00:30"])("gives undefined for %j", (header) => {
    expect(parseRetryAfter(header, NOW)).toBeUndefined()
  })
})

describe("backoffDelay (full jitter)", () => {
  const opts = { baseMs: 100, maxMs: 1_000 }

  it("draws uniformly below base·2^attempt", () => {
    expect(backoffDelay(0, opts, () => 0)).toBe(0)
    expect(backoffDelay(0, opts, () => 0.999)).toBe(99)
    expect(backoffDelay(2, opts, () => 0.5)).toBe(200)
  })

  it("never exceeds the cap however many attempts", () => {
    for (let attempt = 0; attempt < 40; attempt++) expect(backoffDelay(attempt, opts, () => 0.9999)).toBeLessThan(1_000)
    expect(backoffDelay(10, opts, () => 0.5)).toBe(500)
  })
})

describe("isRetryableStatus", () => {
  it.each([
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [501, false],
    [400, false],
    [401, false],
    [404, false],
    [422, false],
  ])("%i → %s", (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected)
  })
})
