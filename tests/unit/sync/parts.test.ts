import { describe, expect, it } from "vitest"
import { ProfileCaptureSchema } from "@shared/index"
import { parseEnv, syncOptionsFromEnv } from "../../../server/env"
import { applyFieldEdits, mergeCapture } from "../../../server/sync/capture"
import { DEFAULT_SYNC_KNOBS, paced } from "../../../server/sync/engine"
import { classify, provablyNotApplied } from "../../../server/sync/errors"
import { KeyedLocks } from "../../../server/sync/keyed-locks"
import { escapeHtml, noteMarker, renderNote } from "../../../server/sync/note"
import { PacerStopped } from "../../../server/sync/pacer"
import { InvalidResponse, RateLimited, Rejected, Timeout, Unauthorized, Upstream } from "../../../server/clockwork/index"
import { IntegrationUnavailable } from "../../../server/services/clockwork-access"

const base = ProfileCaptureSchema.parse({
  personKey: "li:jane",
  source: "linkedin",
  name: "Jane Cooper",
  title: "Engineer",
  emails: ["jane@old.example"],
  phones: ["+1 415 555 0100"],
  positions: [{ title: "Engineer", company: "Initech" }],
})

describe("mergeCapture", () => {
  it("takes the newer values, unites emails and phones, and keeps history the newer capture lacks", () => {
    const incoming = ProfileCaptureSchema.parse({ personKey: "li:jane", source: "outreach", name: "Jane Cooper", title: "Staff Engineer", emails: ["jane@new.example", "JANE@old.example"] })
    const merged = mergeCapture(base, incoming)
    expect(merged).toMatchObject({ title: "Staff Engineer", source: "outreach", emails: ["jane@new.example", "JANE@old.example"], phones: ["+1 415 555 0100"] })
    expect(merged.positions).toEqual(base.positions)
  })

  it("uses the incoming capture when nothing is stored", () => {
    expect(mergeCapture(undefined, base)).toBe(base)
  })
})

describe("applyFieldEdits", () => {
  it("applies edited fields, putting an edited email or phone first", () => {
    const edited = applyFieldEdits(base, { title: "Principal", email: "jane@edit.example", "custom:cf-source": "Referral", company: "  " })
    expect(edited).toMatchObject({ title: "Principal", emails: ["jane@edit.example", "jane@old.example"], custom: { "custom:cf-source": "Referral" } })
    expect(edited.company).toBeUndefined()
  })

  it("keeps the old value of a field whose edit is not valid", () => {
    expect(applyFieldEdits(base, { website: "not a url", title: "Lead" })).toMatchObject({ title: "Lead", website: undefined })
  })
})

describe("notes", () => {
  it("escapes the body, keeps line breaks and ends with the event's marker", () => {
    const { content, subject } = renderNote({ typeId: null, channel: "email", subject: " Hi ", body: "<b>Bold</b> & 'quoted'\nline two\n\nsecond paragraph" }, "team_1", "evt-9")
    expect(content).toBe("<p>&lt;b&gt;Bold&lt;/b&gt; &amp; &#39;quoted&#39;<br>line two</p><p>second paragraph</p><!-- cogsync:team_1:evt-9 -->")
    expect(subject).toBe("Hi")
  })

  it("names the channel when the activity has no text", () => {
    expect(renderNote({ typeId: null, channel: "linkedin_message", body: "" }, "t", "e").content).toBe(`<p>LinkedIn message (no text)</p>${noteMarker("t", "e")}`)
  })

  it("escapes every HTML special character", () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
  })
})

describe("KeyedLocks", () => {
  it("runs holders of a shared key one at a time and others in parallel", async () => {
    const locks = new KeyedLocks()
    const order: string[] = []
    const task = (name: string, keys: string[], ms: number) =>
      locks.with(keys, async () => {
        order.push(`${name}:start`)
        await new Promise((resolve) => setTimeout(resolve, ms))
        order.push(`${name}:end`)
      })
    await Promise.all([task("a", ["li:x", "email:y"], 20), task("b", ["email:y"], 1), task("c", ["li:z"], 1)])
    expect(order.indexOf("b:start")).toBeGreaterThan(order.indexOf("a:end"))
    expect(order.indexOf("c:end")).toBeLessThan(order.indexOf("a:end"))
  })
})

describe("error classes", () => {
  it.each([
    [new Unauthorized("no"), "unauthorized"],
    [new RateLimited("slow", 3000), "rate_limited"],
    [new Rejected("bad", 422, "x"), "permanent"],
    [new Upstream("down", { status: 503 }), "transient"],
    [new Timeout("slow", true), "transient"],
    [new InvalidResponse("odd"), "transient"],
    [new IntegrationUnavailable("off"), "not_connected"],
    [new PacerStopped("stop"), "stopped"],
    [new TypeError("bug"), "internal"],
  ])("classifies %s as %s", (err, kind) => {
    expect(classify(err).kind).toBe(kind)
  })

  it("knows which failed writes never reached Clockwork", () => {
    expect(provablyNotApplied(new Rejected("bad", 422, ""))).toBe(true)
    expect(provablyNotApplied(new Upstream("refused", { code: "ECONNREFUSED" }))).toBe(true)
    expect(provablyNotApplied(new Upstream("reset", { code: "ECONNRESET", mayHaveBeenApplied: true }))).toBe(false)
    expect(provablyNotApplied(new Timeout("slow", true))).toBe(false)
    expect(provablyNotApplied(new InvalidResponse("2xx but odd", 201))).toBe(false)
  })
})

describe("pacing knobs", () => {
  it("paces a little below Clockwork's limit, with a burst one token short", () => {
    expect(paced({ ratePerSecond: 200, burst: 10, rateHeadroom: 0.05 })).toEqual({ ratePerSecond: 190, burst: 9 })
    expect(paced({ ratePerSecond: 5, burst: 1, rateHeadroom: 0.05 })).toEqual({ ratePerSecond: 4.75, burst: 1 })
    expect(paced({ ratePerSecond: 100, burst: 100, rateHeadroom: 0 }).burst).toBe(99)
  })

  it("reads the engine's knobs from the environment and leaves unset ones to the defaults", () => {
    const options = syncOptionsFromEnv(parseEnv({ CLOCKWORK_RATE_PER_SECOND: "12.5", SYNC_CONCURRENCY: "16", SYNC_WORKER: "false" }))
    expect(options).toMatchObject({ ratePerSecond: 12.5, concurrency: 16, worker: false, burst: undefined })
    expect(DEFAULT_SYNC_KNOBS).toMatchObject({ ratePerSecond: 5, burst: 10, maxInFlightPerFirm: 1, concurrency: 8 })
  })

  it("refuses a knob that is not a number, naming it", () => {
    expect(() => parseEnv({ CLOCKWORK_BURST: "lots" })).toThrow(/CLOCKWORK_BURST:/)
  })
})
