// Runs one job: resolves the event with the shared resolver against the person's current Clockwork
// record and writes what the decision says, each step "ensure"-style (only what Clockwork lacks,
// judged from a fresh read), so a step repeated after a crash or a lost answer writes nothing twice.
import {
  comparable,
  linkedInSlug,
  normalizeEmail,
  resolveSyncDecision,
  type ClockworkPersonSnapshot,
  type FieldId,
  type FieldPlanEntry,
  type NotePlan,
  type OutreachEvent,
  type PersonOverride,
  type ProfileCapture,
  type ResolveInput,
  type StagePlan,
  type SyncDecision,
  type TeamSettings,
} from "@shared/index"
import {
  Rejected,
  NotFound,
  companyOf,
  currentPosition,
  findPerson,
  isCurrentPosition,
  locationOf,
  personName,
  toSnapshot,
  type ClockworkClient,
  type CreatePersonInput,
  type CwNote,
  type CwPerson,
  type CwPosition,
} from "../clockwork/index"
import { writeTransaction, type Db } from "../db/client"
import type { JobWrite } from "../db/schema"
import type { ClockworkHooks } from "../deps"
import type { Logger } from "../logger"
import { getCampaign } from "../services/campaigns"
import type { ClockworkAccess } from "../services/clockwork-access"
import type { Clock } from "../services/clock"
import { effectiveOverride } from "../services/overrides"
import { getPersonCapture, identifiersOf } from "../services/people"
import { getTeamSettings } from "../services/settings"
import { PermanentJobError, provablyNotApplied } from "./errors"
import type { KeyedLocks } from "./keyed-locks"
import { claimedByOthers, clearCreateStarted, forgetPerson, getLedger, markCreateStarted, recordPerson, type LedgerKey } from "./ledger"
import { noteMarker, renderNote } from "./note"
import { heldBackActivity, loadEvent, recordBackfill, saveProgress, triggerFiredBefore, type Finish, type JobRow } from "./outbox"
import { cachedCandidacy, forgetCandidacy, rememberCandidacy } from "./status-cache"
import type { TagCache } from "./tag-cache"

export interface JobDeps {
  db: Db
  clock: Clock
  logger: Logger
  access: ClockworkAccess
  locks: KeyedLocks
  tags: TagCache
  /** Client hooks for a firm: pacing and the engine's timing. */
  hooksFor: (firm: string) => ClockworkHooks
}

/** What a job has written so far; kept across a failed attempt so the log lists every id. */
export interface JobProgress {
  writes: JobWrite[]
  personId: string | null
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
/** Create recovery reads name matches a full page (Clockwork's cap) at a time, up to this many. */
const RECOVERY_PAGE = 100
const RECOVERY_MAX_MATCHES = 2_000
const RECOVERY_CANDIDATES = 5
const CANDIDACY_PAGE = 100
const MAX_CANDIDACY_PAGES = 50

/** A blank Clockwork record: resolving against it tells whether any record could change a skip. */
const probe = (capture: ProfileCapture): ClockworkPersonSnapshot => ({
  id: "probe",
  name: capture.name,
  fields: {},
  emails: [],
  phones: [],
  linkedinUrls: [],
  websites: [],
  tags: [],
  doNotContact: false,
  hasCv: false,
})

/** Names, titles and companies compare as the resolver compares them: case and spacing aside. */
const same = (a: string | null | undefined, b: string | null | undefined) => comparable("name", a ?? "") === comparable("name", b ?? "")

/**
 * Runs a claimed job. Returns its outcome; throws what the engine classifies (Clockwork errors,
 * PermanentJobError, IntegrationUnavailable, PacerStopped). `progress` collects the writes even
 * when it throws.
 */
export async function runJob(deps: JobDeps, job: JobRow, progress: JobProgress): Promise<Finish> {
  const { db } = deps
  const event = loadEvent(db, job.teamId, job.eventId)
  if (!event) throw new PermanentJobError("The event of this job is missing from the database")
  const capture = getPersonCapture(db, job.teamId, job.personKey)
  if (!capture) throw new PermanentJobError("Cogsync knows no contact details for this person; send an event with `contact`")
  const settings = getTeamSettings(db, job.teamId)
  const input = resolveInputFor(db, job, event, settings, capture)

  // No Clockwork call when no Clockwork record could change a "skip" (Don't sync, manual updates
  // off, or a trigger that has not fired for an event that makes no note).
  const offline = resolveSyncDecision({ ...input, existing: null })
  if (offline.action === "skip" && resolveSyncDecision({ ...input, existing: probe(capture) }).action === "skip") {
    return { state: "done", action: "skip", decision: offline, triggerFired: offline.triggerFired, reason: offline.reasons.join(" "), writes: progress.writes }
  }

  const integration = deps.access.firmOf(job.teamId)
  const hooks = deps.hooksFor(integration?.firm ?? "")
  return deps.access.call(job.teamId, (client) => new JobRun(deps, job, event, settings, capture, input, client, progress).run(), hooks)
}

function resolveInputFor(db: Db, job: JobRow, event: OutreachEvent, settings: TeamSettings, capture: ProfileCapture): ResolveInput {
  const campaign = event.campaignId ? getCampaign(db, job.teamId, event.campaignId) : undefined
  const override: PersonOverride | undefined = effectiveOverride(db, job.teamId, job.personKey, event.campaignId)
  return {
    settings,
    campaign: campaign ? { ...campaign.options, name: campaign.name } : null,
    override: override ?? null,
    capture,
    event,
    triggerFiredBefore: triggerFiredBefore(db, job),
  }
}

/** One attempt of one job against one Clockwork client. */
class JobRun {
  readonly #remarks: string[] = []
  readonly #key: LedgerKey
  #notes: CwNote[] | undefined

  constructor(
    private readonly deps: JobDeps,
    private readonly job: JobRow,
    private readonly event: OutreachEvent,
    private readonly settings: TeamSettings,
    private readonly capture: ProfileCapture,
    private readonly input: ResolveInput,
    private readonly client: ClockworkClient,
    private readonly progress: JobProgress,
  ) {
    this.#key = { teamId: job.teamId, firm: client.firm, personKey: job.personKey }
  }

  /** Whether an earlier attempt of this job may have written to Clockwork. */
  get #rerun(): boolean {
    return this.job.attempts > 1
  }

  #write(kind: string, id: string | null): void {
    this.progress.writes.push({ kind, id })
  }

  async run(): Promise<Finish> {
    const ids = identifiersOf(this.deps.db, this.job.teamId, {
      personKey: this.job.personKey,
      linkedinUrls: [this.capture.linkedinUrl, this.capture.url],
      emails: this.capture.emails,
    })
    // Jobs about the same human (same person key, LinkedIn slug or email) look up and create one at a time.
    const lockKeys = [
      `person:${this.client.firm}:${this.job.teamId}:${this.job.personKey}`,
      ...ids.linkedinUrls.map((u) => `li:${this.client.firm}:${linkedInSlug(u) ?? u.toLowerCase()}`),
      ...ids.emails.map((e) => `email:${this.client.firm}:${normalizeEmail(e) ?? e.toLowerCase()}`),
    ]
    return this.deps.locks.with(lockKeys, () => this.#runLocked(ids))
  }

  async #runLocked(ids: { linkedinUrls: string[]; emails: string[] }): Promise<Finish> {
    const found = await this.#locate(ids)
    const existing = found ? toSnapshot(found.person, { matchedBy: found.matchedBy, firm: this.client.firm }) : null
    if (found) this.progress.personId = found.person.id
    const decision = resolveSyncDecision({ ...this.input, existing })
    const base = { decision, triggerFired: decision.triggerFired, action: decision.action, writes: this.progress.writes, clockworkPersonId: this.progress.personId }
    if (decision.action === "skip") return { ...base, state: "done", reason: decision.reasons.join(" ") }
    if (decision.action === "blocked") return { ...base, state: "dead", reason: decision.reasons.join(" "), lastError: null }

    let person = found?.person
    const createdByThisJob = this.progress.writes.some((w) => w.kind === "person")
    if (decision.action === "create") person = await this.#create(decision)
    if (!person) throw new Error(`decision ${decision.action} without a Clockwork person`)
    if (decision.action === "create" || decision.action === "update") await this.#ensurePerson(person, decision, decision.action === "create")
    if (decision.note) await this.#ensureNote(person.id, decision.note, this.event.id)
    if (decision.action === "create" || createdByThisJob) await this.#backfill(person)
    if (decision.stage) await this.#ensureStage(person.id, decision.stage)
    return { ...base, clockworkPersonId: person.id, state: "done", reason: [...decision.reasons, ...this.#remarks].join(" ") }
  }

  // ---- Finding the person -----------------------------------------------------------------------

  async #locate(ids: { linkedinUrls: string[]; emails: string[] }): Promise<{ person: CwPerson; matchedBy: { by: "ledger" | "linkedin_url" | "email"; value: string } } | undefined> {
    const { db, clock } = this.deps
    const row = getLedger(db, this.#key)
    if (row?.clockworkPersonId) {
      const person = await this.client.getPerson(row.clockworkPersonId)
      if (!person) {
        forgetPerson(db, this.#key)
        throw new PermanentJobError(
          `The Clockwork person ${row.clockworkPersonId} this contact was synced to no longer exists (deleted or merged in Clockwork); retry to look them up again or create them`,
        )
      }
      return { person, matchedBy: { by: "ledger", value: person.id } }
    }
    const hit = await findPerson(this.client, ids)
    if (hit) {
      recordPerson(db, clock, this.#key, hit.person.id, hit.matchedBy.by)
      return hit
    }
    if (row?.createStartedAt) {
      const recovered = await this.#recoverCreate()
      if (recovered) {
        recordPerson(db, clock, this.#key, recovered.id, "recovered")
        this.#remarks.push("An earlier attempt created this person but its answer was lost; that person was found and used.")
        return { person: recovered, matchedBy: { by: "ledger", value: recovered.id } }
      }
      clearCreateStarted(db, clock, this.#key)
    }
    return undefined
  }

  /**
   * Finds the person an earlier create made when its answer never came back. Until the create's
   * answer is stored nothing else is written to that person, so it is a record with our name and
   * no LinkedIn URL or email, that no other contact of the team is mapped to.
   * NOTE: assumes Clockwork's search finds a person by name right after the create (the sandbox
   * does; a lagging search index would make this miss and the next attempt create again). A common
   * name has many namesakes in a large firm, in an order Clockwork does not document (the sandbox
   * lists the newest record last), so every match is read, up to RECOVERY_MAX_MATCHES.
   */
  async #recoverCreate(): Promise<CwPerson | undefined> {
    const names = [...new Set([this.#planName(), this.capture.name].filter((n): n is string => !!n))]
    const bare = (p: CwPerson) => p.linkedinUrls.length === 0 && p.emails.length === 0
    for (const name of names) {
      const named: CwPerson[] = []
      for (let offset = 0; offset < RECOVERY_MAX_MATCHES; offset += RECOVERY_PAGE) {
        const { people, total } = await this.client.searchPeople(name, { limit: RECOVERY_PAGE, offset })
        named.push(...people.filter((p) => same(personName(p), name) && bare(p)))
        if (people.length < RECOVERY_PAGE || offset + RECOVERY_PAGE >= total) break
      }
      const taken = claimedByOthers(this.deps.db, this.#key, named.map((c) => c.id))
      const newestFirst = named.filter((c) => !taken.has(c.id)).sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""))
      // Search results may be partial records: confirm on the full one (a few at most).
      const confirmed: CwPerson[] = []
      for (const candidate of newestFirst.slice(0, RECOVERY_CANDIDATES)) {
        const full = await this.client.getPerson(candidate.id)
        if (full && bare(full)) confirmed.push(full)
      }
      if (confirmed.length > 1) this.deps.logger.warn({ teamId: this.job.teamId, jobId: this.job.id, candidates: confirmed.length }, "create recovery: several unclaimed records match; using the newest")
      if (confirmed[0]) return confirmed[0]
    }
    return undefined
  }

  #planName(): string | undefined {
    return resolveSyncDecision({ ...this.input, existing: null }).fieldPlan.find((f) => f.field === "name")?.value ?? undefined
  }

  // ---- Create and update ------------------------------------------------------------------------

  async #create(decision: SyncDecision): Promise<CwPerson> {
    const { db, clock } = this.deps
    const value = (field: FieldId) => setValue(decision, field)
    const custom = decision.fieldPlan.filter((f) => f.field.startsWith("custom:") && f.op === "set" && f.value)
    const body: CreatePersonInput = {
      name: value("name") ?? this.capture.name,
      ...(value("firstName") ? { firstName: value("firstName") } : {}),
      ...(value("lastName") ? { lastName: value("lastName") } : {}),
      ...(value("biography") ? { biography: value("biography") } : {}),
      ...(decision.tags.length ? { tagNames: decision.tags } : {}),
      ...(custom.length ? { customFieldValues: custom.map((f) => ({ customFieldId: f.field.slice("custom:".length), value: f.value })) } : {}),
    }
    markCreateStarted(db, clock, this.#key)
    let person: CwPerson
    try {
      person = await this.client.createPerson(body)
    } catch (err) {
      if (provablyNotApplied(err)) clearCreateStarted(db, clock, this.#key)
      throw err
    }
    this.progress.personId = person.id
    this.#write("person", person.id)
    // One commit: the ledger has the id, and the job's log names the person even if the process
    // dies before the job finishes.
    writeTransaction(db, (tx) => {
      recordPerson(tx, clock, this.#key, person.id, "created")
      saveProgress(tx, clock, this.job.id, this.progress)
    })
    return person
  }

  async #ensurePerson(person: CwPerson, decision: SyncDecision, created: boolean): Promise<void> {
    if (!created) await this.#updateScalars(person, decision)
    if (!created) await this.#ensureTags(person, decision.tags)
    await this.#ensureContactLists(person, decision)
    const location = setValue(decision, "location")
    if (location && !same(locationOf(person), location)) {
      const a = await this.client.addAddress(person.id, { city: location, isPreferred: true })
      this.#write("address", a.id)
    }
    const written = await this.#ensureCurrentPosition(person, decision)
    if (decision.history === "replace") await this.#ensureHistory(person, written)
    if (decision.cv === "upload" && this.capture.cvUrl) await this.#ensureCv(person, this.capture.cvUrl)
  }

  async #updateScalars(person: CwPerson, decision: SyncDecision): Promise<void> {
    const patch: Record<string, unknown> = {}
    for (const field of ["name", "firstName", "lastName", "biography"] as const) {
      const v = setValue(decision, field)
      if (v !== undefined) patch[field] = v
    }
    const custom = decision.fieldPlan.filter((f) => f.field.startsWith("custom:") && f.op === "set" && f.value)
    if (custom.length) patch.customFieldValues = custom.map((f) => ({ customFieldId: f.field.slice("custom:".length), value: f.value }))
    if (Object.keys(patch).length === 0) return
    await this.client.updatePerson(person.id, patch)
    this.#write("person.update", person.id)
  }

  async #ensureTags(person: CwPerson, tags: readonly string[]): Promise<void> {
    const held = new Set(person.tags.map((t) => (t.name ?? "").trim().toLowerCase()))
    const missing = tags.filter((t) => !held.has(t.trim().toLowerCase()))
    if (missing.length === 0) return
    const ids = await this.deps.tags.ids(this.client, missing, (id) => this.#write("tag.create", id))
    const heldIds = new Set(person.tags.map((t) => t.tagId))
    for (const name of missing) {
      const tagId = ids.get(name)
      if (!tagId || heldIds.has(tagId)) continue
      try {
        await this.client.addTag(person.id, tagId)
      } catch (err) {
        if (err instanceof Rejected || err instanceof NotFound) this.deps.tags.invalidate(this.client.firm)
        throw err
      }
      this.#write("tag", tagId)
    }
  }

  /** Emails, phones, LinkedIn URLs and web sites Clockwork lacks (the planned value and the capture's others). */
  async #ensureContactLists(person: CwPerson, decision: SyncDecision): Promise<void> {
    const manual = this.event.type === "manual_update"
    const protectedFields = new Set<string>(this.settings.personFields.protected)
    const wanted = (field: FieldId, captured: (string | undefined)[], held: string[]): string[] => {
      const planned = setValue(decision, field)
      const mayAdd = !(protectedFields.has(field) && held.length > 0)
      // The page's first value is the field's value; when a recruiter (or campaign, or event) replaced
      // it, it is not written beside the replacement — the preview promised only the replacement.
      const source = decision.fieldPlan.find((f) => f.field === field)?.source
      const extras = source && source !== "capture" ? captured.slice(1) : captured
      const values = [planned, ...(manual || !mayAdd ? [] : extras)].filter((v): v is string => !!v?.trim())
      return [...new Map(values.map((v) => [comparable(field, v), v.trim()])).entries()].filter(([k]) => !held.some((h) => comparable(field, h) === k)).map(([, v]) => v)
    }
    for (const address of wanted("email", this.capture.emails, person.emails.map((e) => e.address))) {
      if (!EMAIL_RE.test(address)) {
        this.#remarks.push(`Email “${address}” was not written: it is not an email address.`)
        continue
      }
      this.#write("email", (await this.client.addEmail(person.id, { address })).id)
    }
    for (const digits of wanted("phone", this.capture.phones, person.phoneNumbers.map((p) => p.digits))) {
      if (!/\d/.test(digits)) continue
      this.#write("phone", (await this.client.addPhone(person.id, { digits })).id)
    }
    for (const url of wanted("linkedinUrl", [this.capture.linkedinUrl], person.linkedinUrls.map((l) => l.url))) {
      if (!isHttpUrl(url) || !linkedInHost(url)) {
        this.#remarks.push("A LinkedIn URL was not written: it is not a linkedin.com address.")
        continue
      }
      this.#write("linkedin_url", (await this.client.addLinkedinUrl(person.id, url)).id)
    }
    for (const url of wanted("website", [this.capture.website], person.webSites.map((w) => w.url))) {
      if (!isHttpUrl(url)) continue
      this.#write("web_site", (await this.client.addWebsite(person.id, url)).id)
    }
  }

  /**
   * Title and company live on the current position. A changed value adds the new current position
   * and keeps the old one as a past position. NOTE: Clockwork has no position update endpoint (as
   * far as known), so the old one is re-added with an end date and then removed. Returns the
   * position it made current, if any.
   */
  async #ensureCurrentPosition(person: CwPerson, decision: SyncDecision): Promise<{ title: string; company: string } | undefined> {
    const titleSet = setValue(decision, "title")
    const companySet = setValue(decision, "company")
    if (titleSet === undefined && companySet === undefined) return undefined
    const cur = currentPosition(person)
    const title = titleSet ?? cur?.title ?? undefined
    const company = companySet ?? companyOf(cur) ?? undefined
    if (!title || !company) {
      this.#remarks.push(`${title ? "Title" : "Company"} was not written: a Clockwork position needs both a title and a company.`)
      return undefined
    }
    const target = { title, company }
    if (!person.positions.some((p) => isCurrentPosition(p) && same(p.title, title) && same(companyOf(p), company))) {
      const known = this.capture.positions.find((p) => same(p.title, title) && same(p.company, company) && !p.endYear)
      const added = await this.client.addPosition(person.id, {
        title,
        companyName: company,
        ...(known?.startYear ? { startYear: known.startYear } : {}),
        ...(known?.startYear && known.startMonth ? { startMonth: known.startMonth } : {}),
      })
      this.#write("position", added.id)
    }
    if (cur && !(same(cur.title, title) && same(companyOf(cur), company))) await this.#retire(person, cur)
    return target
  }

  /** Keeps a replaced current position as a past one (re-added with an end date), then removes it. */
  async #retire(person: CwPerson, cur: CwPosition): Promise<void> {
    const now = this.deps.clock.now()
    const endYear = Math.max(now.getUTCFullYear(), cur.startYear ?? 0)
    const company = companyOf(cur)
    const alreadyPast = person.positions.some((p) => p.id !== cur.id && same(p.title, cur.title) && same(companyOf(p), company) && p.startYear === cur.startYear && p.endYear !== null)
    if (cur.title && (company || cur.companyId) && !alreadyPast) {
      const past = await this.client.addPosition(person.id, {
        title: cur.title,
        ...(cur.companyId ? { companyId: cur.companyId } : { companyName: company! }),
        ...(cur.startYear ? { startYear: cur.startYear } : {}),
        ...(cur.startYear && cur.startMonth ? { startMonth: cur.startMonth } : {}),
        endYear,
        endMonth: endYear === now.getUTCFullYear() ? now.getUTCMonth() + 1 : 12,
      })
      this.#write("position", past.id)
    }
    await this.client.deletePosition(person.id, cur.id)
    this.#write("position.delete", cur.id)
  }

  /** Work and education history Clockwork lacks (nothing is removed). */
  async #ensureHistory(person: CwPerson, current: { title: string; company: string } | undefined): Promise<void> {
    const have = person.positions.map((p) => ({ title: p.title, company: companyOf(p), startYear: p.startYear }))
    if (current) have.push({ title: current.title, company: current.company, startYear: null })
    for (const p of this.capture.positions) {
      if (!p.company) {
        this.#remarks.push(`Position “${p.title}” was not written: it has no company.`)
        continue
      }
      if (p.startYear && p.endYear && p.endYear < p.startYear) continue
      const held = have.some((h) => same(h.title, p.title) && same(h.company, p.company) && (!h.startYear || !p.startYear || h.startYear === p.startYear))
      if (held) continue
      const added = await this.client.addPosition(person.id, {
        title: p.title,
        companyName: p.company,
        ...(p.startYear ? { startYear: p.startYear } : {}),
        ...(p.startYear && p.startMonth ? { startMonth: p.startMonth } : {}),
        ...(p.endYear ? { endYear: p.endYear } : {}),
        ...(p.endYear && p.endMonth ? { endMonth: p.endMonth } : {}),
      })
      have.push({ title: p.title, company: p.company, startYear: p.startYear ?? null })
      this.#write("position", added.id)
    }
    const schools = person.education.map((e) => ({ school: e.school?.name ?? null, degree: e.degree, endYear: e.endYear }))
    for (const e of this.capture.education) {
      if (e.startYear && e.endYear && e.endYear < e.startYear) continue
      const held = schools.some((s) => same(s.school, e.school) && (!s.degree || !e.degree || same(s.degree, e.degree)) && (!s.endYear || !e.endYear || s.endYear === e.endYear))
      if (held) continue
      const added = await this.client.addEducation(person.id, {
        schoolName: e.school,
        ...(e.degree ? { degree: e.degree } : {}),
        ...(e.startYear ? { startYear: e.startYear } : {}),
        ...(e.endYear ? { endYear: e.endYear } : {}),
      })
      schools.push({ school: e.school, degree: e.degree ?? null, endYear: e.endYear ?? null })
      this.#write("education", added.id)
    }
  }

  async #ensureCv(person: CwPerson, url: string): Promise<void> {
    if (person.attachments.some((a) => a.url === url)) return
    const fileName = fileNameOf(url)
    const contentType = /\.pdf$/i.test(fileName) ? "application/pdf" : /\.docx$/i.test(fileName) ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : undefined
    const a = await this.client.uploadAttachment(person.id, { url, fileName, attachmentType: "resume", ...(contentType ? { contentType } : {}) })
    this.#write("attachment", a.id)
  }

  // ---- Notes ------------------------------------------------------------------------------------

  /** Creates the event's note unless an earlier attempt already did (found by its marker). */
  async #ensureNote(personId: string, note: NotePlan, eventId: string): Promise<void> {
    const marker = noteMarker(this.job.teamId, eventId)
    if (this.#rerun) {
      this.#notes ??= await this.client.listNotes(personId, { limit: 100 })
      const existing = this.#notes.find((n) => n.content?.includes(marker))
      if (existing) {
        if (!this.progress.writes.some((w) => w.kind === "note" && w.id === existing.id)) this.#write("note", existing.id)
        return
      }
    }
    const { content, subject } = renderNote(note, this.job.teamId, eventId)
    const created = await this.client.createNote(personId, { content, noteTypeId: note.typeId, ...(subject ? { subject } : {}) })
    this.#write("note", created.id)
    this.#notes?.push(created)
  }

  /**
   * When the person is created, the notes their earlier activity would have made (held back while
   * they were not in Clockwork) are created too, each once, with its own event's marker.
   */
  async #backfill(person: CwPerson): Promise<void> {
    const held = heldBackActivity(this.deps.db, this.job)
    if (held.length === 0) return
    const snapshot = toSnapshot(person, { firm: this.client.firm })
    for (const earlier of held) {
      const event = loadEvent(this.deps.db, this.job.teamId, earlier.eventId)
      if (!event) continue
      const input = resolveInputFor(this.deps.db, earlier, event, this.settings, this.capture)
      const decision = resolveSyncDecision({ ...input, existing: snapshot, triggerFiredBefore: true })
      if (!decision.note) continue
      const before = this.progress.writes.length
      await this.#ensureNote(person.id, decision.note, event.id)
      const noteId = this.progress.writes.slice(before).find((w) => w.kind === "note")?.id ?? null
      recordBackfill(this.deps.db, this.deps.clock, earlier.id, noteId, this.job.id)
      this.#remarks.push(`Added the held-back note of the earlier ${event.type} event ${event.id}.`)
    }
  }

  // ---- Project and stage ------------------------------------------------------------------------

  /** Puts the person on the campaign's project with the mapped status (adding or moving the candidacy). */
  async #ensureStage(personId: string, stage: StagePlan): Promise<void> {
    const { db, clock } = this.deps
    const teamId = this.job.teamId
    const cached = cachedCandidacy(db, teamId, personId, stage.projectId)
    if (cached) {
      if (cached.statusId === stage.statusId) return
      try {
        const c = await this.client.updateCandidacyStatus(stage.projectId, cached.candidacyId, stage.statusId)
        rememberCandidacy(db, clock, teamId, { candidacyId: c.id, personId, projectId: stage.projectId, statusId: c.statusId, clockworkUpdatedAt: null })
        this.#write("candidacy.status", c.id)
        return
      } catch (err) {
        if (!(err instanceof NotFound)) throw err
        forgetCandidacy(db, teamId, cached.candidacyId)
      }
    }
    try {
      const c = await this.client.addCandidacy(stage.projectId, { personId, statusId: stage.statusId })
      rememberCandidacy(db, clock, teamId, { candidacyId: c.id, personId, projectId: stage.projectId, statusId: c.statusId, clockworkUpdatedAt: null })
      this.#write("candidacy", c.id)
    } catch (err) {
      // NOTE: Clockwork's answer for a person already on the project is assumed to be a 4xx (the
      // sandbox answers 422); the candidacy is then found on the project and moved.
      if (!(err instanceof Rejected)) throw err
      const found = await this.#findCandidacy(stage.projectId, personId)
      if (!found) throw err
      rememberCandidacy(db, clock, teamId, { candidacyId: found.id, personId, projectId: stage.projectId, statusId: found.statusId, clockworkUpdatedAt: found.updatedAt })
      if (found.statusId === stage.statusId) return
      const c = await this.client.updateCandidacyStatus(stage.projectId, found.id, stage.statusId)
      rememberCandidacy(db, clock, teamId, { candidacyId: c.id, personId, projectId: stage.projectId, statusId: c.statusId, clockworkUpdatedAt: null })
      this.#write("candidacy.status", c.id)
    }
  }

  async #findCandidacy(projectId: string, personId: string) {
    for (let page = 0; page < MAX_CANDIDACY_PAGES; page++) {
      const list = await this.client.listCandidacies(projectId, { limit: CANDIDACY_PAGE, offset: page * CANDIDACY_PAGE })
      const hit = list.find((c) => c.personId === personId)
      if (hit) return hit
      if (list.length < CANDIDACY_PAGE) return undefined
    }
    return undefined
  }
}

/** The value a field is set to by the decision, when it is set. */
function setValue(decision: SyncDecision, field: FieldId): string | undefined {
  const entry: FieldPlanEntry | undefined = decision.fieldPlan.find((f) => f.field === field)
  return entry?.op === "set" && entry.value ? entry.value : undefined
}

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v)
    return u.protocol === "https:" || u.protocol === "http:"
  } catch {
    return false
  }
}

function linkedInHost(v: string): boolean {
  const host = new URL(v).hostname.toLowerCase()
  return host === "linkedin.com" || host.endsWith(".linkedin.com")
}

/** A file name for a CV URL: its last path segment, else "cv". */
function fileNameOf(url: string): string {
  try {
    const last = decodeURIComponent(new URL(url).pathname.split("/").filter(Boolean).at(-1) ?? "")
    return last.trim().slice(0, 255) || "cv"
  } catch {
    return "cv"
  }
}
