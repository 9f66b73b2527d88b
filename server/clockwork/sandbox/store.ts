import { randomUUID } from "node:crypto"
import { notFound } from "./api-error"
import { FirmFaults } from "./faults"
import * as ops from "./ops"
import type { Persistence } from "./persist"
import { buildFirm, type FirmSeed } from "./seed"
import type { CandidacyRec, Collection, CompanyDnc, CompanyRec, FirmState, LedgerEntry } from "./state"
import { WebhookDispatcher } from "./webhooks"

/** What a write handler returns: the answer and what the ledger records. */
export interface WriteResult<T> {
  value: T
  resourceId: string | null
  personId?: string
  /** False for an accepted no-op (e.g. tagging a person twice): nothing is recorded. */
  changed?: boolean
}

/**
 * All firms of one sandbox, the write ledger, per-firm faults and the webhook dispatcher. Every
 * accepted write goes through `write`, which records it in the ledger and persists the firm.
 */
export class SandboxStore {
  private readonly firms = new Map<string, FirmState>()
  private readonly seeds = new Map<string, FirmSeed>()
  private readonly faults = new Map<string, FirmFaults>()
  private ledgerEntries: LedgerEntry[] = []
  private seq = 0
  readonly webhooks: WebhookDispatcher

  /** Loads persisted firms and ledger, if a persistence is given. */
  constructor(
    private readonly opts: { seed: number; now: () => Date; persist?: Persistence | undefined },
  ) {
    this.webhooks = new WebhookDispatcher(opts.now)
    for (const { state, seed } of opts.persist?.loadFirms() ?? []) {
      this.firms.set(state.firm, state)
      this.seeds.set(state.firm, seed)
    }
    this.ledgerEntries = opts.persist?.loadLedger() ?? []
    this.seq = this.ledgerEntries.at(-1)?.seq ?? 0
  }

  /** The sandbox clock. */
  now(): Date {
    return this.opts.now()
  }

  /** A context for ops: the clock, a UUID source, and the list of records the op touches. */
  context(): ops.OpContext & { touched: [Collection, string][] } {
    const touched: [Collection, string][] = []
    return { now: this.opts.now(), newId: randomUUID, touched, touch: (collection, id) => void touched.push([collection, id]) }
  }

  /** The live state of a firm (undefined when not seeded). */
  firm(name: string): FirmState | undefined {
    return this.firms.get(name)
  }

  /** Names of every seeded firm. */
  firmNames(): string[] {
    return [...this.firms.keys()]
  }

  /** The firm's faults and stats (created on first use). */
  faultsOf(name: string): FirmFaults {
    let f = this.faults.get(name)
    if (!f) this.faults.set(name, (f = new FirmFaults(this.opts.seed)))
    return f
  }

  /** Seeds (or re-seeds, replacing) a firm; its ledger entries, faults and stats are cleared. */
  seedFirm(seed: FirmSeed): FirmState {
    const state = buildFirm(seed, this.opts.now(), randomUUID)
    this.firms.set(state.firm, state)
    this.seeds.set(state.firm, seed)
    this.clearFirmLog(state.firm)
    this.opts.persist?.saveFirm(state, seed)
    return state
  }

  /** Removes a firm entirely. */
  removeFirm(name: string): boolean {
    const had = this.firms.delete(name)
    this.seeds.delete(name)
    this.faults.delete(name)
    this.ledgerEntries = this.ledgerEntries.filter((e) => e.firm !== name)
    this.opts.persist?.deleteFirm(name)
    return had
  }

  /** Puts one firm (or every firm) back to its seed, with an empty ledger, no faults and zero stats. */
  reset(name?: string): void {
    for (const firm of name === undefined ? this.firmNames() : [name]) {
      const seed = this.seeds.get(firm)
      if (seed) this.seedFirm(seed)
    }
  }

  /** Ledger entries in order, of one firm or all; `afterSeq` skips older ones. */
  ledger(firm?: string, afterSeq = 0): LedgerEntry[] {
    return this.ledgerEntries.filter((e) => (firm === undefined || e.firm === firm) && e.seq > afterSeq).map((e) => structuredClone(e))
  }

  /** Applies an API write to a firm, records it in the ledger (unless it changed nothing) and persists. */
  write<T>(firm: FirmState, req: { method: string; path: string; kind: string; body: unknown }, fn: (s: FirmState, ctx: ops.OpContext) => WriteResult<T>): T {
    const ctx = this.context()
    const result = fn(firm, ctx)
    let entry: LedgerEntry | undefined
    if (result.changed !== false) {
      entry = {
        seq: ++this.seq,
        at: ctx.now.toISOString(),
        firm: firm.firm,
        method: req.method,
        path: req.path,
        kind: req.kind,
        resourceId: result.resourceId,
        ...(result.personId === undefined ? {} : { personId: result.personId }),
        body: req.body ?? null,
      }
      this.ledgerEntries.push(entry)
    }
    this.opts.persist?.saveWrite(firm, ctx.touched, entry)
    return result.value
  }

  /** Applies a control-API change (not a client write: no ledger entry) and persists. */
  control<T>(firm: FirmState, fn: (s: FirmState, ctx: ops.OpContext) => T): T {
    const ctx = this.context()
    const value = fn(firm, ctx)
    this.opts.persist?.saveWrite(firm, ctx.touched, undefined)
    return value
  }

  /** Moves a candidacy to another status as if a recruiter did it in Clockwork; fires `candidacy_updated`. */
  setCandidacyStatus(firm: FirmState, candidacyId: string, statusId: string): CandidacyRec {
    const before = firm.candidacies[candidacyId]?.statusId
    const rec = this.control(firm, (s, ctx) => ops.updateCandidacy(s, ctx, undefined, candidacyId, { statusId }))
    if (rec.statusId !== before) this.webhooks.candidacyUpdated(firm.firm, Object.values(firm.webhooks), rec)
    return rec
  }

  /** Sets (or clears, with null) a company's Do Not Contact label. */
  setCompanyDnc(firm: FirmState, companyId: string, dnc: CompanyDnc | null): CompanyRec {
    const company = firm.companies[companyId]
    if (!company) throw notFound("Company", companyId)
    return this.control(firm, (_s, ctx) => {
      company.doNotContact = dnc
      company.updatedAt = ctx.now.toISOString()
      ctx.touch("companies", company.id)
      return company
    })
  }

  /** Drops a firm's ledger entries and resets its faults and stats. */
  private clearFirmLog(firm: string): void {
    this.ledgerEntries = this.ledgerEntries.filter((e) => e.firm !== firm)
    this.opts.persist?.clearLedger(firm)
    this.faultsOf(firm).reset()
  }
}
