import { once } from "node:events"
import type { AddressInfo } from "node:net"
import { serve } from "@hono/node-server"
import type { ClockworkCredentials } from "../transport"
import { createSandboxApp, type SandboxApp } from "./app"
import { DEMO_FIRM, DEMO_SEED } from "./demo"
import type { Faults, FaultsInput, FirmStats, RateLimit } from "./faults"
import { Persistence } from "./persist"
import type { FirmSeed } from "./seed"
import { isoDay, personJson } from "./serialize"
import type { CandidacyRec, CompanyDnc, CompanyRec, FirmState, LedgerEntry } from "./state"
import { SandboxStore } from "./store"
import type { WebhookDelivery } from "./webhooks"

/** The credentials a seeded firm answers to: the client's own. */
export type SandboxCredentials = ClockworkCredentials

export interface SandboxListener {
  /** e.g. "http://127.0.0.1:41234": the client's baseUrl. */
  url: string
  close(): Promise<void>
}

export interface SandboxOptions {
  /** Default seed of every firm's fault PRNG (default 1). */
  seed?: number
  /** SQLite file to load from and write to; in-memory only when absent. */
  persistPath?: string
  /** Clock for timestamps, Do Not Contact dates and rate limiting (default: real time). */
  now?: () => Date
}

/** A faithful local stand-in for the Clockwork v3.0 API, with a control API for tests. */
export interface Sandbox {
  /** Hono app serving `/v3.0/:firm/…` and `/_sandbox/…`; usable in-process via `app.request`/`app.fetch`. */
  readonly app: SandboxApp
  /** Serves the app over HTTP (port 0 = a free port); resets and hangs are real at the socket level. */
  listen(port?: number, host?: string): Promise<SandboxListener>
  /** Seeds (or replaces) a firm; returns its credentials. */
  seedFirm(seed: FirmSeed): SandboxCredentials
  /** Seeds the demo firm (replacing it) and returns its credentials. */
  seedDemoFirm(): SandboxCredentials
  /** Whether the firm is seeded. */
  hasFirm(firm: string): boolean
  /** Removes a firm. */
  removeFirm(firm: string): boolean
  /** Puts one firm (or all) back to its seed: state, ledger, faults and stats. */
  reset(firm?: string): void
  /** Accepted writes in order (of one firm, or all), optionally after a sequence number. */
  ledger(firm?: string, afterSeq?: number): LedgerEntry[]
  /** Replaces the firm's faults (null clears them). */
  setFaults(firm: string, faults: FaultsInput | null): Faults
  /** Sets or clears the firm's rate limit, keeping other faults. */
  setRateLimit(firm: string, limit: { ratePerSecond: number; burst: number; retryAfter?: RateLimit["retryAfter"] } | null): void
  /** Requests, 429s, Retry-After violations and injected faults of the firm. */
  stats(firm: string): FirmStats
  /** A deep copy of the firm's state, for assertions. */
  state(firm: string): FirmState | undefined
  /** A person as `GET /people/:id` would answer (undefined when absent). */
  person(firm: string, id: string): ReturnType<typeof personJson> | undefined
  /** Moves a candidacy to another status as a recruiter would in Clockwork; fires `candidacy_updated`. */
  setCandidacyStatus(firm: string, candidacyId: string, statusId: string): CandidacyRec
  /** Sets or clears a company's Do Not Contact label. */
  setCompanyDoNotContact(firm: string, companyId: string, dnc: CompanyDnc | null): CompanyRec
  /** Webhook deliveries so far. */
  webhookDeliveries(firm?: string): WebhookDelivery[]
  /** Waits for every webhook delivery started so far. */
  flushWebhooks(): Promise<void>
  /** Closes every listener and the database. */
  close(): Promise<void>
}

/** Creates a sandbox; with `persistPath`, firms and the ledger survive restarts. */
export function createSandbox(opts: SandboxOptions = {}): Sandbox {
  const now = opts.now ?? (() => new Date())
  const persist = opts.persistPath ? new Persistence(opts.persistPath) : undefined
  const store = new SandboxStore({ seed: opts.seed ?? 1, now, persist })
  const app = createSandboxApp(store)
  const listeners = new Set<SandboxListener>()
  const firm = (name: string): FirmState => {
    const s = store.firm(name)
    if (!s) throw new Error(`sandbox: no firm ${JSON.stringify(name)}`)
    return s
  }
  const credentials = (seed: FirmSeed): SandboxCredentials => ({ firm: seed.firm, apiKey: seed.apiKey, apiSecret: seed.apiSecret, serviceKey: seed.serviceKey })

  return {
    app,
    async listen(port = 0, host = "127.0.0.1") {
      const server = serve({ fetch: app.fetch, port, hostname: host, overrideGlobalObjects: false })
      if (!server.listening) await once(server, "listening")
      const address = server.address() as AddressInfo
      const listener: SandboxListener = {
        url: `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`,
        async close() {
          listeners.delete(listener)
          const closing = new Promise<void>((resolve) => server.close(() => resolve()))
          if ("closeAllConnections" in server) server.closeAllConnections()
          await closing
        },
      }
      listeners.add(listener)
      return listener
    },
    seedFirm(seed) {
      store.seedFirm(seed)
      return credentials(seed)
    },
    seedDemoFirm() {
      store.seedFirm(DEMO_SEED)
      return { ...DEMO_FIRM }
    },
    hasFirm: (name) => store.firm(name) !== undefined,
    removeFirm: (name) => store.removeFirm(name),
    reset: (name) => store.reset(name),
    ledger: (name, afterSeq) => store.ledger(name, afterSeq),
    setFaults: (name, faults) => store.faultsOf(firm(name).firm).set(faults),
    setRateLimit: (name, limit) => store.faultsOf(firm(name).firm).setRateLimit(limit),
    stats: (name) => structuredClone(store.faultsOf(firm(name).firm).stats),
    state: (name) => {
      const s = store.firm(name)
      return s ? structuredClone(s) : undefined
    },
    person: (name, id) => {
      const s = firm(name)
      const p = s.people[id]
      return p ? personJson(s, p, isoDay(now())) : undefined
    },
    setCandidacyStatus: (name, candidacyId, statusId) => structuredClone(store.setCandidacyStatus(firm(name), candidacyId, statusId)),
    setCompanyDoNotContact: (name, companyId, dnc) => structuredClone(store.setCompanyDnc(firm(name), companyId, dnc)),
    webhookDeliveries: (name) => store.webhooks.deliveries.filter((d) => name === undefined || d.firm === name),
    flushWebhooks: () => store.webhooks.flush(),
    async close() {
      await Promise.all([...listeners].map((l) => l.close()))
      await store.webhooks.flush()
      persist?.close()
    },
  }
}

export { DEMO_ACTIVATION, DEMO_FIRM, DEMO_SEED, activationBody } from "./demo"
export type { Faults, FaultsInput, FirmSeed, FirmStats, LedgerEntry, WebhookDelivery }
