// Each rule of the seed, end to end: events in through POST /events, the worker resolves them and
// writes to the Clockwork sandbox over HTTP, and the sandbox's write ledger shows that the right
// writes — and only those — happened.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { DEFAULT_TEAM_SETTINGS, applySettingsPatch, type Campaign, type SendCheckResponse, type TeamSettingsPatch } from "@shared/index"
import { DEMO_FIRM } from "../../../server/clockwork/index"
import { bodyOf, contact, ev, personOf, seedPerson, startSyncWorld, type SyncWorld } from "./helpers"

let w: SyncWorld
let campaign: Campaign
let project: Campaign

/** Replaces the team's settings with the defaults plus `patch` (each test states what it relies on). */
async function useSettings(patch: TeamSettingsPatch): Promise<void> {
  const res = await w.request("PUT", "/settings", { settings: applySettingsPatch(DEFAULT_TEAM_SETTINGS, patch) })
  if (res.status !== 200) throw new Error(`PUT /settings answered ${res.status}: ${res.text}`)
}

async function sendAndDrain(...events: Parameters<SyncWorld["send"]>[0][]): Promise<void> {
  for (const e of events) {
    await w.send(e)
    await w.drain()
  }
}

const kinds = () => w.writes().map((e) => e.kind)

beforeAll(async () => {
  w = await startSyncWorld()
  await w.activate()
  campaign = await w.campaign("Platform leads")
  project = await w.campaign("VP Engineering search", { clockworkProjectId: "proj-demo-vpe" })
})

afterAll(async () => {
  await w.close()
})

beforeEach(() => {
  w.mark()
})

describe("when a person is added (trigger timing)", () => {
  it("creates the person when they are added to a campaign, with the trigger 'added to campaign'", async () => {
    await useSettings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false } })
    const c = contact("added")
    await sendAndDrain(ev.added(c, campaign.id))
    expect(w.writes("person.create")).toHaveLength(1)
    expect(bodyOf(w.writes("person.create")[0]!)).toMatchObject({ name: c.name })
    expect(personOf(w.sandbox, c)).toMatchObject({ name: c.name })
  })

  it("waits for the reply with the trigger 'when they reply', then creates the person with the held-back note too", async () => {
    await useSettings({ adding: { addPersonWhen: "replied", onlyNotesToSyncedRecords: false } })
    const c = contact("replied")
    await sendAndDrain(ev.added(c, campaign.id), ev.activity(c, "email", "First outreach", campaign.id, "Role at Northwind"))
    expect(kinds()).toEqual([])
    const log = await w.log(c.personKey)
    expect(log.jobs.map((j) => j.action)).toEqual(["skip", "skip"])
    expect(log.jobs[0]!.reason).toMatch(/when they reply/)

    await sendAndDrain(ev.replied(c, "Sounds interesting", campaign.id))
    expect(w.writes("person.create")).toHaveLength(1)
    const notes = w.writes("note.create").map((n) => bodyOf<{ content: string }>(n).content)
    expect(notes).toHaveLength(2)
    expect(notes.some((n) => n.includes("First outreach"))).toBe(true)
    expect(notes.some((n) => n.includes("Sounds interesting"))).toBe(true)
    const earlier = (await w.log(c.personKey)).jobs.find((j) => j.eventType === "activity")!
    expect(earlier.reason).toMatch(/note was added when the person was created/)
    expect(earlier.writes.map((x) => x.kind)).toEqual(["note"])
  })

  it("waits for interest with the trigger 'when they are interested'", async () => {
    await useSettings({ adding: { addPersonWhen: "interested", onlyNotesToSyncedRecords: false }, notes: { createFrom: [], typeMapping: {} } })
    const c = contact("interested")
    await sendAndDrain(ev.added(c, campaign.id), ev.replied(c, "Maybe", campaign.id))
    expect(kinds()).toEqual([])
    await sendAndDrain(ev.interested(c, campaign.id))
    expect(w.writes("person.create")).toHaveLength(1)
  })

  it("never creates anyone with the trigger 'never', yet notes activity on people already in Clockwork", async () => {
    await useSettings({ adding: { addPersonWhen: "never", onlyNotesToSyncedRecords: false } })
    const fresh = contact("never")
    const known = contact("never-known")
    const knownId = await seedPerson(w, { name: known.name, linkedinUrl: known.linkedinUrl! })
    w.mark()
    await sendAndDrain(ev.added(fresh, campaign.id), ev.replied(fresh, "Yes", campaign.id), ev.interested(fresh, campaign.id), ev.push(fresh))
    expect(kinds()).toEqual([])
    await sendAndDrain(ev.activity(known, "email", "Hello again", campaign.id))
    expect(kinds()).toEqual(["note.create"])
    expect(w.writes("note.create")[0]!.personId).toBe(knownId)
  })

  it("creates at once on 'push now', whatever the trigger", async () => {
    await useSettings({ adding: { addPersonWhen: "interested", onlyNotesToSyncedRecords: false } })
    const c = contact("push")
    await sendAndDrain(ev.push(c))
    expect(w.writes("person.create")).toHaveLength(1)
  })
})

describe("Sync as", () => {
  it("writes nothing for a campaign that syncs as Don't sync", async () => {
    await useSettings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false } })
    const quiet = await w.campaign("Quiet search", { syncAs: "none" })
    const c = contact("sync-none")
    await sendAndDrain(ev.added(c, quiet.id), ev.replied(c, "Hi", quiet.id))
    expect(kinds()).toEqual([])
    expect((await w.log(c.personKey)).jobs[0]!.reason).toMatch(/Don't sync/)
  })

  it("writes nothing for a person whose override says Don't sync", async () => {
    await useSettings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false } })
    const c = contact("override-none")
    const saved = await w.request("PUT", "/overrides", { personKey: c.personKey, syncAs: "none" })
    expect(saved.status).toBe(200)
    await sendAndDrain(ev.added(c, campaign.id))
    expect(kinds()).toEqual([])
    expect((await w.log(c.personKey)).jobs[0]!.reason).toMatch(/Your override: Sync as Don't sync/)
  })
})

describe("tags", () => {
  it("creates a person with the team's, the campaign's and the override's tags, minus the removed ones", async () => {
    await useSettings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false }, defaults: { syncAs: "person", tags: ["Outreach"] } })
    const tagged = await w.campaign("Tagged search", { tags: ["Engineering", "Q4 Search"] })
    const c = contact("tags")
    await w.request("PUT", "/overrides", { personKey: c.personKey, tags: { add: ["Leadership"], remove: ["Engineering"] } })
    await sendAndDrain(ev.added(c, tagged.id))
    expect(bodyOf(w.writes("person.create")[0]!)).toMatchObject({ tagNames: ["Outreach", "Q4 Search", "Leadership"] })
    expect(personOf(w.sandbox, c)!.tags.map((t) => t.name).sort()).toEqual(["Leadership", "Outreach", "Q4 Search"])
  })

  it("adds only the missing tags to an existing person and removes none", async () => {
    await useSettings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false }, defaults: { syncAs: "person", tags: ["Outreach", "Sales"] } })
    const c = contact("tags-existing")
    await seedPerson(w, { name: c.name, linkedinUrl: c.linkedinUrl!, tagNames: ["Sales", "Engineering"] })
    w.mark()
    await sendAndDrain(ev.added(c, campaign.id))
    expect(w.writes("tag.add")).toHaveLength(1)
    expect(w.writes("tag.remove")).toEqual([])
    expect(personOf(w.sandbox, c)!.tags.map((t) => t.name).sort()).toEqual(["Engineering", "Outreach", "Sales"])
  })
})

describe("displayed fields edited by the recruiter", () => {
  it("writes the recruiter's phone instead of the page's, and the page's other phones beside it", async () => {
    await useSettings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false } })
    const c = contact("edited-phone", { phones: ["+1 415 555 0142", "+1 415 555 0177"] })
    await w.request("PUT", "/overrides", { personKey: c.personKey, fields: { phone: "+1 415 555 0199" } })
    await sendAndDrain(ev.added(c, campaign.id))
    expect(personOf(w.sandbox, c)!.phoneNumbers.map((p) => p.digits)).toEqual(["+1 415 555 0199", "+1 415 555 0177"])
  })
})

describe("mandatory fields", () => {
  it("blocks the push while a mandatory field is missing (dead letter, nothing written), then creates once it is known", async () => {
    await useSettings({
      adding: { addPersonWhen: "replied", onlyNotesToSyncedRecords: false },
      personFields: { displayed: ["title", "phone"], mandatory: ["phone"], updatePolicy: {}, protected: [] },
    })
    const c = contact("mandatory")
    await sendAndDrain(ev.replied(c, "Yes", campaign.id))
    expect(kinds()).toEqual([])
    const [job] = (await w.log(c.personKey)).jobs
    expect(job).toMatchObject({ state: "dead", action: "blocked", attempts: 1 })
    expect(job!.reason).toMatch(/mandatory Phone missing/)
    expect((await w.status()).deadLetters.map((d) => d.id)).toContain(job!.id)

    await sendAndDrain(ev.replied({ ...c, phones: ["+44 20 7946 0000"] }, "Here is my number", campaign.id))
    expect(w.writes("person.create")).toHaveLength(1)
    expect(w.writes("phone.create")).toHaveLength(1)
  })
})

describe("field update policies and protected fields", () => {
  beforeEach(async () => {
    await useSettings({
      adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false },
      personFields: { displayed: ["title", "company", "location", "email", "phone", "biography"], mandatory: [], updatePolicy: { biography: "always", title: "always" }, protected: [] },
    })
  })

  it("overwrites a held value when the policy is 'always update'", async () => {
    const c = contact("always", { biography: "Builds payment platforms.", title: "CTO", company: "Initech" })
    await seedPerson(w, { name: c.name, linkedinUrl: c.linkedinUrl!, biography: "Old biography.", position: { title: "VP Engineering", companyName: "Initech", startYear: 2019 } })
    w.mark()
    await sendAndDrain(ev.added(c, campaign.id))
    expect(w.writes("person.update").map((u) => bodyOf(u))).toEqual([{ biography: "Builds payment platforms." }])
    const person = personOf(w.sandbox, c)!
    const current = person.positions.filter((p) => p.endYear === null)
    expect(current.map((p) => p.title)).toEqual(["CTO"])
    expect(person.positions.find((p) => p.title === "VP Engineering")).toMatchObject({ startYear: 2019 })
    expect(person.positions.find((p) => p.title === "VP Engineering")!.endYear).not.toBeNull()
  })

  it("keeps a held value when the policy is 'only update if blank', and fills a blank one", async () => {
    await useSettings({
      adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false },
      personFields: { displayed: ["location", "biography"], mandatory: [], updatePolicy: { biography: "if_blank", location: "if_blank" }, protected: [] },
    })
    const c = contact("if-blank", { biography: "New text.", location: "Berlin" })
    await seedPerson(w, { name: c.name, linkedinUrl: c.linkedinUrl!, biography: "Kept text." })
    w.mark()
    await sendAndDrain(ev.added(c, campaign.id))
    expect(w.writes("person.update")).toEqual([])
    expect(w.writes("address.create").map((a) => bodyOf(a))).toEqual([expect.objectContaining({ city: "Berlin" })])
    expect(personOf(w.sandbox, c)!.biography).toBe("Kept text.")
  })

  it("never overwrites a protected field, even with 'always update'", async () => {
    await useSettings({
      adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false },
      personFields: { displayed: ["biography", "phone"], mandatory: [], updatePolicy: { biography: "always" }, protected: ["biography", "phone"] },
    })
    const c = contact("protected", { biography: "Overwrite attempt.", phones: ["+1 415 555 0100"] })
    await seedPerson(w, { name: c.name, linkedinUrl: c.linkedinUrl!, emails: c.emails, biography: "Protected text.", phones: ["+1 206 555 0199"] })
    w.mark()
    await sendAndDrain(ev.added(c, campaign.id))
    expect(kinds()).toEqual([])
    const person = personOf(w.sandbox, c)!
    expect(person.biography).toBe("Protected text.")
    expect(person.phoneNumbers.map((p) => p.digits)).toEqual(["+1 206 555 0199"])
  })
})

describe("notes", () => {
  beforeEach(async () => {
    await useSettings({
      adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false },
      notes: { createFrom: ["email", "linkedin_message"], typeMapping: { email: "nt-email", replied: "nt-follow-up" } },
    })
  })

  it("types notes by the mapping, creates unmapped ones untyped, and none for channels not chosen", async () => {
    const c = contact("notes")
    await sendAndDrain(ev.added(c, campaign.id))
    w.mark()
    await sendAndDrain(
      ev.activity(c, "email", "Mapped <b>email</b> & co", campaign.id, "Intro"),
      ev.activity(c, "linkedin_message", "Unmapped message", campaign.id),
      ev.activity(c, "sms", "Not chosen", campaign.id),
      ev.replied(c, "Reply text", campaign.id),
    )
    const notes = w.writes("note.create").map((n) => bodyOf<{ content: string; noteTypeId?: string | null; subject?: string }>(n))
    expect(notes.map((n) => n.noteTypeId ?? null)).toEqual(["nt-email", null, "nt-follow-up"])
    expect(notes[0]!.content).toContain("Mapped &lt;b&gt;email&lt;/b&gt; &amp; co")
    expect(notes[0]!.subject).toBe("Intro")
    expect(notes.every((n) => n.content.includes("<!-- cogsync:"))).toBe(true)
    expect(notes.some((n) => n.content.includes("Not chosen"))).toBe(false)
  })

  it("adds notes to an existing record before the trigger fires, unless 'only add notes to synced records' is on", async () => {
    const known = contact("only-notes")
    await seedPerson(w, { name: known.name, linkedinUrl: known.linkedinUrl! })
    await useSettings({ adding: { addPersonWhen: "replied", onlyNotesToSyncedRecords: false }, notes: { createFrom: ["email"], typeMapping: {} } })
    w.mark()
    await sendAndDrain(ev.activity(known, "email", "Note before trigger", campaign.id))
    expect(kinds()).toEqual(["note.create"])

    await useSettings({ adding: { addPersonWhen: "replied", onlyNotesToSyncedRecords: true }, notes: { createFrom: ["email"], typeMapping: {} } })
    const held = contact("only-notes-on")
    await seedPerson(w, { name: held.name, linkedinUrl: held.linkedinUrl! })
    w.mark()
    await sendAndDrain(ev.activity(held, "email", "Held back", campaign.id))
    expect(kinds()).toEqual([])
    expect((await w.log(held.personKey)).jobs[0]).toMatchObject({ state: "done", action: "skip" })
    await sendAndDrain(ev.replied(held, "Now I reply", campaign.id))
    expect(w.writes("note.create").map((n) => bodyOf<{ content: string }>(n).content).some((t) => t.includes("Now I reply"))).toBe(true)
  })
})

describe("stages", () => {
  it("adds the person to the campaign's project with the mapped status and moves them as the stage changes", async () => {
    await useSettings({
      adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false },
      notes: { createFrom: [], typeMapping: {} },
      stages: { mapping: { added: "st-research", replied: "st-qualifying", interested: "st-candidate", not_interested: "st-not-interested" } },
    })
    const c = contact("stages")
    await sendAndDrain(ev.added(c, project.id))
    expect(w.writes("candidacy.create").map((x) => bodyOf(x))).toEqual([{ personId: personOf(w.sandbox, c)!.id, statusId: "st-research" }])
    await sendAndDrain(ev.replied(c, "ok", project.id), ev.stage(c, "bounced", project.id), ev.stage(c, "not_interested", project.id))
    expect(w.writes("candidacy.update").map((x) => bodyOf<{ statusId: string }>(x).statusId)).toEqual(["st-qualifying", "st-not-interested"])
    const candidacies = Object.values(w.sandbox.state(DEMO_FIRM.firm)!.candidacies).filter((x) => x.personId === personOf(w.sandbox, c)!.id)
    expect(candidacies.map((x) => x.statusId)).toEqual(["st-not-interested"])
  })

  it("moves a person already on the project (added there in Clockwork) instead of adding them twice", async () => {
    await useSettings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false }, stages: { mapping: { added: "st-pursuing" } } })
    const c = contact("stages-existing")
    const id = await seedPerson(w, { name: c.name, linkedinUrl: c.linkedinUrl! })
    const res = await fetch(`${w.sandboxUrl}/v3.0/demo/projects/proj-demo-vpe/candidacies`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Token ${Buffer.from(`${DEMO_FIRM.apiKey}:${DEMO_FIRM.apiSecret}`).toString("base64")}`, "x-api-key": DEMO_FIRM.serviceKey },
      body: JSON.stringify({ candidacy: { person_id: id } }),
    })
    expect(res.status).toBe(201)
    w.mark()
    await sendAndDrain(ev.added(c, project.id))
    expect(w.writes("candidacy.create")).toEqual([])
    expect(w.writes("candidacy.update").map((x) => bodyOf<{ statusId: string }>(x).statusId)).toEqual(["st-pursuing"])
  })
})

describe("CVs", () => {
  beforeEach(async () => {
    await useSettings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false }, advanced: { dontOverwriteCv: true, updateWorkEducationHistory: false } })
  })

  it("uploads the CV of a new person", async () => {
    const c = contact("cv-new", { cvUrl: "https://files.example.com/cv/new-person.pdf" })
    await sendAndDrain(ev.added(c, campaign.id))
    expect(w.writes("attachment.create").map((a) => bodyOf(a))).toEqual([expect.objectContaining({ attachmentType: "resume", url: c.cvUrl, fileName: "new-person.pdf" })])
  })

  it("does not overwrite an existing CV when the team says so, and does when it does not", async () => {
    const keep = contact("cv-keep", { cvUrl: "https://files.example.com/cv/keep-new.pdf" })
    await seedPerson(w, { name: keep.name, linkedinUrl: keep.linkedinUrl!, cvUrl: "https://files.example.com/cv/old.pdf" })
    w.mark()
    await sendAndDrain(ev.added(keep, campaign.id))
    expect(w.writes("attachment.create")).toEqual([])

    await useSettings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false }, advanced: { dontOverwriteCv: false, updateWorkEducationHistory: false } })
    const replace = contact("cv-replace", { cvUrl: "https://files.example.com/cv/replace-new.pdf" })
    await seedPerson(w, { name: replace.name, linkedinUrl: replace.linkedinUrl!, cvUrl: "https://files.example.com/cv/old.pdf" })
    w.mark()
    await sendAndDrain(ev.added(replace, campaign.id))
    expect(w.writes("attachment.create").map((a) => bodyOf<{ url: string }>(a).url)).toEqual([replace.cvUrl])
  })
})

describe("work and education history", () => {
  const history = {
    title: "Staff Engineer",
    company: "Initech",
    positions: [
      { title: "Staff Engineer", company: "Initech", startYear: 2021, current: true },
      { title: "Senior Engineer", company: "Hooli", startYear: 2016, endYear: 2021 },
    ],
    education: [{ school: "University of Leeds", degree: "BSc Physics", endYear: 2015 }],
  }

  it("gives a new person the known history once (the current position is not doubled)", async () => {
    await useSettings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false }, advanced: { dontOverwriteCv: true, updateWorkEducationHistory: false } })
    const c = contact("history-new", history)
    await sendAndDrain(ev.added(c, campaign.id))
    expect(w.writes("position.create").map((p) => bodyOf<{ title: string }>(p).title).sort()).toEqual(["Senior Engineer", "Staff Engineer"])
    expect(bodyOf(w.writes("position.create").find((p) => bodyOf<{ title: string }>(p).title === "Staff Engineer")!)).toMatchObject({ startYear: 2021 })
    expect(w.writes("education.create")).toHaveLength(1)
  })

  it("leaves an existing person's history alone unless the team updates full history, then adds only what is missing", async () => {
    await useSettings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false }, advanced: { dontOverwriteCv: true, updateWorkEducationHistory: false } })
    const c = contact("history-existing", history)
    await seedPerson(w, { name: c.name, linkedinUrl: c.linkedinUrl!, position: { title: "Staff Engineer", companyName: "Initech", startYear: 2021 } })
    w.mark()
    await sendAndDrain(ev.added(c, campaign.id))
    expect(kinds().filter((k) => k.startsWith("position") || k.startsWith("education"))).toEqual([])

    await useSettings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false }, advanced: { dontOverwriteCv: true, updateWorkEducationHistory: true } })
    await sendAndDrain(ev.push(c))
    expect(w.writes("position.create").map((p) => bodyOf<{ title: string }>(p).title)).toEqual(["Senior Engineer"])
    expect(w.writes("education.create")).toHaveLength(1)
    await sendAndDrain(ev.push(c))
    expect(w.writes("position.create")).toHaveLength(1)
  })
})

describe("manual contact updates", () => {
  it("pushes a recruiter's edits when the team syncs manual updates, and writes nothing when it does not", async () => {
    await useSettings({
      contact: { syncManualUpdates: false, blockEmailsToOffLimits: true },
      adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false },
      personFields: { displayed: ["title", "company", "phone"], mandatory: [], updatePolicy: {}, protected: [] },
    })
    const c = contact("manual")
    await sendAndDrain(ev.added(c, campaign.id))
    w.mark()
    await sendAndDrain(ev.manual(c, { phone: "+1 415 555 0123" }))
    expect(kinds()).toEqual([])
    expect((await w.log(c.personKey)).jobs[0]!.reason).toMatch(/manual contact updates are not synced/i)

    await useSettings({
      contact: { syncManualUpdates: true, blockEmailsToOffLimits: true },
      adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false },
      personFields: { displayed: ["title", "company", "phone"], mandatory: [], updatePolicy: {}, protected: [] },
    })
    await sendAndDrain(ev.manual(c, { phone: "+1 415 555 0456" }))
    expect(kinds()).toEqual(["phone.create"])
    expect(bodyOf(w.writes("phone.create")[0]!)).toMatchObject({ digits: "+1 415 555 0456" })
  })
})

describe("Do Not Contact", () => {
  it("refuses to email a Do Not Contact person while the team blocks it, and the sync log says why", async () => {
    await useSettings({ contact: { syncManualUpdates: true, blockEmailsToOffLimits: true }, adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false } })
    const c = contact("dnc")
    await seedPerson(w, { name: c.name, linkedinUrl: c.linkedinUrl!, emails: c.emails, doNotContact: true })
    await sendAndDrain(ev.added(c, campaign.id))
    const check = await w.request<SendCheckResponse>("GET", `/send-check?personKey=${encodeURIComponent(c.personKey)}`)
    expect(check.body).toMatchObject({ allowed: false, doNotContact: true })
    expect(check.body.reason).toMatch(/Do Not Contact/)
    const log = await w.log(c.personKey)
    expect(log.jobs[0]).toMatchObject({ eventType: "send_check", action: "email_blocked" })
    expect(log.jobs[0]!.reason).toMatch(/^Email not sent: .*Do Not Contact/)
    expect(log.jobs.find((j) => j.eventType === "added_to_campaign")!.reason).toMatch(/Emails are blocked: .*Do Not Contact/)

    await useSettings({ contact: { syncManualUpdates: true, blockEmailsToOffLimits: false }, adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false } })
    const allowed = await w.request<SendCheckResponse>("GET", `/send-check?personKey=${encodeURIComponent(c.personKey)}`)
    expect(allowed.body).toMatchObject({ allowed: true, doNotContact: true })
  })
})

describe("Clockwork's candidacy webhook", () => {
  it("updates the cached status of a candidate moved in Clockwork, and refuses a wrong token", async () => {
    await useSettings({ adding: { addPersonWhen: "added_to_campaign", onlyNotesToSyncedRecords: false }, stages: { mapping: { added: "st-research" } } })
    await w.server.context.sync.registerWebhook(w.teamId, w.server.url)
    const c = contact("webhook")
    await sendAndDrain(ev.added(c, project.id))
    const personId = personOf(w.sandbox, c)!.id
    const candidacy = Object.values(w.sandbox.state(DEMO_FIRM.firm)!.candidacies).find((x) => x.personId === personId)!
    w.sandbox.setCandidacyStatus(DEMO_FIRM.firm, candidacy.id, "st-finalist")
    await w.sandbox.flushWebhooks()
    const row = w.server.db.$client.prepare("select status_id from clockwork_status where team_id = ? and candidacy_id = ?").get(w.teamId, candidacy.id) as { status_id: string }
    expect(row.status_id).toBe("st-finalist")
    expect(w.sandbox.webhookDeliveries(DEMO_FIRM.firm).at(-1)).toMatchObject({ status: 200 })

    const forged = await w.request("POST", `/webhooks/clockwork/${w.teamId}?token=not-the-token`, { event_name: "candidacy_updated", candidacy: { id: candidacy.id, person_id: personId, project_id: "proj-demo-vpe", status_id: "st-placed" } }, null)
    expect(forged.status).toBe(401)
    const after = w.server.db.$client.prepare("select status_id from clockwork_status where candidacy_id = ?").get(candidacy.id) as { status_id: string }
    expect(after.status_id).toBe("st-finalist")
  })
})
