// The Cogsync server as the bench runs it, in its own process: the real `startServer`, configured
// from the environment exactly like `server/index.ts`, plus a second loopback listener in the same
// process whose front Hono app answers `GET /_bench/bare` itself and hands every other request to
// the Cogsync app. All of the bench's load goes through that listener, so the bare route (the
// reference: what Node, @hono/node-server and Hono alone manage on this machine) and the real
// routes share the process, the event loop and the HTTP stack. The bare route is never part of
// the production app or its route table.
// Prints one line `{"benchUrl": "http://127.0.0.1:<port>"}` on stdout when ready; logs go to stderr.
import type { AddressInfo } from "node:net"
import { serve } from "@hono/node-server"
import { Hono } from "hono"
import pino from "pino"
import { loadEnv, serverOptionsFromEnv } from "../server/env"
import { startServer } from "../server/start-server"

const env = loadEnv()
const server = await startServer({
  ...serverOptionsFromEnv(env),
  // As in production (asynchronous pino to a file descriptor), but on stderr: stdout is the ready line.
  logDestination: pino.destination({ dest: 2, sync: false }),
})

const front = new Hono()
front.get("/_bench/bare", (c) => c.json({ ok: true }))
front.all("*", (c) => server.app.fetch(c.req.raw, c.env))

const listener = serve({ fetch: front.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) => {
  process.stdout.write(`${JSON.stringify({ benchUrl: `http://127.0.0.1:${info.port}`, url: server.url })}\n`)
})

let stopping = false
function stop(): void {
  if (stopping) return
  stopping = true
  listener.close()
  if ("closeAllConnections" in listener) listener.closeAllConnections()
  void server.close().finally(() => process.exit(0))
}
process.once("SIGTERM", stop)
process.once("SIGINT", stop)
