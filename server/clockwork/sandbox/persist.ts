import { mkdirSync } from "node:fs"
import path from "node:path"
import Database from "better-sqlite3"
import type { FirmSeed } from "./seed"
import type { FirmState, LedgerEntry } from "./state"

/**
 * SQLite persistence of the sandbox: one JSON document per firm (its state and the seed it was
 * built from, so `reset` still works after a restart) and the write ledger. Written synchronously
 * after every accepted write, read once at start.
 */
export class Persistence {
  private readonly db: Database.Database

  /** Opens (creating) the database file and its tables. */
  constructor(file: string) {
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    this.db = new Database(file)
    this.db.pragma("journal_mode = WAL")
    this.db.pragma("synchronous = NORMAL")
    this.db.pragma("busy_timeout = 5000")
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS sandbox_firms (firm TEXT PRIMARY KEY, state TEXT NOT NULL, seed TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS sandbox_ledger (seq INTEGER PRIMARY KEY, firm TEXT NOT NULL, entry TEXT NOT NULL);
    `)
  }

  /** Every stored firm with its seed. */
  loadFirms(): { state: FirmState; seed: FirmSeed }[] {
    const rows = this.db.prepare("SELECT state, seed FROM sandbox_firms ORDER BY rowid").all() as { state: string; seed: string }[]
    return rows.map((r) => ({ state: JSON.parse(r.state) as FirmState, seed: JSON.parse(r.seed) as FirmSeed }))
  }

  /** The whole ledger in order. */
  loadLedger(): LedgerEntry[] {
    const rows = this.db.prepare("SELECT entry FROM sandbox_ledger ORDER BY seq").all() as { entry: string }[]
    return rows.map((r) => JSON.parse(r.entry) as LedgerEntry)
  }

  /** Stores (replaces) one firm. */
  saveFirm(state: FirmState, seed: FirmSeed): void {
    this.db.prepare("INSERT INTO sandbox_firms (firm, state, seed) VALUES (?, ?, ?) ON CONFLICT(firm) DO UPDATE SET state = excluded.state, seed = excluded.seed").run(
      state.firm,
      JSON.stringify(state),
      JSON.stringify(seed),
    )
  }

  /** Stores a firm's new state and the ledger entry of the write that produced it, atomically. */
  saveWrite(state: FirmState, entry: LedgerEntry | undefined): void {
    this.db.transaction(() => {
      this.db.prepare("UPDATE sandbox_firms SET state = ? WHERE firm = ?").run(JSON.stringify(state), state.firm)
      if (entry) this.db.prepare("INSERT INTO sandbox_ledger (seq, firm, entry) VALUES (?, ?, ?)").run(entry.seq, entry.firm, JSON.stringify(entry))
    })()
  }

  /** Deletes a firm and its ledger entries. */
  deleteFirm(firm: string): void {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM sandbox_firms WHERE firm = ?").run(firm)
      this.db.prepare("DELETE FROM sandbox_ledger WHERE firm = ?").run(firm)
    })()
  }

  /** Deletes a firm's ledger entries only. */
  clearLedger(firm: string): void {
    this.db.prepare("DELETE FROM sandbox_ledger WHERE firm = ?").run(firm)
  }

  /** Closes the database. */
  close(): void {
    if (this.db.open) this.db.close()
  }
}
