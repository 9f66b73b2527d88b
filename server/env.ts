// The server's configuration, parsed once from the environment. The only module that reads process.env.
import * as z from "zod"
import { DEFAULT_BASE_URL } from "./clockwork/firm"

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const

const EnvSchema = z.object({
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  /** SQLite database file; its directory is created when missing. */
  DATABASE_PATH: z.string().trim().min(1).default("./data/cogsync.db"),
  /** Base URL of the Clockwork API (the client appends `/v3.0/<firm>/…`). */
  CLOCKWORK_API_URL: z.url({ protocol: /^https?$/ }).default(DEFAULT_BASE_URL),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** 32 bytes, base64: the key that encrypts Clockwork credentials. When unset, the key file is used. */
  COGSYNC_SECRET_KEY: z.string().trim().min(1).optional(),
  /** Key file created on first run (mode 0600) when COGSYNC_SECRET_KEY is unset. */
  COGSYNC_SECRET_KEY_FILE: z.string().trim().min(1).default("./data/secret.key"),
  /** Base URL Clockwork can reach this server at; when set, activating the integration registers the candidacy webhook. */
  COGSYNC_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Run the sync worker in this process (default true). */
  SYNC_WORKER: z.enum(["true", "false", "1", "0"]).default("true").transform((v) => v === "true" || v === "1"),
  /** Sync engine knobs (see docs/sync-engine.md); unset means the engine's default. */
  SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  SYNC_TEAM_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  SYNC_POLL_INTERVAL_MS: z.coerce.number().int().min(1).max(600_000).optional(),
  SYNC_BACKOFF_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).optional(),
  SYNC_BACKOFF_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).optional(),
  SYNC_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).optional(),
  SYNC_LEASE_MS: z.coerce.number().int().min(1000).max(86_400_000).optional(),
  /** Clockwork pacing per firm: requests per second, burst, requests in flight. */
  CLOCKWORK_RATE_PER_SECOND: z.coerce.number().positive().max(100_000).optional(),
  CLOCKWORK_BURST: z.coerce.number().int().min(1).max(100_000).optional(),
  CLOCKWORK_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(256).optional(),
  /** Per-attempt timeout of Clockwork calls made by the sync engine. */
  CLOCKWORK_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).optional(),
})

export type Env = z.infer<typeof EnvSchema>
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Thrown for an invalid environment; the message names every bad variable and never echoes a value. */
export class EnvError extends Error {
  override name = "EnvError"
}

/** Parses an environment-like record. Empty strings count as unset. */
export function parseEnv(source: Readonly<Record<string, string | undefined>>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""))
  const result = EnvSchema.safeParse(cleaned)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`)
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`)
  }
  return result.data
}

let cached: Env | undefined

/** `startServer`'s options from the environment; callers add a logger or override a field. */
export function serverOptionsFromEnv(env: Env) {
  return {
    host: env.HOST,
    port: env.PORT,
    databasePath: env.DATABASE_PATH,
    clockworkApiUrl: env.CLOCKWORK_API_URL,
    secretKey: env.COGSYNC_SECRET_KEY,
    secretKeyFile: env.COGSYNC_SECRET_KEY_FILE,
    logLevel: env.LOG_LEVEL,
    sync: syncOptionsFromEnv(env),
  }
}

/** The sync engine's options from the environment (unset knobs keep the engine's defaults). */
export function syncOptionsFromEnv(env: Env) {
  return {
    worker: env.SYNC_WORKER,
    publicUrl: env.COGSYNC_PUBLIC_URL,
    concurrency: env.SYNC_CONCURRENCY,
    perTeamConcurrency: env.SYNC_TEAM_CONCURRENCY,
    pollIntervalMs: env.SYNC_POLL_INTERVAL_MS,
    backoffBaseMs: env.SYNC_BACKOFF_BASE_MS,
    backoffMaxMs: env.SYNC_BACKOFF_MAX_MS,
    maxAttempts: env.SYNC_MAX_ATTEMPTS,
    leaseMs: env.SYNC_LEASE_MS,
    ratePerSecond: env.CLOCKWORK_RATE_PER_SECOND,
    burst: env.CLOCKWORK_BURST,
    maxInFlightPerFirm: env.CLOCKWORK_MAX_IN_FLIGHT,
    clientTimeoutMs: env.CLOCKWORK_TIMEOUT_MS,
  }
}

/** The process environment, parsed on first use. */
export function loadEnv(): Env {
  cached ??= parseEnv(process.env)
  return cached
}
