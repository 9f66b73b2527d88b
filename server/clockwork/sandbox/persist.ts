import { mkdirSync } from "node:fs"
import path from "node:path"
import Database from "better-sqlite3"
import type { FirmSeed } from "./seed"
import { COLLECTIONS, type Collection, type FirmState, type LedgerEntry } from "./state"

/**
 * SQLite persistence of the sandbox. Per firm: its credentials and statuses plus the seed it was
 * built from (so `reset` works after a restart), one JSON row per record (person, note,
 * candidacy, …), and the write ledger. Each accepted write saves exactly the records it touched
 * and its ledger entry in one transaction; everything is read once at start.
 */
export class Persistence {
  private readonly db: Database.Database
  private readonly upsert: Database.Statement
  private readonly remove: Database.Statement

  /** Opens (creating) the database file and its tables. */
  constructor(file: string) {
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    this.db = new Database(file)
    this.db.pragma("journal_mode = WAL")
    this.db.pragma("synchronous = NORMAL")
    this.db.pragma("busy_timeout = 5000")
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS sandbox_firm_meta (firm TEXT PRIMARY KEY, meta TEXT NOT NULL, seed TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS sandbox_records (
        firm TEXT NOT NULL, collection TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL,
        PRIMARY KEY (firm, collection, id)
      );
      CREATE TABLE IF NOT EXISTS sandbox_ledger (seq INTEGER PRIMARY KEY, firm TEXT NOT NULL, entry TEXT NOT NULL);
    `)
    // NOTE: an upsert keeps the row's rowid, so ORDER BY rowid is the records' insertion order.
    this.upsert = this.db.prepare(
      "INSERT INTO sandbox_records (firm, collection, id, json) VALUES (?, ?, ?, ?) ON CONFLICT(firm, collection, id) DO UPDATE SET json = excluded.json",
    )
    this.remove = this.db.prepare("DELETE FROM sandbox_records WHERE firm = ? AND collection = ? AND id = ?")
  }

  /** Every stored firm with its seed. */
  loadFirms(): { state: FirmState; seed: FirmSeed }[] {
    const metas = this.db.prepare("SELECT firm, meta, seed FROM sandbox_firm_meta ORDER BY rowid").all() as { firm: string; meta: string; seed: string }[]
    const records = this.db.prepare("SELECT collection, id, json FROM sandbox_records WHERE firm = ? ORDER BY rowid")
    return metas.map((m) => {
      const meta = JSON.parse(m.meta) as Pick<FirmState, "firm" | "credentials" | "statuses">
      const state = { ...meta, ...Object.fromEntries(COLLECTIONS.map((c) => [c, {}])) } as FirmState
      for (const row of records.all(m.firm) as { collection: Collection; id: string; json: string }[]) {
        ;(state[row.collection] as Record<string, unknown>)[row.id] = JSON.parse(row.json)
      }
      return { state, seed: JSON.parse(m.seed) as FirmSeed }
    })
  }

  /** The whole ledger in order. */
  loadLedger(): LedgerEntry[] {
    const rows = this.db.prepare("SELECT entry FROM sandbox_ledger ORDER BY seq").all() as { entry: string }[]
    return rows.map((r) => JSON.parse(r.entry) as LedgerEntry)
  }

  /** Stores (replaces) one whole firm. */
  saveFirm(state: FirmState, seed: FirmSeed): void {
    this.db.transaction(() => {
      this.db
        .prepare("INSERT INTO sandbox_firm_meta (firm, meta, seed) VALUES (?, ?, ?) ON CONFLICT(firm) DO UPDATE SET meta = excluded.meta, seed = excluded.seed")
        .run(state.firm, JSON.stringify({ firm: state.firm, credentials: state.credentials, statuses: state.statuses }), JSON.stringify(seed))
      this.db.prepare("DELETE FROM sandbox_records WHERE firm = ?").run(state.firm)
      for (const collection of COLLECTIONS) {
        for (const [id, rec] of Object.entries(state[collection])) this.upsert.run(state.firm, collection, id, JSON.stringify(rec))
      }
    })()
  }

  /** Stores the records a write touched (deleting those now gone) and its ledger entry, atomically. */
  saveWrite(state: FirmState, touched: ReadonlyArray<readonly [Collection, string]>, entry: LedgerEntry | undefined): void {
    this.db.transaction(() => {
      for (const [collection, id] of touched) {
        const rec = state[collection][id]
        if (rec) this.upsert.run(state.firm, collection, id, JSON.stringify(rec))
        else this.remove.run(state.firm, collection, id)
      }
      if (entry) this.db.prepare("INSERT INTO sandbox_ledger (seq, firm, entry) VALUES (?, ?, ?)").run(entry.seq, entry.firm, JSON.stringify(entry))
    })()
  }

  /** Deletes a firm, its records and its ledger entries. */
  deleteFirm(firm: string): void {
    this.db.transaction(() => {
      for (const table of ["sandbox_firm_meta", "sandbox_records", "sandbox_ledger"]) this.db.prepare(`DELETE FROM ${table} WHERE firm = ?`).run(firm)
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
