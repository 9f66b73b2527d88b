// The server's configuration, parsed once from the environment. The only module that reads process.env.
import * as z from "zod"

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const

const EnvSchema = z.object({
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  /** SQLite database file; its directory is created when missing. */
  DATABASE_PATH: z.string().trim().min(1).default("./data/cogsync.db"),
  /** Base URL of the Clockwork API (the client appends `/v3.0/<firm>/…`). */
  CLOCKWORK_API_URL: z.url({ protocol: /^https?$/ }).default("https://api.clockworkrecruiting.com"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** 32 bytes, base64: the key that encrypts Clockwork credentials. When unset, the key file is used. */
  COGSYNC_SECRET_KEY: z.string().trim().min(1).optional(),
  /** Key file created on first run (mode 0600) when COGSYNC_SECRET_KEY is unset. */
  COGSYNC_SECRET_KEY_FILE: z.string().trim().min(1).default("./data/secret.key"),
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

/** The process environment, parsed on first use. */
export function loadEnv(): Env {
  cached ??= parseEnv(process.env)
  return cached
}
