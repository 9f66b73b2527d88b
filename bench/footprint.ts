// Section 5 — the server's footprint: cold start to the first 200 on /health, and resident memory
// (VmRSS of /proc/<pid>/status) at rest and under load. The extension's memory is measured by the
// browser section (bench/picker.ts) and reported here too.
//
// Cold start: `node build/server/index.mjs`, the bundle `npm run server` builds and starts (plain
// Node, no tsx), on a fresh temporary database, from spawn to the first 200 of GET /health; median
// of runs. The reference is a one-route Hono server (bench/floor-server.ts), bundled and started
// the same way.
import { randomBytes } from "node:crypto"
import { mkdirSync } from "node:fs"
import path from "node:path"
import { pathToFileURL } from "node:url"
import autocannon from "autocannon"
import type { Campaign } from "@shared/index"
import { rssBytes, spawnNode } from "./processes"
import { CONNECTIONS, routeSpecs } from "./server-load"
import { median, sleep } from "./stats"
import { atMost } from "./targets"
import type { BenchContext, Figure } from "./types"
import { startBenchWorld } from "./world"

const MB = 1024 * 1024

interface Started {
  /** Spawn → first 200 on /health, ms. */
  coldStartMs: number
  /** VmRSS 2 s after that (1 s in a smoke run), bytes. */
  restRss: number
}

/** Starts `script`, times spawn → first 200 on GET /health, waits, reads its RSS, stops it. */
async function coldStart(ctx: BenchContext, script: string, env: Record<string, string>, readyWhen: (line: string) => string | undefined, logFile: string): Promise<Started> {
  const child = await spawnNode(script, [], { root: ctx.root, env, logFile, readyWhen })
  try {
    for (;;) {
      const res = await fetch(`${child.ready}/health`).catch(() => undefined)
      if (res?.status === 200) {
        await res.text()
        break
      }
      await sleep(2)
    }
    const coldStartMs = performance.now() - child.startedAt
    await sleep(ctx.smoke ? 1000 : 2000)
    return { coldStartMs, restRss: rssBytes(child.pid) }
  } finally {
    await child.stop()
  }
}

export async function benchFootprint(ctx: BenchContext): Promise<Figure[]> {
  const runs = ctx.smoke ? 2 : 5
  const dir = path.join(ctx.tmpDir, "footprint")
  mkdirSync(dir, { recursive: true })
  const { buildServer } = (await import(pathToFileURL(path.join(ctx.root, "scripts/build-server.mjs")).href)) as {
    buildServer(entry?: string, outfile?: string): Promise<string>
  }
  const serverBundle = await buildServer()
  const floorBundle = await buildServer("bench/floor-server.ts", path.join(ctx.root, "build/bench/floor-server.mjs"))
  const server: Started[] = []
  const floor: Started[] = []
  for (let i = 0; i < runs; i++) {
    const dbDir = path.join(dir, `cold-${i}`)
    server.push(
      await coldStart(
        ctx,
        serverBundle,
        {
          HOST: "127.0.0.1",
          PORT: "0",
          DATABASE_PATH: path.join(dbDir, "cogsync.db"),
          COGSYNC_SECRET_KEY: randomBytes(32).toString("base64"),
          CLOCKWORK_API_URL: "http://127.0.0.1:9",
          LOG_LEVEL: "info",
        },
        (line) => {
          try {
            const entry = JSON.parse(line) as { msg?: string; url?: string }
            return entry.msg === "cogsync server listening" ? entry.url : undefined
          } catch {
            return undefined
          }
        },
        path.join(dir, "server.log"),
      ),
    )
    floor.push(
      await coldStart(
        ctx,
        floorBundle,
        {},
        (line) => {
          try {
            return (JSON.parse(line) as { url?: string }).url
          } catch {
            return undefined
          }
        },
        path.join(dir, "floor.log"),
      ),
    )
  }
  ctx.log(`  cold start: server ${server.map((s) => Math.round(s.coldStartMs)).join(", ")} ms; floor ${floor.map((s) => Math.round(s.coldStartMs)).join(", ")} ms`)
  const cold = median(server.map((s) => s.coldStartMs))
  const coldFloor = median(floor.map((s) => s.coldStartMs))
  const rest = median(server.map((s) => s.restRss)) / MB
  const restFloor = median(floor.map((s) => s.restRss)) / MB

  // Under load: the decision preview mix of the server section, RSS sampled every 100 ms.
  const world = await startBenchWorld(ctx, "footprint-load")
  let restActive: number
  let peak = 0
  const samples: number[] = []
  try {
    await world.api("PATCH", "/settings", { adding: { addPersonWhen: "replied", onlyNotesToSyncedRecords: false } })
    const campaign = await world.api<Campaign>("POST", "/campaigns", { name: "Bench: footprint", options: { tags: [] } })
    await sleep(2000)
    restActive = rssBytes(world.server.pid) / MB
    const preview = routeSpecs(ctx.root, world.token, campaign).find((s) => s.id === "preview")!
    const sampler = setInterval(() => {
      const rss = rssBytes(world.server.pid) / MB
      samples.push(rss)
      peak = Math.max(peak, rss)
    }, 100)
    try {
      await autocannon({ url: world.server.url, connections: CONNECTIONS, duration: ctx.smoke ? 1 : 8, requests: preview.requests })
    } finally {
      clearInterval(sampler)
    }
  } finally {
    await world.stop()
  }

  return [
    {
      id: "footprint.cold_start",
      label: "Server cold start: spawn → first 200 on /health",
      value: cold,
      unit: "ms",
      reference: coldFloor,
      referenceLabel: "one-route Hono server, bundled and started the same way",
      ratio: cold / coldFloor,
      target: atMost(cold, 500, "ms"),
      blocker:
        "most of the start is Node loading the server's packages (drizzle-orm, hono, pino, better-sqlite3, zod, ky) and opening and migrating the database; the server's own code is one bundled module",
      note: `node build/server/index.mjs (npm run server), fresh database (migrations applied); median of ${runs}`,
    },
    {
      id: "footprint.server_rss_rest",
      label: "Server RSS at rest (fresh start, 2 s idle)",
      value: rest,
      unit: "MB",
      reference: restFloor,
      referenceLabel: "one-route Hono server",
      ratio: rest / restFloor,
    },
    {
      id: "footprint.server_rss_load",
      label: `Server RSS under load (peak, decision preview at ${CONNECTIONS} connections)`,
      value: peak,
      unit: "MB",
      reference: restActive,
      referenceLabel: "same process at rest just before, integration active",
      ratio: peak / restActive,
      note: `median during the load ${median(samples).toFixed(0)} MB`,
    },
  ]
}
