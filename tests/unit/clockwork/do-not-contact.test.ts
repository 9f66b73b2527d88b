// Company-level Do Not Contact (CW-210): in force between its start and end dates, it marks every
// person currently employed there (a position without an end date).
import { describe, expect, it } from "vitest"
import { buildFirm } from "../../../server/clockwork/sandbox/seed"
import { companyDncActive, personDnc } from "../../../server/clockwork/sandbox/serialize"

let n = 0
const firm = () =>
  buildFirm(
    {
      firm: "dnc",
      apiKey: "k",
      apiSecret: "s",
      serviceKey: "f",
      companies: [
        { id: "co-client", name: "Client Co", doNotContact: { reason: "Client", startDate: "2026-01-01", endDate: "2026-12-31" } },
        { id: "co-free", name: "Free Co" },
      ],
      people: [
        { id: "current", name: "Current Employee", positions: [{ title: "CFO", companyId: "co-client", startYear: 2020 }] },
        { id: "former", name: "Former Employee", positions: [{ title: "CFO", companyId: "co-client", startYear: 2015, endYear: 2019 }] },
        { id: "self", name: "Self Flagged", doNotContact: true, positions: [{ title: "CEO", companyId: "co-free" }] },
      ],
    },
    new Date("2026-06-01T00:00:00Z"),
    () => `id-${++n}`,
  )

describe("company Do Not Contact", () => {
  it.each([
    ["2025-12-31", false],
    ["2026-01-01", true],
    ["2026-12-31", true],
    ["2027-01-01", false],
  ])("on %s is in force: %s", (day, active) => {
    expect(companyDncActive(firm().companies["co-client"]!, day)).toBe(active)
  })

  it("marks a current employee while in force, and says why", () => {
    const s = firm()
    expect(personDnc(s, s.people.current!, "2026-06-01")).toEqual({
      doNotContact: true,
      reason: "Works at Client Co, which is Do Not Contact until 2026-12-31: Client",
      source: "company",
      companyId: "co-client",
    })
    expect(personDnc(s, s.people.current!, "2027-01-02").doNotContact).toBe(false)
  })

  it("does not mark someone whose position there has ended", () => {
    const s = firm()
    expect(personDnc(s, s.people.former!, "2026-06-01").doNotContact).toBe(false)
  })

  it("reports a person's own flag as the source when set", () => {
    const s = firm()
    expect(personDnc(s, s.people.self!, "2026-06-01")).toMatchObject({ doNotContact: true, source: "person" })
  })
})
