// findPerson against the sandbox: any LinkedIn URL shape, emails in any case, and Do Not Contact
// (person-level and through a Do Not Contact employer) reaching the snapshot and the summary.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { findPerson, toSnapshot, toSummary } from "../../../server/clockwork/index"
import { startHarness, type Harness } from "./helpers"

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

describe("findPerson", () => {
  it.each([
    "https://www.linkedin.com/in/robert-fox-demo",
    "https://www.linkedin.com/in/robert-fox-demo/",
    "http://linkedin.com/in/Robert-Fox-Demo?trk=public_profile",
    "www.linkedin.com/in/robert-fox-demo/details/experience/",
    "https://de.linkedin.com/in/robert-fox-demo/en",
    "https://www.linkedin.com/in/robert%2Dfox%2Ddemo",
    "https://www.linkedin.com/talent/profile/AEMAAB?project=1&profileUrl=https%3A%2F%2Fwww.linkedin.com%2Fin%2Frobert-fox-demo",
  ])("finds Robert Fox by the LinkedIn URL %s", async (url) => {
    const found = await findPerson(h.client(), { linkedinUrls: [url] })
    expect(found?.person.id).toBe("p-robert-fox")
    expect(found?.matchedBy).toEqual({ by: "linkedin_url", value: url })
  })

  it("finds a person by an email in any case when the LinkedIn URL matches nobody", async () => {
    const found = await findPerson(h.client(), { linkedinUrls: ["https://www.linkedin.com/in/somebody-else-demo"], emails: ["Kristin@Watson.Example.ORG"] })
    expect(found?.person.id).toBe("p-kristin-watson")
    expect(found?.matchedBy).toEqual({ by: "email", value: "Kristin@Watson.Example.ORG" })
  })

  it("does not take a search hit that only resembles the query", async () => {
    // The sandbox's free-text search returns Robert Fox for "fox@example.com" (a substring of his
    // email); findPerson must confirm the email is equal before it counts as a match.
    expect(await findPerson(h.client(), { linkedinUrls: ["https://www.linkedin.com/in/robert-fox"], emails: ["fox@example.com"] })).toBeUndefined()
  })

  it("answers undefined for a new person without calling Clockwork for unusable identifiers", async () => {
    h.attempts.length = 0
    expect(await findPerson(h.client(), { linkedinUrls: ["https://example.com/in/x"], emails: ["not-an-email"] })).toBeUndefined()
    expect(h.attempts).toEqual([])
    expect(await findPerson(h.client(), { linkedinUrls: ["https://www.linkedin.com/in/jane-cooper-demo"], emails: ["jane.cooper@example.com"] })).toBeUndefined()
  })
})

describe("Do Not Contact in snapshots and summaries", () => {
  it("marks Eleanor Pena Do Not Contact through Globex, with the reason", async () => {
    const found = await findPerson(h.client(), { emails: ["eleanor.pena@example.com"] })
    const snap = toSnapshot(found!.person, { matchedBy: found!.matchedBy, firm: "demo" })
    expect(snap).toMatchObject({ id: "p-eleanor-pena", doNotContact: true, matchedBy: { by: "email" }, url: "https://demo.clockworkrecruiting.com/firm/people/p-eleanor-pena" })
    expect(snap.doNotContactReason).toContain("Globex Corporation")
    expect(snap.doNotContactReason).toContain("2027-06-30")
  })

  it("marks Wade Warren Do Not Contact himself", async () => {
    const found = await findPerson(h.client(), { linkedinUrls: ["https://www.linkedin.com/in/wade-warren-demo"] })
    const summary = toSummary(found!.person, found!.matchedBy, "demo")
    expect(summary).toMatchObject({ name: "Wade Warren", title: "Director of Sales", company: "Initech", doNotContact: true, doNotContactReason: "Marked Do Not Contact" })
  })

  it("does not mark someone who left the Do Not Contact company", async () => {
    const found = await findPerson(h.client(), { emails: ["leslie.alexander@example.com"] })
    expect(toSnapshot(found!.person)).toMatchObject({ doNotContact: false, fields: { title: "Principal Engineer", company: "Northwind Traders" } })
  })

  it("shows the same Do Not Contact in people_search results as in GET /people/:id", async () => {
    const { people } = await h.client().searchPeople("eleanor.pena@example.com")
    expect(people[0]).toMatchObject({ doNotContact: true, doNotContactSource: "company" })
  })

  it("maps Robert Fox's record into the snapshot fields the resolver reads", async () => {
    const found = await findPerson(h.client(), { emails: ["robert.fox@example.com"] })
    expect(toSnapshot(found!.person)).toMatchObject({
      name: "Robert Fox",
      fields: {
        name: "Robert Fox",
        firstName: "Robert",
        lastName: "Fox",
        title: "VP Engineering",
        company: "Northwind Traders",
        location: "Seattle, WA",
        "custom:cf-source": "Referral",
      },
      emails: ["robert.fox@example.com"],
      linkedinUrls: ["https://www.linkedin.com/in/robert-fox-demo"],
      tags: ["Engineering"],
      hasCv: true,
      doNotContact: false,
    })
  })
})
