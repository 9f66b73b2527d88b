// What the app is built from. Tests build a fresh set per test (temp database, captured logs,
// Clockwork pointed at a sandbox); server/start-server.ts builds the production set.
import type { ClockworkClient, ClockworkClientOptions, ClockworkCredentials } from "./clockwork/index"
import type { Db } from "./db/client"
import type { Logger } from "./logger"
import type { SecretBox } from "./secrets"
import type { ClockworkAccess } from "./services/clockwork-access"
import type { Clock } from "./services/clock"
import type { SyncEngine, SyncEngineOptions } from "./sync/engine"

/** Client options a caller may add to a team's client (the sync engine's pacing and timing). */
export type ClockworkHooks = Pick<
  ClockworkClientOptions,
  "beforeRequest" | "afterAttempt" | "sleep" | "random" | "now" | "timeoutMs" | "retries" | "backoffBaseMs" | "backoffMaxMs" | "maxRetryAfterMs"
>

/**
 * Builds a Clockwork client for a team's decrypted credentials. A factory should pass `hooks` on to
 * the client (spread them into its options); one that ignores them gets unpaced sync calls.
 */
export type ClockworkFactory = (credentials: ClockworkCredentials, hooks?: ClockworkHooks) => ClockworkClient

export interface AppConfig {
  /** Reported by /health and the API page. */
  version: string
  /** How long Clockwork metadata is cached per team (default 60 000). */
  metadataTtlMs?: number
  /** How long a person look-up shown in the preview or the badge is cached per team (default 15 000; 0 = off). */
  lookupTtlMs?: number
}

export interface AppDeps {
  db: Db
  config: AppConfig
  logger: Logger
  clock: Clock
  clockwork: ClockworkFactory
  /** Encrypts and decrypts the teams' Clockwork credentials. */
  secrets: SecretBox
  /** Knobs, sleep and randomness of the sync engine (defaults: see server/sync/engine.ts). */
  syncOptions?: SyncEngineOptions
}

/** The deps plus the services built from them, handed to every router. */
export interface AppContext extends AppDeps {
  access: ClockworkAccess
  /** The sync engine; its worker runs only after `start()` (startServer does that). */
  sync: SyncEngine
}
