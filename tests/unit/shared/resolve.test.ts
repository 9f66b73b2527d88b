import { describe, expect, it } from "vitest"
import { decisionWrites, resolveSyncDecision, type AddPersonWhen, type OutreachEventType, type ResolveInput } from "@shared/index"
import { capture, event, existing, override, settings } from "./fixtures"

const base = (patch: Partial<ResolveInput> = {}): ResolveInput => ({ settings: settings(), capture: capture(), ...patch })
const field = (d: ReturnType<typeof resolveSyncDecision>, id: string) => {
  const f = d.fieldPlan.find((x) => x.field === id)
  if (!f) throw new Error(`no plan for ${id}`)
  return f
}

describe("rule 1: individual override beats campaign beats team default, unless locked", () => {
  it.each([
    { name: "team default applies when nothing overrides it", team: "person", campaign: undefined, person: undefined, locked: false, want: "person", layer: "team" },
    { name: "a campaign's Sync as beats the team default", team: "person", campaign: "none", person: undefined, locked: false, want: "none", layer: "campaign" },
    { name: "an individual override beats the campaign", team: "person", campaign: "none", person: "person", locked: false, want: "person", layer: "person" },
    { name: "an individual override beats the team default", team: "none", campaign: undefined, person: "person", locked: false, want: "person", layer: "person" },
    { name: "a locked team Sync as stands against the campaign", team: "person", campaign: "none", person: undefined, locked: true, want: "person", layer: "lock" },
    { name: "a locked team Sync as stands against an individual override", team: "none", campaign: "person", person: "person", locked: true, want: "none", layer: "lock" },
  ] as const)("$name", ({ team, campaign, person, locked, want, layer }) => {
    const d = resolveSyncDecision(
      base({
        settings: settings({ defaults: { syncAs: team, tags: [] }, locks: locked ? ["defaults.syncAs"] : [] }),
        campaign: campaign ? { syncAs: campaign, tags: [] } : undefined,
        override: person ? override({ syncAs: person }) : undefined,
      }),
    )
    expect(d.syncAs).toBe(want)
    expect(d.trace.syncAs.layer).toBe(layer)
  })

  it("a campaign's sync override of the Add Person trigger beats the team setting", () => {
    const d = resolveSyncDecision(base({ campaign: { tags: [], addPersonWhen: "added_to_campaign" }, event: event({ type: "added_to_campaign" }) }))
    expect(d.addPersonWhen).toBe("added_to_campaign")
    expect(d.trace.addPersonWhen.layer).toBe("campaign")
    expect(d.action).toBe("create")
  })

  it("a locked Add Person trigger ignores the campaign's sync override and says so", () => {
    const d = resolveSyncDecision(
      base({
        settings: settings({ adding: { addPersonWhen: "replied" }, locks: ["adding.addPersonWhen"] }),
        campaign: { tags: [], addPersonWhen: "added_to_campaign" },
        event: event({ type: "added_to_campaign" }),
      }),
    )
    expect(d.addPersonWhen).toBe("replied")
    expect(d.trace.addPersonWhen.layer).toBe("lock")
    expect(d.trace.addPersonWhen.detail).toMatch(/ignored/)
    expect(d.action).toBe("skip")
  })
})

describe("rule 2: addPersonWhen decides on which event a person is created", () => {
  const cases: { when: AddPersonWhen; type: OutreachEventType; creates: boolean }[] = [
    { when: "added_to_campaign", type: "added_to_campaign", creates: true },
    { when: "added_to_campaign", type: "activity", creates: true },
    { when: "replied", type: "added_to_campaign", creates: false },
    { when: "replied", type: "activity", creates: false },
    { when: "replied", type: "replied", creates: true },
    { when: "replied", type: "interested", creates: true },
    { when: "interested", type: "replied", creates: false },
    { when: "interested", type: "interested", creates: true },
    { when: "never", type: "interested", creates: false },
    { when: "never", type: "push_requested", creates: false },
  ]
  it.each(cases)("with “$when”, a $type event creates the person: $creates", ({ when, type, creates }) => {
    const ev = type === "activity" ? event({ type, channel: "email", body: "Hi" }) : event({ type } as never)
    const d = resolveSyncDecision(base({ settings: settings({ adding: { addPersonWhen: when } }), event: ev }))
    expect(d.action).toBe(creates ? "create" : "skip")
  })

  it("a stage change to interested fires an interested trigger", () => {
    const d = resolveSyncDecision(base({ settings: settings({ adding: { addPersonWhen: "interested" } }), event: event({ type: "stage_changed", stage: "interested" }) }))
    expect(d.action).toBe("create")
  })

  it("a trigger that fired on an earlier event still counts", () => {
    const d = resolveSyncDecision(
      base({ settings: settings({ adding: { addPersonWhen: "replied" } }), event: event({ type: "activity", channel: "email", body: "Follow-up" }), triggerFiredBefore: true }),
    )
    expect(d.action).toBe("create")
    expect(d.note?.body).toBe("Follow-up")
  })

  it("Sync as Don't sync means the person is never created, even when the trigger fires", () => {
    const d = resolveSyncDecision(base({ override: override({ syncAs: "none" }), event: event({ type: "interested" }) }))
    expect(d.action).toBe("skip")
    expect(decisionWrites(d)).toBe(false)
    expect(d.reasons.join(" ")).toMatch(/Don't sync/)
  })

  it("an event before the trigger adds only the note to a person already in Clockwork", () => {
    const d = resolveSyncDecision(base({ existing: existing(), event: event({ type: "activity", channel: "email", body: "Intro" }) }))
    expect(d.action).toBe("note_only")
    expect(d.note?.body).toBe("Intro")
    expect(d.fieldPlan.every((f) => f.op === "keep")).toBe(true)
    expect(d.stage).toBeNull()
  })

  it("an event before the trigger writes nothing for a person not in Clockwork", () => {
    const d = resolveSyncDecision(base({ event: event({ type: "activity", channel: "email", body: "Intro" }) }))
    expect(d.action).toBe("skip")
    expect(d.note).toBeNull()
    expect(decisionWrites(d)).toBe(false)
  })

  it("a preview without an event shows what push now would do", () => {
    const d = resolveSyncDecision(base())
    expect(d.action).toBe("create")
    expect(d.trace.action.detail).toBe("Push now")
  })

  it("updates a person already in Clockwork once the trigger fires", () => {
    const d = resolveSyncDecision(base({ existing: existing(), event: event({ type: "replied", body: "Sounds good" }) }))
    expect(d.action).toBe("update")
  })
})

describe("rule 3: tags", () => {
  it("unites team defaults and campaign tags, then applies the person's adds and removes", () => {
    const d = resolveSyncDecision(
      base({
        settings: settings({ defaults: { syncAs: "person", tags: ["Outreach", "2026"] } }),
        campaign: { tags: ["Engineering", "outreach"] },
        override: override({ tags: { add: ["Leadership"], remove: ["2026"] } }),
      }),
    )
    expect(d.tags).toEqual(["Outreach", "Engineering", "Leadership"])
    expect(d.trace.tags.layer).toBe("person")
  })

  it("a person's remove beats an inherited tag even when the person also adds it", () => {
    const d = resolveSyncDecision(base({ campaign: { tags: ["Sales"] }, override: override({ tags: { add: ["sales"], remove: ["SALES"] } }) }))
    expect(d.tags).toEqual([])
  })

  it("de-duplicates case-insensitively and keeps the first spelling and order", () => {
    const d = resolveSyncDecision(base({ settings: settings({ defaults: { syncAs: "person", tags: ["b", "A"] } }), campaign: { tags: ["a", "C", "B"] } }))
    expect(d.tags).toEqual(["b", "A", "C"])
    expect(d.trace.tags.layer).toBe("campaign")
  })

  it("locked default tags ignore the campaign's and the person's changes", () => {
    const d = resolveSyncDecision(
      base({
        settings: settings({ defaults: { syncAs: "person", tags: ["Outreach"] }, locks: ["defaults.tags"] }),
        campaign: { tags: ["Sales"] },
        override: override({ tags: { add: ["X"], remove: ["Outreach"] } }),
      }),
    )
    expect(d.tags).toEqual(["Outreach"])
    expect(d.trace.tags.layer).toBe("lock")
  })
})

describe("rule 4: mandatory fields", () => {
  it("blocks the push and lists the missing fields; nothing is written", () => {
    const d = resolveSyncDecision(
      base({
        settings: settings({ personFields: { mandatory: ["email", "custom:notice"] } }),
        capture: capture({ emails: [] }),
        event: event({ type: "replied", body: "yes" }),
      }),
    )
    expect(d.action).toBe("blocked")
    expect(d.missing).toEqual(["email", "custom:notice"])
    expect(decisionWrites(d)).toBe(false)
    expect(d.note).toBeNull()
    expect(d.reasons[0]).toMatch(/mandatory Email, notice missing/)
  })

  it("a mandatory field the recruiter filled in unblocks the push", () => {
    const d = resolveSyncDecision(
      base({
        settings: settings({ personFields: { mandatory: ["email"], displayed: ["email"] } }),
        capture: capture({ emails: [] }),
        override: override({ fields: { email: "jane@initech.com" } }),
      }),
    )
    expect(d.action).toBe("create")
    expect(field(d, "email")).toMatchObject({ value: "jane@initech.com", op: "set", source: "person", mandatory: true })
  })

  it("a mandatory field Clockwork already holds is not missing", () => {
    const d = resolveSyncDecision(base({ settings: settings({ personFields: { mandatory: ["location"] } }), capture: capture({ location: undefined }), existing: existing({ fields: { location: "Oakland" } }) }))
    expect(d.action).toBe("update")
    expect(d.missing).toEqual([])
  })
})

describe("rule 5: field update policy", () => {
  const withTitle = (policy: "always" | "if_blank" | undefined, current: string, protectedFields: string[] = []) =>
    resolveSyncDecision(
      base({
        settings: settings({ personFields: { updatePolicy: policy ? { title: policy } : {}, protected: protectedFields as never } }),
        existing: existing({ fields: { title: current } }),
      }),
    )

  it("overwrites an existing title when the policy is always update", () => {
    expect(field(withTitle("always", "Senior Engineer"), "title")).toMatchObject({ op: "set", why: "policy_always", current: "Senior Engineer", value: "Staff Software Engineer" })
  })
  it("keeps an existing title when the policy is only-if-blank", () => {
    expect(field(withTitle("if_blank", "Senior Engineer"), "title")).toMatchObject({ op: "keep", why: "policy_if_blank" })
  })
  it("treats a field with no policy as only-if-blank", () => {
    expect(field(withTitle(undefined, "Senior Engineer"), "title")).toMatchObject({ op: "keep", why: "policy_if_blank" })
  })
  it("fills a blank field under only-if-blank", () => {
    expect(field(withTitle("if_blank", ""), "title")).toMatchObject({ op: "set", why: "blank_in_clockwork" })
  })
  it("never overwrites a protected field, even with always update", () => {
    expect(field(withTitle("always", "Senior Engineer", ["title"]), "title")).toMatchObject({ op: "keep", why: "protected" })
  })
  it("keeps a value Clockwork already holds, ignoring case and spacing", () => {
    const d = resolveSyncDecision(base({ settings: settings({ personFields: { updatePolicy: { company: "always" } } }), existing: existing({ fields: { company: " initech " } }) }))
    expect(field(d, "company")).toMatchObject({ op: "keep", why: "unchanged" })
  })
  it("adds a new email beside the existing ones instead of replacing them", () => {
    const d = resolveSyncDecision(base({ capture: capture({ emails: ["jane@initech.com"] }), existing: existing() }))
    expect(field(d, "email")).toMatchObject({ op: "set", why: "value_added", current: "jane.cooper@example.com" })
  })
  it("recognises the same LinkedIn profile behind another URL shape", () => {
    const d = resolveSyncDecision(base({ capture: capture({ linkedinUrl: "https://uk.linkedin.com/in/Jane-Cooper/?trk=x" }), existing: existing() }))
    expect(field(d, "linkedinUrl")).toMatchObject({ op: "keep", why: "unchanged" })
  })
  it("does not prepend a biography Clockwork already contains", () => {
    const d = resolveSyncDecision(
      base({
        settings: settings({ personFields: { updatePolicy: { biography: "always" } } }),
        capture: capture({ biography: "Builds compilers." }),
        existing: existing({ fields: { biography: "Builds compilers.\n\nEarlier: kernel work." } }),
      }),
    )
    expect(field(d, "biography")).toMatchObject({ op: "keep", why: "unchanged" })
  })
  it("a new person gets every known value", () => {
    const d = resolveSyncDecision(base())
    expect(d.fieldPlan.filter((f) => f.value !== null).every((f) => f.op === "set" && f.why === "new_person")).toBe(true)
    expect(field(d, "name").value).toBe("Jane Cooper")
  })
  it("a recruiter's edit of a displayed field beats the page's value", () => {
    const d = resolveSyncDecision(base({ override: override({ fields: { phone: "+1 415 555 0199" } }) }))
    expect(field(d, "phone")).toMatchObject({ value: "+1 415 555 0199", source: "person", displayed: true })
  })
  it("a recruiter cannot edit a field that is not displayed, but it still syncs from the page", () => {
    const d = resolveSyncDecision(base({ settings: settings({ personFields: { displayed: ["title"] } }), override: override({ fields: { company: "Hooli" } }) }))
    expect(field(d, "company")).toMatchObject({ value: "Initech", source: "capture", displayed: false, overrideIgnored: true, op: "set" })
  })
  it("campaign field values beat the page but not the recruiter", () => {
    const d = resolveSyncDecision(
      base({
        settings: settings({ personFields: { displayed: ["custom:source", "location"] } }),
        campaign: { tags: [], fieldValues: { "custom:source": "Q4 outreach", location: "Remote" } },
        override: override({ fields: { location: "Oakland" } }),
      }),
    )
    expect(field(d, "custom:source")).toMatchObject({ value: "Q4 outreach", source: "campaign" })
    expect(field(d, "location")).toMatchObject({ value: "Oakland", source: "person" })
    expect(d.trace.fields.layer).toBe("person")
  })
})

describe("rule 6: notes", () => {
  it("creates a note for an activity listed in Create new notes from, typed by the mapping", () => {
    const d = resolveSyncDecision(
      base({
        settings: settings({ adding: { addPersonWhen: "added_to_campaign" }, notes: { createFrom: ["email"], typeMapping: { email: "nt-email" } } }),
        event: event({ type: "activity", channel: "email", subject: "Role at Northwind", body: "Hi Jane" }),
      }),
    )
    expect(d.note).toEqual({ typeId: "nt-email", channel: "email", subject: "Role at Northwind", body: "Hi Jane" })
  })
  it("creates no note for an activity not listed", () => {
    const d = resolveSyncDecision(base({ settings: settings({ adding: { addPersonWhen: "added_to_campaign" }, notes: { createFrom: ["email"], typeMapping: {} } }), event: event({ type: "activity", channel: "sms", body: "Hi" }) }))
    expect(d.note).toBeNull()
    expect(d.trace.note.detail).toMatch(/SMS/)
  })
  it("still creates an unmapped note, just without a type", () => {
    const d = resolveSyncDecision(base({ settings: settings({ adding: { addPersonWhen: "added_to_campaign" }, notes: { createFrom: ["call"], typeMapping: {} } }), event: event({ type: "activity", channel: "call", body: "Left voicemail" }) }))
    expect(d.note).toMatchObject({ typeId: null, body: "Left voicemail" })
  })
  it("types a reply note with the reply mapping before the channel's", () => {
    const d = resolveSyncDecision(base({ settings: settings({ notes: { createFrom: ["email"], typeMapping: { email: "nt-email", replied: "nt-follow-up" } } }), event: event({ type: "replied", body: "Let's talk" }) }))
    expect(d.note).toMatchObject({ typeId: "nt-follow-up", body: "Let's talk" })
  })
  it("with only-notes-to-synced-records, no note lands on a pre-existing record before the trigger", () => {
    const d = resolveSyncDecision(base({ settings: settings({ adding: { addPersonWhen: "replied", onlyNotesToSyncedRecords: true } }), existing: existing(), event: event({ type: "activity", channel: "email", body: "Intro" }) }))
    expect(d.action).toBe("skip")
    expect(d.note).toBeNull()
    expect(d.trace.note.detail).toMatch(/Only notes to synced records/)
  })
  it("with only-notes-to-synced-records, notes land once the trigger has fired", () => {
    const d = resolveSyncDecision(
      base({ settings: settings({ adding: { addPersonWhen: "replied", onlyNotesToSyncedRecords: true } }), existing: existing(), event: event({ type: "activity", channel: "email", body: "Thanks" }), triggerFiredBefore: true }),
    )
    expect(d.action).toBe("update")
    expect(d.note?.body).toBe("Thanks")
  })
})

describe("rule 7: stages", () => {
  const mapped = settings({ adding: { addPersonWhen: "added_to_campaign" }, stages: { mapping: { replied: "st-qualifying", added: "st-research" } } })
  it("sets the mapped Clockwork status when the campaign is linked to a project", () => {
    const d = resolveSyncDecision(base({ settings: mapped, campaign: { tags: [], clockworkProjectId: "proj-1" }, event: event({ type: "replied", body: "" }) }))
    expect(d.stage).toEqual({ stage: "replied", statusId: "st-qualifying", projectId: "proj-1" })
  })
  it("sets no status when the campaign has no Clockwork project", () => {
    const d = resolveSyncDecision(base({ settings: mapped, campaign: { tags: [] }, event: event({ type: "replied", body: "" }) }))
    expect(d.stage).toBeNull()
    expect(d.trace.stage.detail).toMatch(/not linked/)
  })
  it("sets no status for an unmapped stage", () => {
    const d = resolveSyncDecision(base({ settings: mapped, campaign: { tags: [], clockworkProjectId: "proj-1" }, event: event({ type: "bounced" }) }))
    expect(d.stage).toBeNull()
  })
  it("maps an explicit stage change", () => {
    const d = resolveSyncDecision(base({ settings: mapped, campaign: { tags: [], clockworkProjectId: "proj-1" }, event: event({ type: "stage_changed", stage: "added" }) }))
    expect(d.stage?.statusId).toBe("st-research")
  })
})

describe("rule 8: off-limits", () => {
  it("a Do Not Contact person may not be emailed when the team blocks off-limits emails, and the reason names Clockwork's flag", () => {
    const d = resolveSyncDecision(base({ existing: existing({ doNotContact: true, doNotContactReason: "Client: Globex (non-solicit until 2027-06-30)" }) }))
    expect(d.emailAllowed).toBe(false)
    expect(d.emailReason).toMatch(/Do Not Contact: Client: Globex/)
    expect(d.trace.emailAllowed.layer).toBe("clockwork")
  })
  it("a Do Not Contact person may be emailed when the team does not block", () => {
    const d = resolveSyncDecision(base({ settings: settings({ contact: { blockEmailsToOffLimits: false } }), existing: existing({ doNotContact: true }) }))
    expect(d.emailAllowed).toBe(true)
    expect(d.trace.emailAllowed.layer).toBe("team")
  })
  it("anyone else may be emailed", () => {
    expect(resolveSyncDecision(base({ existing: existing() })).emailAllowed).toBe(true)
    expect(resolveSyncDecision(base()).emailAllowed).toBe(true)
  })
})

describe("rule 9: CV and history", () => {
  const cv = capture({ cvUrl: "https://files.example.com/jane.pdf" })
  it("does not overwrite an existing CV when the team says so", () => {
    expect(resolveSyncDecision(base({ capture: cv, existing: existing({ hasCv: true }) })).cv).toBe("skip")
  })
  it("uploads the CV when Clockwork has none", () => {
    expect(resolveSyncDecision(base({ capture: cv, existing: existing({ hasCv: false }) })).cv).toBe("upload")
  })
  it("overwrites an existing CV when the team allows it", () => {
    expect(resolveSyncDecision(base({ settings: settings({ advanced: { dontOverwriteCv: false } }), capture: cv, existing: existing({ hasCv: true }) })).cv).toBe("upload")
  })
  it("has nothing to upload without a CV", () => {
    expect(resolveSyncDecision(base()).cv).toBe("none")
  })
  it("a new person always gets the known history", () => {
    expect(resolveSyncDecision(base({ settings: settings({ advanced: { updateWorkEducationHistory: false } }) })).history).toBe("replace")
  })
  it("an existing person's history is replaced only when the team updates full history", () => {
    expect(resolveSyncDecision(base({ existing: existing(), settings: settings({ advanced: { updateWorkEducationHistory: true } }) })).history).toBe("replace")
    expect(resolveSyncDecision(base({ existing: existing(), settings: settings({ advanced: { updateWorkEducationHistory: false } }) })).history).toBe("skip")
  })
})

describe("rule 10: manual contact updates", () => {
  it("pushes the edited fields when manual updates are synced", () => {
    const d = resolveSyncDecision(
      base({ settings: settings({ personFields: { updatePolicy: { title: "always" } } }), existing: existing(), event: event({ type: "manual_update", fields: { title: "Principal Engineer" } }) }),
    )
    expect(d.action).toBe("update")
    expect(d.fieldPlan.map((f) => f.field)).toEqual(["title"])
    expect(field(d, "title")).toMatchObject({ op: "set", source: "event", value: "Principal Engineer" })
  })
  it("changes nothing in Clockwork when manual updates are not synced", () => {
    const d = resolveSyncDecision(base({ settings: settings({ contact: { syncManualUpdates: false } }), existing: existing(), event: event({ type: "manual_update", fields: { title: "Principal Engineer" } }) }))
    expect(d.action).toBe("skip")
    expect(decisionWrites(d)).toBe(false)
  })
  it("a manual update never creates a person", () => {
    const d = resolveSyncDecision(base({ event: event({ type: "manual_update", fields: { title: "CTO" } }) }))
    expect(d.action).toBe("skip")
  })
})

describe("contact fields mapping", () => {
  it("fills Clockwork fields from the outreach variables through the field mapping", () => {
    const d = resolveSyncDecision(
      base({
        settings: settings({ fieldMapping: { title: "job_title", "custom:source": "lead_source" } }),
        capture: capture({ title: undefined, headline: undefined }),
        event: event({ type: "push_requested", variables: { job_title: "Head of Data", lead_source: "Referral" } }),
      }),
    )
    expect(field(d, "title")).toMatchObject({ value: "Head of Data", source: "variables" })
    expect(field(d, "custom:source")).toMatchObject({ value: "Referral", source: "variables" })
  })
})
