import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  ACTIVITIES,
  ADD_PERSON_WHEN,
  OUTREACH_STAGES,
  ResolveInputSchema,
  STANDARD_FIELD_IDS,
  SyncDecisionSchema,
  decisionWrites,
  resolveSyncDecision,
  type FieldId,
  type ResolveInput,
  type SettingPath,
} from "@shared/index"

// Property tests run at least 1,000 cases each (COGSYNC_PROPERTY_RUNS raises it).
const RUNS = Math.max(1000, Number(process.env.COGSYNC_PROPERTY_RUNS ?? 0))

const FIELDS: FieldId[] = [...STANDARD_FIELD_IDS, "custom:source", "custom:notice"]
const TAGS = ["Outreach", "outreach", "Engineering", "Sales", "Leadership", "2026", " Data "]
const LOCKABLE: SettingPath[] = ["defaults.syncAs", "defaults.tags", "adding.addPersonWhen", "personFields.displayed"]
const text = fc.oneof(fc.constantFrom("", " ", "Initech", "Jane Cooper", "Staff Engineer", "+1 415 555 0142", "jane@initech.com", "https://www.linkedin.com/in/jane-cooper"), fc.string({ maxLength: 12 }))
const subset = <T>(xs: readonly T[]) => fc.subarray([...xs])
const syncAs = fc.constantFrom("person" as const, "none" as const)
const fieldValues = fc.dictionary(fc.constantFrom(...FIELDS), text, { maxKeys: 5 })

const settingsArb = fc.record({
  contact: fc.record({ syncManualUpdates: fc.boolean(), blockEmailsToOffLimits: fc.boolean() }),
  adding: fc.record({ addPersonWhen: fc.constantFrom(...ADD_PERSON_WHEN), onlyNotesToSyncedRecords: fc.boolean() }),
  personFields: fc.record({
    displayed: subset(FIELDS),
    mandatory: subset(FIELDS.slice(0, 8)),
    updatePolicy: fc.dictionary(fc.constantFrom(...FIELDS), fc.constantFrom("always" as const, "if_blank" as const), { maxKeys: 6 }),
    protected: subset(FIELDS.slice(0, 6)),
  }),
  notes: fc.record({
    createFrom: subset(ACTIVITIES),
    typeMapping: fc.dictionary(fc.constantFrom(...ACTIVITIES, "replied" as const, "interested" as const), fc.constantFrom("nt-email", "nt-call", "nt-follow-up"), { maxKeys: 4 }),
  }),
  stages: fc.record({ mapping: fc.dictionary(fc.constantFrom(...OUTREACH_STAGES), fc.constantFrom("st-research", "st-qualifying", "st-candidate"), { maxKeys: 4 }) }),
  fieldMapping: fc.dictionary(fc.constantFrom(...FIELDS), fc.constantFrom("first_name", "job_title", "company", "lead_source"), { maxKeys: 4 }),
  advanced: fc.record({ dontOverwriteCv: fc.boolean(), updateWorkEducationHistory: fc.boolean() }),
  defaults: fc.record({ syncAs, tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 }) }),
  locks: subset(LOCKABLE),
})

const captureArb = fc.record(
  {
    personKey: fc.constant("li:jane-cooper"),
    source: fc.constant("linkedin" as const),
    name: fc.constantFrom("Jane Cooper", "J"),
    title: text,
    company: text,
    location: text,
    biography: text,
    emails: fc.array(fc.constantFrom("jane@initech.com", "Jane.Cooper@example.com"), { maxLength: 2 }),
    phones: fc.array(fc.constantFrom("+1 415 555 0142", "(415) 555-0199"), { maxLength: 2 }),
    linkedinUrl: fc.constantFrom("https://www.linkedin.com/in/jane-cooper", "https://uk.linkedin.com/in/Jane-Cooper/"),
    cvUrl: fc.constantFrom("https://files.example.com/cv.pdf"),
    custom: fc.dictionary(fc.constantFrom("custom:source" as const, "custom:notice" as const), text, { maxKeys: 2 }),
  },
  { requiredKeys: ["personKey", "source", "name"] },
)

const existingArb = fc.option(
  fc.record({
    id: fc.constant("p-1"),
    name: fc.constant("Jane Cooper"),
    fields: fieldValues,
    emails: fc.array(fc.constantFrom("jane@initech.com", "old@example.com"), { maxLength: 2 }),
    phones: fc.array(fc.constantFrom("+14155550142"), { maxLength: 1 }),
    linkedinUrls: fc.array(fc.constantFrom("https://www.linkedin.com/in/jane-cooper"), { maxLength: 1 }),
    tags: fc.array(fc.constantFrom(...TAGS), { maxLength: 2 }),
    doNotContact: fc.boolean(),
    doNotContactReason: fc.option(fc.constant("Client company is off-limits"), { nil: undefined }),
    hasCv: fc.boolean(),
  }),
  { nil: undefined },
)

const eventBase = { id: fc.constant("evt-1"), personKey: fc.constant("li:jane-cooper"), occurredAt: fc.constant("2026-12-04T10:00:00Z") }
const eventArb = fc.option(
  fc.oneof(
    fc.record({ ...eventBase, type: fc.constantFrom("added_to_campaign", "not_interested", "bounced", "unsubscribed", "push_requested") }),
    fc.record({ ...eventBase, type: fc.constant("activity"), channel: fc.constantFrom(...ACTIVITIES), body: text }),
    fc.record({ ...eventBase, type: fc.constantFrom("replied", "interested"), channel: fc.constantFrom(...ACTIVITIES), body: text }),
    fc.record({ ...eventBase, type: fc.constant("stage_changed"), stage: fc.constantFrom(...OUTREACH_STAGES) }),
    fc.record({ ...eventBase, type: fc.constant("manual_update"), fields: fieldValues }),
    fc.record({ ...eventBase, type: fc.constant("push_requested"), variables: fc.dictionary(fc.constantFrom("first_name", "job_title", "lead_source"), text, { maxKeys: 3 }) }),
  ),
  { nil: undefined },
)

const inputArb = fc
  .record(
    {
      settings: settingsArb,
      campaign: fc.record(
        { name: fc.constant("Q4"), syncAs, tags: fc.array(fc.constantFrom(...TAGS), { maxLength: 3 }), addPersonWhen: fc.constantFrom(...ADD_PERSON_WHEN), clockworkProjectId: fc.constant("proj-1"), fieldValues },
        { requiredKeys: ["tags"] },
      ),
      override: fc.record(
        {
          personKey: fc.constant("li:jane-cooper"),
          syncAs,
          tags: fc.record({ add: fc.array(fc.constantFrom(...TAGS), { maxLength: 2 }), remove: fc.array(fc.constantFrom(...TAGS), { maxLength: 2 }) }),
          fields: fieldValues,
        },
        { requiredKeys: ["personKey", "tags", "fields"] },
      ),
      capture: captureArb,
      existing: existingArb,
      event: eventArb,
      triggerFiredBefore: fc.boolean(),
    },
    { requiredKeys: ["settings", "capture"] },
  )
  .map((raw) => ResolveInputSchema.safeParse(raw))
  .filter((r) => r.success)
  .map((r) => r.data as ResolveInput)

const mergeCi = (tags: readonly string[]) => {
  const seen = new Set<string>()
  return tags.map((t) => t.trim()).filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()))
}

describe("resolver properties", () => {
  it("a locked setting always wins over the campaign and the individual override", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const d = resolveSyncDecision(input)
        const locks = input.settings.locks
        if (locks.includes("defaults.syncAs")) {
          expect(d.syncAs).toBe(input.settings.defaults.syncAs)
          expect(d.trace.syncAs.layer).toBe("lock")
        }
        if (locks.includes("adding.addPersonWhen")) {
          expect(d.addPersonWhen).toBe(input.settings.adding.addPersonWhen)
          expect(d.trace.addPersonWhen.layer).toBe("lock")
        }
        if (locks.includes("defaults.tags")) expect(d.tags).toEqual(mergeCi(input.settings.defaults.tags))
      }),
      { numRuns: RUNS },
    )
  })

  it("an unlocked individual override always wins", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const d = resolveSyncDecision(input)
        const o = input.override
        if (!o) return
        if (o.syncAs && !input.settings.locks.includes("defaults.syncAs")) expect(d.syncAs).toBe(o.syncAs)
        if (!input.settings.locks.includes("defaults.tags")) {
          for (const removed of o.tags.remove) expect(d.tags.map((t) => t.toLowerCase())).not.toContain(removed.trim().toLowerCase())
          const removed = new Set(o.tags.remove.map((t) => t.trim().toLowerCase()))
          for (const added of o.tags.add) if (!removed.has(added.trim().toLowerCase())) expect(d.tags.map((t) => t.toLowerCase())).toContain(added.trim().toLowerCase())
        }
        if (input.event?.type !== "manual_update") {
          for (const [f, v] of Object.entries(o.fields)) {
            if (v?.trim() && input.settings.personFields.displayed.includes(f as FieldId)) {
              expect(d.fieldPlan.find((p) => p.field === f)).toMatchObject({ value: v?.trim(), source: "person" })
            }
          }
        }
      }),
      { numRuns: RUNS },
    )
  })

  it("a blocked decision never carries writes", () => {
    let blocked = 0
    fc.assert(
      fc.property(inputArb, (input) => {
        const d = resolveSyncDecision(input)
        if (d.action !== "blocked") return
        blocked += 1
        expect(decisionWrites(d)).toBe(false)
        expect(d.fieldPlan.some((f) => f.op === "set")).toBe(false)
        expect([d.note, d.stage, d.cv, d.history]).toEqual([null, null, "none", "skip"])
        expect(d.missing.length).toBeGreaterThan(0)
      }),
      { numRuns: RUNS },
    )
    expect(blocked).toBeGreaterThan(0)
  })

  it("is deterministic, never throws on schema-valid input, and returns a valid SyncDecision", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const a = resolveSyncDecision(input)
        const b = resolveSyncDecision(structuredClone(input))
        expect(b).toEqual(a)
        expect(SyncDecisionSchema.safeParse(a).success).toBe(true)
        if (a.action === "skip") expect(decisionWrites(a)).toBe(false)
      }),
      { numRuns: RUNS },
    )
  })
})
