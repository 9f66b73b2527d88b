// What the app is built from. Tests build a fresh set per test (temp database, captured logs,
// Clockwork pointed at a sandbox); server/start-server.ts builds the production set.
import type { ClockworkClient, ClockworkCredentials } from "./clockwork/index"
import type { Db } from "./db/client"
import type { Logger } from "./logger"
import type { SecretBox } from "./secrets"
import type { ClockworkAccess } from "./services/clockwork-access"
import type { Clock } from "./services/clock"

/** Builds a Clockwork client for a team's decrypted credentials. */
export type ClockworkFactory = (credentials: ClockworkCredentials) => ClockworkClient

export interface AppConfig {
  /** Reported by /health and the API page. */
  version: string
  /** How long Clockwork metadata is cached per team (default 60 000). */
  metadataTtlMs?: number
}

export interface AppDeps {
  db: Db
  config: AppConfig
  logger: Logger
  clock: Clock
  clockwork: ClockworkFactory
  /** Encrypts and decrypts the teams' Clockwork credentials. */
  secrets: SecretBox
}

/** The deps plus the services built from them, handed to every router. */
export interface AppContext extends AppDeps {
  access: ClockworkAccess
}
