// pino logging with redaction. Log lines never carry a secret: credential-like keys are censored
// wherever they appear (up to three levels deep), and request bodies and headers are never logged.
import pino, { type DestinationStream, type Logger } from "pino"
import type { LogLevel } from "./env"

export type { Logger }

const SECRET_KEYS = ["authorization", "apiKey", "apiSecret", "serviceKey", "token", "secret", "password", "x-api-key", "secretKey"]

/** Redaction paths (pino/fast-redact syntax): each secret key at the top level and nested up to three levels. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => {
  const key = `["${k}"]`
  return [key, `*${key}`, `*.*${key}`, `*.*.*${key}`]
})

export interface LoggerOptions {
  level?: LogLevel
  /** Where lines go (default: stdout). Tests pass a stream that captures every line. */
  destination?: DestinationStream
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? "info",
      base: { service: "cogsync" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination ?? pino.destination({ dest: 1, sync: false }),
  )
}
