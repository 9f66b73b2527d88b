// Every client function against the sandbox over real HTTP on loopback.
import { afterAll, beforeEach, describe, expect, it } from "vitest"
import { NotFound, Rejected, toSnapshot } from "../../../server/clockwork/index"
import { startHarness, type Harness } from "./helpers"

let h: Harness
beforeEach(async () => {
  if (!h) h = await startHarness()
  h.sandbox.reset("demo")
})
afterAll(async () => {
  await h.close()
})

describe("people", () => {
  it("lists people a page at a time with limit and offset", async () => {
    const c = h.client()
    const first = await c.listPeople({ limit: 2 })
    const second = await c.listPeople({ limit: 2, offset: 2 })
    expect(first.map((p) => p.id)).toEqual(["p-robert-fox", "p-eleanor-pena"])
    expect(second.map((p) => p.id)).toEqual(["p-wade-warren", "p-cameron-williamson"])
  })

  it("searches people by name, email and LinkedIn URL and reports the total", async () => {
    const c = h.client()
    expect((await c.searchPeople("eleanor")).people.map((p) => p.id)).toEqual(["p-eleanor-pena"])
    expect((await c.searchPeople("KRISTIN@WATSON.example.org")).people.map((p) => p.id)).toEqual(["p-kristin-watson"])
    expect((await c.searchPeople("linkedin.com/in/wade-warren-demo/?trk=x")).people.map((p) => p.id)).toEqual(["p-wade-warren"])
    const paged = await c.searchPeople("example.com", { limit: 2 })
    expect(paged.people).toHaveLength(2)
    expect(paged.total).toBe(7)
  })

  it("reads one person, and answers undefined for an unknown id", async () => {
    const c = h.client()
    const robert = await c.getPerson("p-robert-fox")
    expect(robert?.name).toBe("Robert Fox")
    expect(robert?.emails.map((e) => e.address)).toEqual(["robert.fox@example.com"])
    expect(robert?.positions[0]).toMatchObject({ title: "VP Engineering", companyName: "Northwind Traders", isCurrent: true })
    expect(await c.getPerson("p-nobody")).toBeUndefined()
  })

  it("creates exactly one person and records the write in the ledger", async () => {
    const c = h.client()
    const jane = await c.createPerson({ name: "Jane Cooper", tagNames: ["Outreach"], customFieldValues: [{ customFieldId: "cf-source", value: "LinkedIn" }] })
    expect(jane).toMatchObject({ name: "Jane Cooper", firstName: "Jane", lastName: "Cooper", doNotContact: false })
    expect(jane.tags.map((t) => t.name)).toEqual(["Outreach"])
    const ledger = h.sandbox.ledger("demo")
    expect(ledger).toHaveLength(1)
    expect(ledger[0]).toMatchObject({ kind: "person.create", method: "POST", path: "/people", resourceId: jane.id, personId: jane.id })
    expect(ledger[0]!.body).toEqual({ person: { name: "Jane Cooper", tagNames: ["Outreach"], customFieldValues: [{ customFieldId: "cf-source", value: "LinkedIn" }] } })
  })

  it("updates only the fields given", async () => {
    const c = h.client()
    const updated = await c.updatePerson("p-robert-fox", { biography: "New bio", customFieldValues: [{ customFieldId: "cf-notice-period", value: "1 month" }] })
    expect(updated.biography).toBe("New bio")
    expect(updated.name).toBe("Robert Fox")
    expect(updated.customFieldValues).toEqual(
      expect.arrayContaining([{ customFieldId: "cf-source", name: "Source", value: "Referral" }, { customFieldId: "cf-notice-period", name: "Notice period", value: "1 month" }]),
    )
    expect(h.sandbox.ledger("demo").map((e) => e.kind)).toEqual(["person.update"])
  })

  it("adds emails, phones, addresses, LinkedIn URLs and web sites", async () => {
    const c = h.client()
    const email = await c.addEmail("p-robert-fox", { address: "rf@northwind.example", location: "work" })
    const phone = await c.addPhone("p-robert-fox", { digits: "+1 206 555 0100", extension: "12", location: "mobile" })
    const address = await c.addAddress("p-robert-fox", { street: "1 Main St", street2: "Suite 4", city: "Bellevue", state: "WA", postalCode: "98004", country: "US", regionId: "rg-north-america" })
    const li = await c.addLinkedinUrl("p-robert-fox", "https://uk.linkedin.com/in/robert-fox-alt")
    const site = await c.addWebsite("p-robert-fox", "https://robertfox.example")
    const robert = await c.getPerson("p-robert-fox")
    expect(robert?.emails.map((e) => e.id)).toContain(email.id)
    expect(robert?.phoneNumbers).toEqual([expect.objectContaining({ id: phone.id, digits: "+1 206 555 0100", extension: "12" })])
    expect(robert?.addresses.find((a) => a.id === address.id)).toMatchObject({ street2: "Suite 4", regionName: "North America", isPreferred: false })
    expect(robert?.linkedinUrls.map((l) => l.id)).toContain(li.id)
    expect(robert?.webSites).toEqual([expect.objectContaining({ id: site.id, url: "https://robertfox.example", isPreferred: true })])
    expect(h.sandbox.ledger("demo").map((e) => e.kind)).toEqual(["email.create", "phone.create", "address.create", "linkedin_url.create", "web_site.create"])
  })

  it("lists, adds and deletes positions; a new current job at a Do Not Contact company marks the person", async () => {
    const c = h.client()
    const added = await c.addPosition("p-kristin-watson", { title: "Advisor", companyName: "globex corporation", startYear: 2026, startMonth: 1 })
    expect(added).toMatchObject({ companyId: "co-globex", isCurrent: true })
    expect((await c.listPositions("p-kristin-watson")).map((p) => p.id)).toContain(added.id)
    expect((await c.getPerson("p-kristin-watson"))?.doNotContact).toBe(true)
    await c.deletePosition("p-kristin-watson", added.id)
    expect((await c.listPositions("p-kristin-watson")).map((p) => p.id)).not.toContain(added.id)
    expect((await c.getPerson("p-kristin-watson"))?.doNotContact).toBe(false)
  })

  it("lists, adds and deletes education", async () => {
    const c = h.client()
    const added = await c.addEducation("p-eleanor-pena", { schoolName: "MIT", degree: "MSc", startYear: 2010, endYear: 2012 })
    expect(await c.listEducation("p-eleanor-pena")).toEqual([expect.objectContaining({ id: added.id, degree: "MSc", school: expect.objectContaining({ name: "MIT" }) })])
    await c.deleteEducation("p-eleanor-pena", added.id)
    expect(await c.listEducation("p-eleanor-pena")).toEqual([])
  })

  it("tags a person once, however often asked, and removes the tag", async () => {
    const c = h.client()
    const first = await c.addTag("p-eleanor-pena", "tag-leadership")
    const again = await c.addTag("p-eleanor-pena", "tag-leadership")
    expect(again.id).toBe(first.id)
    expect(h.sandbox.ledger("demo").map((e) => e.kind)).toEqual(["tag.add"])
    await c.removeTag("p-eleanor-pena", "tag-leadership")
    expect((await c.getPerson("p-eleanor-pena"))?.tags.map((t) => t.name)).toEqual(["Engineering"])
  })

  it("refuses a tag that does not exist with the field named", async () => {
    const err = await h.client().addTag("p-eleanor-pena", "tag-nope").catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Rejected)
    expect((err as Rejected).status).toBe(422)
    expect((err as Rejected).details).toContain("person_tag.tag_id")
  })

  it("answers NotFound for a write to a person who does not exist", async () => {
    await expect(h.client().addEmail("p-nobody", { address: "x@example.com" })).rejects.toBeInstanceOf(NotFound)
  })
})

describe("notes and attachments", () => {
  it("creates a typed note, lists it first and reads it back", async () => {
    const c = h.client()
    const note = await c.createNote("p-robert-fox", { content: "<p>Replied: interested</p>", noteTypeId: "nt-email", subject: "Re: VP role" })
    expect(note).toMatchObject({ type: "Email", noteTypeId: "nt-email", subject: "Re: VP role", personId: "p-robert-fox" })
    const notes = await c.listNotes("p-robert-fox", { limit: 10 })
    expect(notes.map((n) => n.id)).toEqual([note.id, expect.any(String)])
    expect((await c.getNote(note.id))?.content).toBe("<p>Replied: interested</p>")
    expect(await c.getNote("n-nope")).toBeUndefined()
  })

  it("creates an untyped note when no note type is mapped", async () => {
    const note = await h.client().createNote("p-wade-warren", { content: "Sent InMail", noteTypeId: null })
    expect(note).toMatchObject({ type: null, noteTypeId: null })
  })

  it("uploads a CV by URL, lists it, and the snapshot then has a CV", async () => {
    const c = h.client()
    expect(toSnapshot((await c.getPerson("p-eleanor-pena"))!).hasCv).toBe(false)
    const cv = await c.uploadAttachment("p-eleanor-pena", { url: "https://files.example.com/eleanor.pdf", fileName: "eleanor.pdf", attachmentType: "resume", contentType: "application/pdf" })
    expect(cv).toMatchObject({ attachmentType: "resume", fileName: "eleanor.pdf", isPreferred: true })
    expect((await c.listAttachments("p-eleanor-pena")).map((a) => a.id)).toEqual([cv.id])
    expect(toSnapshot((await c.getPerson("p-eleanor-pena"))!).hasCv).toBe(true)
  })
})

describe("firm metadata", () => {
  it("lists tags, creates one, and returns the existing tag for a duplicate name", async () => {
    const c = h.client()
    expect((await c.listTags()).map((t) => t.name)).toEqual(["Outreach", "Engineering", "Leadership", "Sales"])
    const created = await c.createTag("Q1 2027")
    expect(await c.createTag("q1 2027")).toEqual(created)
    expect((await c.listTags()).map((t) => t.name)).toContain("Q1 2027")
  })

  it("lists the 23 default candidate statuses in order with their groups", async () => {
    const statuses = await h.client().listStatuses()
    expect(statuses).toHaveLength(23)
    expect(statuses[0]).toEqual({ id: "st-placed", name: "Placed", group: "Progressing", position: 1 })
    expect(statuses.find((s) => s.name === "Research")).toMatchObject({ id: "st-research", group: "Progressing" })
    expect(statuses.at(-1)).toMatchObject({ id: "st-remove-from-project", group: "Removal", position: 23 })
  })

  it("lists regions, companies with their Do Not Contact label, note types, custom fields and projects", async () => {
    const c = h.client()
    expect((await c.listRegions()).length).toBeGreaterThan(0)
    const companies = await c.listCompanies({ limit: 10 })
    expect(companies.find((co) => co.id === "co-globex")).toMatchObject({ doNotContact: true, doNotContactEndDate: "2027-06-30" })
    expect(companies.find((co) => co.id === "co-northwind")?.doNotContact).toBe(false)
    const noteTypes = await c.listNoteTypes()
    expect(noteTypes).toHaveLength(13)
    expect(noteTypes.map((n) => n.id)).toContain("nt-left-message")
    expect(await c.listCustomFields()).toEqual([
      { id: "cf-source", name: "Source", entity: "person", fieldType: "text" },
      { id: "cf-notice-period", name: "Notice period", entity: "person", fieldType: "text" },
    ])
    expect(await c.listProjects()).toEqual([{ id: "proj-demo-vpe", name: "VP Engineering — Northwind (demo)", clientCompanyId: "co-northwind", status: "open" }])
  })
})

describe("projects and candidacies", () => {
  it("adds a person to a project with a status, lists and moves them", async () => {
    const c = h.client()
    const cand = await c.addCandidacy("proj-demo-vpe", { personId: "p-robert-fox", statusId: "st-pursuing" })
    expect(cand).toMatchObject({ personId: "p-robert-fox", projectId: "proj-demo-vpe", statusId: "st-pursuing", rank: 1 })
    const moved = await c.updateCandidacyStatus("proj-demo-vpe", cand.id, "st-interviewing")
    expect(moved.statusId).toBe("st-interviewing")
    expect(await c.listCandidacies("proj-demo-vpe")).toEqual([expect.objectContaining({ id: cand.id, statusId: "st-interviewing" })])
    expect(h.sandbox.ledger("demo").map((e) => e.kind)).toEqual(["candidacy.create", "candidacy.update"])
  })

  it("defaults a new candidate to Research and refuses a second candidacy of the same person", async () => {
    const c = h.client()
    const cand = await c.addCandidacy("proj-demo-vpe", { personId: "p-cameron-williamson" })
    expect(cand.statusId).toBe("st-research")
    await expect(c.addCandidacy("proj-demo-vpe", { personId: "p-cameron-williamson" })).rejects.toBeInstanceOf(Rejected)
  })

  it("answers NotFound when moving a candidacy of another project", async () => {
    await expect(h.client().updateCandidacyStatus("proj-demo-vpe", "cand-nope", "st-placed")).rejects.toBeInstanceOf(NotFound)
  })
})

describe("webhooks", () => {
  it("registers and removes a webhook", async () => {
    const c = h.client()
    const { id } = await c.createWebhook("https://hooks.example.com/cw")
    expect(Object.keys(h.sandbox.state("demo")!.webhooks)).toEqual([id])
    await c.deleteWebhook(id)
    expect(h.sandbox.state("demo")!.webhooks).toEqual({})
    await expect(c.deleteWebhook(id)).rejects.toBeInstanceOf(NotFound)
  })
})
