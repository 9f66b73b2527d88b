import { describe, expect, it } from "vitest"
import { FirmPacer, PacerStopped, type PacerOptions } from "../../../server/sync/pacer"

/** A clock that only moves when someone sleeps on it; records every grant's time. */
function world(opts: Partial<PacerOptions> = {}) {
  let now = 0
  const sleeps: number[] = []
  const pacer = new FirmPacer({
    ratePerSecond: 10,
    burst: 2,
    maxInFlight: 1,
    circuitThreshold: 3,
    circuitBaseMs: 1000,
    circuitMaxMs: 8000,
    retryAfterMarginMs: 25,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
    },
    random: () => 0.5,
    ...opts,
  })
  return { pacer, sleeps, now: () => now, advance: (ms: number) => (now += ms) }
}

/** Acquires `n` slots one after another (releasing each with `status`), returning the grant times. */
async function grants(w: ReturnType<typeof world>, n: number, status = 200): Promise<number[]> {
  const at: number[] = []
  for (let i = 0; i < n; i++) {
    await w.pacer.acquire()
    at.push(w.now())
    w.pacer.release({ status })
  }
  return at
}

describe("FirmPacer", () => {
  it("lets a burst through at once, then paces at the rate", async () => {
    const w = world({ ratePerSecond: 10, burst: 2, maxInFlight: 5 })
    const at = await grants(w, 5)
    expect(at.slice(0, 2)).toEqual([0, 0])
    expect(at.slice(2)).toEqual([100, 200, 300])
  })

  it("holds every call until a Retry-After (plus margin) has passed", async () => {
    const w = world({ burst: 10 })
    await w.pacer.acquire()
    w.pacer.release({ status: 429, retryAfterMs: 2000 })
    expect(w.pacer.gateUntil).toBe(2025)
    await w.pacer.acquire()
    expect(w.now()).toBeGreaterThanOrEqual(2025)
  })

  it("holds for a second after a 429 without Retry-After", async () => {
    const w = world({ burst: 10 })
    await w.pacer.acquire()
    w.pacer.release({ status: 429 })
    await w.pacer.acquire()
    expect(w.now()).toBe(1000)
  })

  it("never has more requests in flight than allowed", async () => {
    const w = world({ burst: 100, ratePerSecond: 1000, maxInFlight: 1 })
    await w.pacer.acquire()
    let second = false
    const waiting = w.pacer.acquire().then(() => (second = true))
    await new Promise((resolve) => setImmediate(resolve))
    expect(second).toBe(false)
    w.pacer.release({ status: 200 })
    await waiting
    expect(second).toBe(true)
  })

  it("counts a firm as down after consecutive failures and spaces calls out, until one succeeds", async () => {
    const w = world({ burst: 100, ratePerSecond: 1000 })
    for (let i = 0; i < 3; i++) {
      await w.pacer.acquire()
      w.pacer.release({ failure: "network" })
    }
    expect(w.pacer.down).toBe(true)
    const held = w.pacer.gateUntil
    expect(held).toBeGreaterThanOrEqual(500)
    await w.pacer.acquire()
    expect(w.now()).toBeGreaterThanOrEqual(held)
    w.pacer.release({ status: 200 })
    expect(w.pacer.down).toBe(false)
  })

  it("does not count a 4xx answer as a failure", async () => {
    const w = world({ burst: 100, ratePerSecond: 1000 })
    for (let i = 0; i < 5; i++) {
      await w.pacer.acquire()
      w.pacer.release({ status: i % 2 ? 503 : 422 })
    }
    expect(w.pacer.down).toBe(false)
  })

  it("rejects waiting and later acquires once stopped", async () => {
    const w = world({ burst: 1, maxInFlight: 1 })
    await w.pacer.acquire()
    const waiting = w.pacer.acquire()
    w.pacer.stop()
    await expect(waiting).rejects.toBeInstanceOf(PacerStopped)
    await expect(w.pacer.acquire()).rejects.toBeInstanceOf(PacerStopped)
  })
})
