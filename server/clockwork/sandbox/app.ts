import { createHash, timingSafeEqual } from "node:crypto"
import type { Socket } from "node:net"
import { Hono, type Context } from "hono"
import { FIRM_RE } from "../firm"
import { ApiError, SandboxConnectionError } from "./api-error"
import { apiRoutes } from "./api"
import { controlRoutes } from "./control"
import type { FirmState } from "./state"
import type { SandboxStore } from "./store"
import type { SandboxEnv } from "./types"

/** Constant-time string comparison (via SHA-256 digests, so lengths do not leak either). */
function same(a: string, b: string): boolean {
  const h = (s: string) => createHash("sha256").update(s).digest()
  return timingSafeEqual(h(a), h(b))
}

/**
 * Checks `Authorization: Token|Bearer base64(key:secret)` (scheme case-insensitive) and
 * `X-API-Key: <firm service key>` against the firm. Returns the API key (the rate-limit client) or
 * throws 401. NOTE: the real API's answer to bad credentials is unknown; 401 is assumed.
 */
function authenticate(c: Context<SandboxEnv>, firm: FirmState): string {
  const auth = /^(?:token|bearer)\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(c.req.header("authorization") ?? "")
  const serviceKey = c.req.header("x-api-key")
  if (!auth || !serviceKey) throw new ApiError(401, "Authentication required: send Authorization: Token base64(key:secret) and X-API-Key")
  const decoded = Buffer.from(auth[1]!, "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  const key = colon < 0 ? decoded : decoded.slice(0, colon)
  const secret = colon < 0 ? "" : decoded.slice(colon + 1)
  let pairOk = false
  for (const pair of firm.credentials.apiKeys) if (same(pair.apiKey, key) && same(pair.apiSecret, secret)) pairOk = true
  const serviceOk = same(firm.credentials.serviceKey, serviceKey)
  if (!pairOk || !serviceOk) throw new ApiError(401, "Invalid credentials")
  return key
}

/** Resolves when the socket has closed. */
function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => (socket.destroyed ? resolve() : socket.once("close", () => resolve())))
}

/** Resets the connection (TCP RST where the platform allows) and waits for it to close. */
async function drop(socket: Socket): Promise<Response> {
  if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy()
  else socket.destroy()
  await closed(socket)
  return new Response(null, { status: 204 })
}

// NOTE: in-process (`app.request`) there is no socket; a hang waits for the caller to abort (or
// this long) and then throws, so a test without a timeout cannot hang forever.
const IN_PROCESS_HANG_MS = 30_000

/** Waits for the request's abort signal (or IN_PROCESS_HANG_MS) and then throws. */
async function hangInProcess(signal: AbortSignal): Promise<never> {
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, IN_PROCESS_HANG_MS)
    signal.addEventListener("abort", () => {
      clearTimeout(t)
      resolve()
    })
  })
  throw new SandboxConnectionError("hang")
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Builds the sandbox's Hono app: `/v3.0/:firm/…` (the Clockwork API) and `/_sandbox/…` (control). */
export function createSandboxApp(store: SandboxStore) {
  const app = new Hono<SandboxEnv>()

  app.use("/v3.0/:firm/*", async (c, next) => {
    const firmName = c.req.param("firm")
    const firm = FIRM_RE.test(firmName) ? store.firm(firmName) : undefined
    if (!firm) {
      // Missing credentials are a 401 whatever the firm; with credentials, an unknown firm is a 404.
      if (!c.req.header("authorization") || !c.req.header("x-api-key")) throw new ApiError(401, "Authentication required")
      throw new ApiError(404, "Unknown firm")
    }
    const faults = store.faultsOf(firm.firm)
    if (faults.outage()) return c.json({ message: "Service Unavailable" }, 503)
    let client: string
    try {
      client = authenticate(c, firm)
    } catch (err) {
      faults.countRefused()
      throw err
    }
    const path = c.req.path.slice(`/v3.0/${firm.firm}`.length)
    const write = c.req.method !== "GET" && c.req.method !== "HEAD"
    const verdict = faults.decide(client, c.req.method, path, store.now().getTime(), write)
    if (verdict.type === "down") return c.json({ message: "Service Unavailable" }, 503)
    if (verdict.type === "rateLimited") {
      c.header("Retry-After", verdict.retryAfter)
      return c.json({ message: "Rate limit exceeded" }, 429)
    }
    if (verdict.latencyMs > 0) await sleep(verdict.latencyMs)
    const socket = c.env?.incoming?.socket
    switch (verdict.fault) {
      case "error500":
        return c.json({ message: "Internal Server Error" }, 500)
      case "error503":
        return c.json({ message: "Service Unavailable" }, 503)
      case "reset":
        if (socket) return drop(socket)
        throw new SandboxConnectionError("reset")
      case "hang":
        if (socket) {
          await closed(socket)
          return new Response(null, { status: 204 })
        }
        return hangInProcess(c.req.raw.signal)
      default:
        break
    }
    c.set("firmState", firm)
    await next()
    if (verdict.fault === "commitThenDrop" && c.res.status < 300) {
      if (socket) return drop(socket)
      throw new SandboxConnectionError("commitThenDrop")
    }
  })

  app.route("/v3.0/:firm", apiRoutes(store))
  app.route("/_sandbox", controlRoutes(store))

  app.notFound((c) => c.json({ message: "Not found" }, 404))
  app.onError((err, c) => {
    if (err instanceof SandboxConnectionError) throw err
    if (err instanceof ApiError) return c.json(err.toJSON(), err.status)
    console.error("clockwork sandbox: unexpected error", err instanceof Error ? err.stack : err)
    return c.json({ message: "Internal Server Error" }, 500)
  })
  return app
}

export type SandboxApp = ReturnType<typeof createSandboxApp>
