// The reference for the server's cold start and resting memory: Node + @hono/node-server serving
// one Hono route, bundled and started exactly like the server (scripts/build-server.mjs, then plain
// `node`), with nothing of Cogsync loaded. Prints `{"url": …}` on stdout when it listens.
import type { AddressInfo } from "node:net"
import { serve } from "@hono/node-server"
import { Hono } from "hono"

const app = new Hono().get("/health", (c) => c.json({ ok: true }))
const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`)
})
process.once("SIGTERM", () => server.close(() => process.exit(0)))
