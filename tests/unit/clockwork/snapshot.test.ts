// toSnapshot / toSummary: a Clockwork person as the shared resolver and the badge read it.
import { describe, expect, it } from "vitest"
import { CwPersonSchema } from "../../../server/clockwork/schemas"
import { toSnapshot, toSummary } from "../../../server/clockwork/index"

const person = (over: Record<string, unknown> = {}) =>
  CwPersonSchema.parse({
    id: "p1",
    name: "Jane Cooper",
    firstName: "Jane",
    lastName: "Cooper",
    biography: "Builds things",
    doNotContact: false,
    emails: [{ id: "e1", address: "jane@example.com" }, { id: "e2", address: "JANE@work.example" }],
    phoneNumbers: [{ id: "ph1", digits: "+1 415 555 0142", extension: "9" }],
    linkedinUrls: [{ id: "l1", url: "https://www.linkedin.com/in/jane-cooper-demo" }],
    webSites: [{ id: "w1", url: "https://jane.example" }],
    addresses: [
      { id: "a1", city: "Oakland", state: "CA", isPreferred: false },
      { id: "a2", city: "San Francisco Bay Area", isPreferred: true },
    ],
    positions: [
      { id: "pos1", title: "Engineer", companyName: "Old Co", endYear: 2020, isCurrent: false },
      { id: "pos2", title: "Staff Software Engineer", company: { id: "co1", name: "Initech" }, isCurrent: true },
    ],
    tags: [{ id: "pt1", tagId: "t1", name: "Engineering" }],
    customFieldValues: [
      { customFieldId: "cf-source", value: "LinkedIn" },
      { customFieldId: "bad id!", value: "x" },
      { customFieldId: "cf-empty", value: "  " },
    ],
    attachments: [{ id: "at1", attachmentType: "other" }],
    ...over,
  })

describe("toSnapshot", () => {
  it("maps names, the current position, the preferred address and custom fields into fields", () => {
    expect(toSnapshot(person()).fields).toEqual({
      name: "Jane Cooper",
      firstName: "Jane",
      lastName: "Cooper",
      biography: "Builds things",
      title: "Staff Software Engineer",
      company: "Initech",
      location: "San Francisco Bay Area",
      "custom:cf-source": "LinkedIn",
    })
  })

  it("lists emails, phones, LinkedIn URLs, web sites and tag names", () => {
    expect(toSnapshot(person())).toMatchObject({
      emails: ["jane@example.com", "JANE@work.example"],
      phones: ["+1 415 555 0142 x9"],
      linkedinUrls: ["https://www.linkedin.com/in/jane-cooper-demo"],
      websites: ["https://jane.example"],
      tags: ["Engineering"],
    })
  })

  it("says hasCv only for a résumé attachment, unless told otherwise", () => {
    expect(toSnapshot(person()).hasCv).toBe(false)
    expect(toSnapshot(person({ attachments: [{ id: "at2", attachmentType: "resume" }] })).hasCv).toBe(true)
    expect(toSnapshot(person(), { hasCv: true }).hasCv).toBe(true)
  })

  it("treats a v3 search position with type current as current, and no position as no title", () => {
    const p = person({ positions: [{ id: "x", title: "CTO", companyName: "Globex", type: "current" }] })
    expect(toSnapshot(p).fields).toMatchObject({ title: "CTO", company: "Globex" })
    expect(toSnapshot(person({ positions: null })).fields.title).toBeUndefined()
  })

  it("carries Do Not Contact with the reason Clockwork gave, or a generic one", () => {
    expect(toSnapshot(person({ doNotContact: true, doNotContactReason: "Works at Globex, which is Do Not Contact" }))).toMatchObject({
      doNotContact: true,
      doNotContactReason: "Works at Globex, which is Do Not Contact",
    })
    expect(toSnapshot(person({ doNotContact: true })).doNotContactReason).toBe("Marked Do Not Contact in Clockwork")
    expect(toSnapshot(person()).doNotContactReason).toBeUndefined()
  })

  it("clips values to what the shared contract allows", () => {
    const snap = toSnapshot(person({ biography: "x".repeat(5_000) }))
    expect(snap.fields.biography).toHaveLength(2_000)
  })

  it("builds the Clockwork link and keeps the match reason", () => {
    const snap = toSnapshot(person(), { firm: "demo", matchedBy: { by: "email", value: "jane@example.com" } })
    expect(snap.url).toBe("https://demo.clockworkrecruiting.com/firm/people/p1")
    expect(snap.matchedBy).toEqual({ by: "email", value: "jane@example.com" })
  })

  it("derives the name from first and last name when name is missing", () => {
    expect(toSnapshot(person({ name: null })).name).toBe("Jane Cooper")
  })
})

describe("toSummary", () => {
  it("gives the badge its title, company, Do Not Contact and link", () => {
    expect(toSummary(person({ doNotContact: true }), { by: "linkedin_url", value: "https://www.linkedin.com/in/jane-cooper-demo" }, "demo")).toEqual({
      id: "p1",
      name: "Jane Cooper",
      title: "Staff Software Engineer",
      company: "Initech",
      doNotContact: true,
      doNotContactReason: "Marked Do Not Contact in Clockwork",
      matchedBy: { by: "linkedin_url", value: "https://www.linkedin.com/in/jane-cooper-demo" },
      url: "https://demo.clockworkrecruiting.com/firm/people/p1",
    })
  })
})
