// Starts the server in-process: opens and migrates the database, loads the secret key, builds the
// app and listens. Used by server/index.ts, `npm start` and the tests.
import type { AddressInfo } from "node:net"
import { serve, type ServerType } from "@hono/node-server"
import type { DestinationStream } from "pino"
import { createApp, createAppContext, type CogsyncApp } from "./app"
import { createClockworkClient } from "./clockwork/index"
import { openDatabase, type Db } from "./db/client"
import type { AppContext, ClockworkFactory } from "./deps"
import type { LogLevel } from "./env"
import { createLogger, type Logger } from "./logger"
import { SecretBox, loadSecretKey } from "./secrets"
import { systemClock, type Clock } from "./services/clock"
import type { SyncEngineOptions } from "./sync/engine"
import { VERSION } from "./version"

/** How long close() waits for open requests before it closes the remaining connections. */
const CLOSE_GRACE_MS = 3000

export interface StartServerOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** Default 0: a free port (read it from the returned url). */
  port?: number
  /** SQLite file (created and migrated when missing). */
  databasePath: string
  /** Base URL of Clockwork, e.g. https://api.clockworkrecruiting.com or a sandbox's url. */
  clockworkApiUrl: string
  /** 32-byte key as base64 (wins over the key file). */
  secretKey?: string | undefined
  /** Key file, created with mode 0600 on first run when no key is given. Default ./data/secret.key. */
  secretKeyFile?: string | undefined
  logger?: Logger
  /** When no logger is given: where log lines go (default stdout). */
  logDestination?: DestinationStream
  logLevel?: LogLevel
  clock?: Clock
  /** Builds Clockwork clients (default: the real client against clockworkApiUrl). */
  clockwork?: ClockworkFactory
  metadataTtlMs?: number
  /** Lifetime of cached person look-ups (preview, "In Clockwork" badge); 0 turns the cache off. */
  lookupTtlMs?: number
  /** Sync engine knobs (plus injected sleep/random); `worker: false` leaves the worker stopped. */
  sync?: SyncEngineOptions & { worker?: boolean }
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:43123 */
  url: string
  port: number
  db: Db
  app: CogsyncApp
  context: AppContext
  logger: Logger
  /** Stops the sync worker (waiting for running jobs), stops accepting connections, waits for open requests, closes the database. */
  close(): Promise<void>
}

/** Throws SecretKeyError when the key is short, unreadable or group/world-readable. */
export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger({ level: opts.logLevel ?? "info", ...(opts.logDestination ? { destination: opts.logDestination } : {}) })
  const { key, source } = loadSecretKey({ base64Key: opts.secretKey, keyFile: opts.secretKeyFile ?? "./data/secret.key" })
  if (source === "created") logger.info({ keyFile: opts.secretKeyFile ?? "./data/secret.key" }, "created a new secret key file (mode 0600); back it up")
  const db = openDatabase(opts.databasePath)
  const clockwork: ClockworkFactory = opts.clockwork ?? ((credentials, hooks) => createClockworkClient({ baseUrl: opts.clockworkApiUrl, credentials, ...hooks }))
  const { worker = true, ...syncOptions } = opts.sync ?? {}
  const context = createAppContext({
    db,
    config: {
      version: VERSION,
      ...(opts.metadataTtlMs !== undefined ? { metadataTtlMs: opts.metadataTtlMs } : {}),
      ...(opts.lookupTtlMs !== undefined ? { lookupTtlMs: opts.lookupTtlMs } : {}),
    },
    logger,
    clock: opts.clock ?? systemClock,
    clockwork,
    secrets: new SecretBox(key),
    syncOptions,
  })
  const app = createApp(context)
  const host = opts.host ?? "127.0.0.1"
  let server: ServerType
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, hostname: host, port: opts.port ?? 0 }, (info: AddressInfo) => resolve(info.port))
    server.once("error", reject)
  }).catch((err: unknown) => {
    db.$client.close()
    throw err
  })
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`
  logger.info({ url, clockworkApiUrl: opts.clockworkApiUrl }, "cogsync server listening")
  if (worker) context.sync.start()
  let closing: Promise<void> | undefined
  return {
    url,
    port,
    db,
    app,
    context,
    logger,
    close: () =>
      (closing ??= context.sync
        .stop()
        .then(
          () =>
            new Promise<void>((resolve) => {
              server.close(() => {
                clearTimeout(force)
                resolve()
              })
              if ("closeIdleConnections" in server) server.closeIdleConnections()
              // NOTE: a socket that never sent a request (browsers open such speculative
              // connections) and long-lived streams (SSE progress) would hold close() forever:
              // after a grace period for open requests, every remaining connection is closed.
              const force = setTimeout(() => {
                if ("closeAllConnections" in server) server.closeAllConnections()
              }, CLOSE_GRACE_MS)
              force.unref()
            }),
        )
        .then(() => {
          db.$client.close()
        })),
  }
}
