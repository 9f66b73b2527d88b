// Section 3 — the server under concurrent load on loopback: requests per second and p50/p99
// latency of the decision preview (a realistic mix, and one person re-previewed so that every
// Clockwork look-up is cached), the settings read and event ingestion, each beside a bare Hono
// route served by the same process in the same run (see bench/server-entry.ts).
//
// Method: autocannon in this process, the server and the Clockwork sandbox each in their own
// process; 50 connections; each route is run `reps` times, interleaved with the others (bare,
// preview, settings, events, bare, …) so a noisy neighbour hurts all of them alike; every figure
// is the median over the repetitions. Throughput counts 2xx answers only.
import { randomBytes } from "node:crypto"
import autocannon, { type AutocannonRequest, type AutocannonResult } from "autocannon"
import type { Campaign, DecisionPreviewRequest, OutreachEventInput, ProfileCaptureInput } from "@shared/index"
import { DEMO_PROFILES, demoCapture, freshVariant } from "./fixtures"
import { median, round, sleep } from "./stats"
import { atLeast, atMost } from "./targets"
import type { BenchContext, Figure } from "./types"
import { startBenchWorld } from "./world"

export const CONNECTIONS = 50
/** Previews per profile view: the page's capture, then unsaved edits (the picker previews as you edit). */
const PREVIEWS_PER_VIEW = 4
/** One profile view in this many is of a person already in Clockwork. */
const EXISTING_EVERY = 4

interface RouteSpec {
  id: "bare" | "me" | "preview" | "preview_cached" | "settings" | "events"
  label: string
  requests: AutocannonRequest[]
}

interface Sample {
  rps: number
  p50: number
  p99: number
  bad: number
}

function summarize(r: AutocannonResult): Sample {
  return { rps: r["2xx"] / r.duration, p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors + r.timeouts }
}

/** The request mixes. Exported for the smoke test. */
export function routeSpecs(root: string, token: string, campaign: Campaign): RouteSpec[] {
  const auth = { authorization: `Bearer ${token}` }
  const json = { ...auth, "content-type": "application/json" }
  const run = randomBytes(4).toString("hex")
  const existing = DEMO_PROFILES.existing.map((slug) => demoCapture(root, slug))
  const fresh = demoCapture(root, DEMO_PROFILES.fresh)
  let views = 0
  let events = 0

  const nextPerson = (): ProfileCaptureInput => {
    const n = views++
    return n % EXISTING_EVERY === 0 ? existing[(n / EXISTING_EVERY) % existing.length]! : freshVariant(fresh, `${run}-${n}`)
  }
  const preview = (i: number): AutocannonRequest => ({
    method: "POST",
    path: "/decisions/preview",
    headers: json,
    setupRequest: (req, context) => {
      if (i === 0) context.capture = nextPerson()
      const capture = context.capture as ProfileCaptureInput
      const body: DecisionPreviewRequest =
        i === 0
          ? { capture, campaignId: campaign.id }
          : { capture, campaignId: campaign.id, override: { personKey: capture.personKey, campaignId: campaign.id, tags: { add: ["Leadership"], remove: [] }, fields: { title: `${capture.title ?? "Engineer"} (edit ${i})` } } }
      return { ...req, body: JSON.stringify(body) }
    },
  })
  // What an outreach tool knows of a contact: a name, a LinkedIn URL, an email.
  const oneEvent = (): OutreachEventInput => {
    const n = events++
    const slug = `bench-ev-${run}-${n % 1000}`
    const contact = { personKey: `li:${slug}`, source: "outreach" as const, name: `Event Contact ${n % 1000}`, linkedinUrl: `https://www.linkedin.com/in/${slug}`, emails: [`${slug}@example.com`] }
    return { id: `bench-${run}-${n}`, type: "added_to_campaign", personKey: contact.personKey, campaignId: campaign.id, occurredAt: new Date().toISOString(), contact }
  }
  const event = (): AutocannonRequest => ({ method: "POST", path: "/events", headers: json, setupRequest: (req) => ({ ...req, body: JSON.stringify(oneEvent()) }) })
  return [
    { id: "bare", label: "Bare Hono route (GET /_bench/bare)", requests: [{ method: "GET", path: "/_bench/bare" }] },
    { id: "me", label: "GET /me (token check and access log, nothing else)", requests: [{ method: "GET", path: "/me", headers: auth }] },
    { id: "preview", label: "POST /decisions/preview", requests: Array.from({ length: PREVIEWS_PER_VIEW }, (_, i) => preview(i)) },
    {
      id: "preview_cached",
      label: "POST /decisions/preview, every look-up cached (one person in Clockwork, re-previewed)",
      requests: [{ method: "POST", path: "/decisions/preview", headers: json, body: JSON.stringify({ capture: existing[0]!, campaignId: campaign.id } satisfies DecisionPreviewRequest) }],
    },
    { id: "settings", label: "GET /settings", requests: [{ method: "GET", path: "/settings", headers: auth }] },
    { id: "events", label: "POST /events (one event per request)", requests: [event()] },
  ]
}

export async function benchServer(ctx: BenchContext): Promise<Figure[]> {
  const seconds = ctx.smoke ? 1 : 4
  const reps = ctx.smoke ? 1 : 3
  const world = await startBenchWorld(ctx, "server-load")
  try {
    // The events land on a campaign whose trigger has not fired ("when they reply"), so the worker
    // finishes their jobs without calling Clockwork: the load measures ingestion, not the sandbox.
    await world.api("PATCH", "/settings", { adding: { addPersonWhen: "replied", onlyNotesToSyncedRecords: false }, defaults: { syncAs: "person", tags: ["Outreach"] } })
    const campaign = await world.api<Campaign>("POST", "/campaigns", { name: "Bench: VP Engineering", options: { tags: ["Engineering"] } })
    const specs = routeSpecs(ctx.root, world.token, campaign)
    const samples = new Map<RouteSpec["id"], Sample[]>()
    // Each run starts on an idle server: requests of the previous run still in flight are answered
    // (autocannon stops sending at the deadline, the server does not stop working), and the sync
    // worker has finished the jobs the event runs queued.
    const settle = async () => {
      for (let quick = 0, i = 0; quick < 3 && i < 600; i++) {
        const t0 = performance.now()
        // NOTE: a kept-alive connection the busy server closes late can reset under us: try again.
        const ok = await fetch(`${world.server.url}/_bench/bare`).then(
          (res) => res.text().then(() => true),
          () => false,
        )
        quick = ok && performance.now() - t0 < 20 ? quick + 1 : 0
        if (quick < 3) await sleep(100)
      }
      for (let i = 0; i < 1200; i++) {
        const status = await world.api<{ counts: Record<string, number> }>("GET", "/sync/status")
        if ((status.counts.pending ?? 0) + (status.counts.running ?? 0) === 0) return
        await sleep(100)
      }
    }
    const once = async (spec: RouteSpec, duration: number) => {
      const result = await autocannon({ url: world.server.url, connections: CONNECTIONS, duration, requests: spec.requests, timeout: 10 })
      const t0 = performance.now()
      await settle()
      if (spec.id.startsWith("events")) ctx.log(`  (the server took ${((performance.now() - t0) / 1000).toFixed(1)} s to go idle after ${spec.id})`)
      return result
    }

    // Warm-up: JIT, SQLite page cache, the Clockwork metadata cache.
    for (const spec of specs) await once(spec, ctx.smoke ? 0.5 : 1.5)
    for (let rep = 0; rep < reps; rep++) {
      for (const spec of specs) {
        const s = summarize(await once(spec, seconds))
        ctx.log(`  ${spec.id.padEnd(14)} rep ${rep + 1}/${reps}: ${round(s.rps, 0)} req/s, p50 ${s.p50} ms, p99 ${s.p99} ms${s.bad ? `, ${s.bad} failed` : ""}`)
        samples.set(spec.id, [...(samples.get(spec.id) ?? []), s])
      }
    }
    const med = (id: RouteSpec["id"], k: keyof Sample) => median(samples.get(id)!.map((s) => s[k]))
    const bare = { rps: med("bare", "rps"), p50: med("bare", "p50"), p99: med("bare", "p99") }
    const me = med("me", "rps")
    const cached = { rps: med("preview_cached", "rps"), p99: med("preview_cached", "p99") }
    const conditions = `${CONNECTIONS} connections, ${seconds} s × ${reps}, median; 2xx only`
    const figures: Figure[] = [{ id: "server.bare.rps", label: "Bare Hono route: throughput (the reference)", value: bare.rps, unit: "req/s", note: `${conditions}; p50 ${bare.p50} ms, p99 ${bare.p99} ms` }]
    for (const spec of specs.filter((s) => s.id !== "bare")) {
      const rps = med(spec.id, "rps")
      const p50 = med(spec.id, "p50")
      const p99 = med(spec.id, "p99")
      const failed = samples.get(spec.id)!.reduce((n, s) => n + s.bad, 0)
      const isPreview = spec.id === "preview"
      figures.push({
        id: `server.${spec.id}.rps`,
        label: `${spec.label}: throughput`,
        value: rps,
        unit: "req/s",
        reference: bare.rps,
        referenceLabel: "bare Hono route, same process",
        ratio: rps / bare.rps,
        ...(isPreview
          ? {
              target: atLeast((rps / bare.rps) * 100, 50, "% of bare"),
              blocker: `every authenticated request pays a floor the bare route does not: GET /me, which only checks the token and writes the access log, reaches ${round((me / bare.rps) * 100, 1)} % of the bare route (${round(me, 0)} req/s). The preview's own work comes on top: even with every Clockwork look-up answered from the cache it reaches ${round((cached.rps / bare.rps) * 100, 1)} % (${round(cached.rps, 0)} req/s), as it validates the capture (zod), reads token, settings, campaign, override, stored identifiers and integration (six SQLite reads), runs the resolver and writes a larger answer (profiled: SQLite about 20 % of its CPU, zod 16 %); in the mix, the first view of a new person also waits for two Clockwork searches`,
              note: `${conditions}. Each connection plays profile views: the capture, then ${PREVIEWS_PER_VIEW - 1} unsaved edits of it (the picker previews as you edit); 1 view in ${EXISTING_EVERY} is of someone already in Clockwork, the others are new people. Against GET /me (the cheapest authenticated route): ${round((rps / me) * 100, 1)} %`,
            }
          : { note: `${conditions}${failed ? `; ${failed} non-2xx/errors` : ""}` }),
      })
      if (spec.id === "me") continue
      figures.push(
        { id: `server.${spec.id}.p50`, label: `${spec.label}: p50 latency`, value: p50, unit: "ms", reference: bare.p50, referenceLabel: "bare route p50" },
        {
          id: `server.${spec.id}.p99`,
          label: `${spec.label}: p99 latency`,
          value: p99,
          unit: "ms",
          reference: bare.p99,
          referenceLabel: "bare route p99",
          ...(isPreview
            ? {
                target: atMost(p99, 20, "ms"),
                blocker: `with every look-up cached the p99 is ${round(cached.p99, 0)} ms at ${CONNECTIONS} connections on 2 cores shared with the load generator; in this mix about ${round(((EXISTING_EVERY - 1) / EXISTING_EVERY / PREVIEWS_PER_VIEW) * 100, 0)} % of previews are the first view of someone new, which needs two Clockwork searches (by LinkedIn slug, then by email) that the cache cannot answer; under this load on 2 cores shared with the sandbox and the load generator they take far longer than 20 ms, and against the real Clockwork each is a round trip over the internet. A p99 of 20 ms can hold only when fewer than 1 preview in 100 needs Clockwork`,
              }
            : {}),
        },
      )
    }
    return figures
  } finally {
    await world.stop()
  }
}
