// Opens the SQLite database with the server's pragmas and applies the committed migrations.
import { mkdirSync } from "node:fs"
import path from "node:path"
import Database from "better-sqlite3"
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3"
import { migrate } from "drizzle-orm/better-sqlite3/migrator"
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core"
import { SERVER_DIR } from "../paths"
import { schema } from "./schema"

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }
/** The database or a transaction on it: what query helpers take. */
export type DbLike = BaseSQLiteDatabase<"sync", Database.RunResult, typeof schema>

export const MIGRATIONS_FOLDER = path.join(SERVER_DIR, "db", "migrations")

export interface OpenDatabaseOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean
}

/**
 * Opens (creating when missing) the database at `file` — `":memory:"` works too — with WAL,
 * foreign keys on, a 5 s busy timeout and synchronous=FULL, then applies pending migrations.
 */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Db {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new Database(file)
  try {
    sqlite.pragma("journal_mode = WAL")
    sqlite.pragma("foreign_keys = ON")
    sqlite.pragma("busy_timeout = 5000")
    sqlite.pragma("synchronous = FULL")
    const db = drizzle(sqlite, { schema, casing: "snake_case" })
    if (opts.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER })
    return db
  } catch (err) {
    sqlite.close()
    throw err
  }
}

/** Runs `fn` in an IMMEDIATE transaction: the write lock is taken first, so read-then-write is atomic. */
export function writeTransaction<T>(db: Db, fn: (tx: DbLike) => T): T {
  return db.transaction((tx) => fn(tx), { behavior: "immediate" })
}
