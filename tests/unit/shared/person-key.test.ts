import { describe, expect, it } from "vitest"
import { personKeyFrom, toPersonKey } from "@shared/index"

describe("toPersonKey", () => {
  it.each([
    "https://www.linkedin.com/in/jane-cooper",
    "https://www.linkedin.com/in/jane-cooper/",
    "http://linkedin.com/in/jane-cooper",
    "linkedin.com/in/jane-cooper",
    "www.linkedin.com/in/Jane-Cooper/",
    "https://uk.linkedin.com/in/jane-cooper?trk=public_profile",
    "https://www.linkedin.com/in/jane-cooper/?originalSubdomain=uk#about",
    "https://www.linkedin.com/in/jane-cooper/en",
    "https://www.linkedin.com/in/jane-cooper/details/experience/",
    "https://www.linkedin.com/talent/profile/AEMAAAB?trk=x&publicProfileUrl=https%3A%2F%2Fwww.linkedin.com%2Fin%2Fjane-cooper",
    "  https://WWW.LINKEDIN.COM/in/jane-cooper  ",
  ])("turns %s into li:jane-cooper", (url) => {
    expect(toPersonKey(url)).toBe("li:jane-cooper")
  })

  it("decodes percent-encoded slugs so both spellings share one key", () => {
    expect(toPersonKey("https://www.linkedin.com/in/j%C3%A9r%C3%B4me-durand")).toBe("li:jérôme-durand")
    expect(toPersonKey("https://www.linkedin.com/in/jérôme-durand/")).toBe("li:jérôme-durand")
  })

  it("keys Recruiter and Sales Navigator URLs without a public slug by their member token", () => {
    expect(toPersonKey("https://www.linkedin.com/talent/profile/AEMAAABcdEf123?project=1")).toBe("lir:AEMAAABcdEf123")
    expect(toPersonKey("https://www.linkedin.com/talent/hire/123456/manage/all/profile/AEMAAABcdEf123?project=1")).toBe("lir:AEMAAABcdEf123")
    expect(toPersonKey("https://www.linkedin.com/sales/lead/ACwAAAbc123,NAME_SEARCH,xyz")).toBe("lir:ACwAAAbc123")
    expect(toPersonKey("https://www.linkedin.com/sales/people/ACwAAAbc123,NAME_SEARCH")).toBe("lir:ACwAAAbc123")
  })

  it("turns an email into a lower-case email key", () => {
    expect(toPersonKey(" Jane.Cooper@Example.COM ")).toBe("email:jane.cooper@example.com")
    expect(toPersonKey("mailto:jane@example.com")).toBe("email:jane@example.com")
  })

  it("keys GitHub user pages but not other GitHub pages", () => {
    expect(toPersonKey("https://github.com/Octocat")).toBe("gh:octocat")
    expect(toPersonKey("https://github.com/octocat/hello-world")).toBeUndefined()
    expect(toPersonKey("https://github.com/settings")).toBeUndefined()
  })

  it.each(["", "not a url", "https://www.linkedin.com/company/initech", "https://evil.example/in/jane-cooper", "https://linkedin.com.evil.example/in/jane", "javascript:alert(1)"])(
    "identifies nobody from %j",
    (input) => {
      expect(toPersonKey(input)).toBeUndefined()
    },
  )
})

describe("personKeyFrom", () => {
  it("prefers the LinkedIn slug over emails and the page URL", () => {
    expect(personKeyFrom({ linkedinUrl: "https://www.linkedin.com/in/jane-cooper", emails: ["jane@example.com"], url: "https://github.com/jane" })).toBe("li:jane-cooper")
  })
  it("falls back to the first valid email, then a GitHub login", () => {
    expect(personKeyFrom({ emails: ["nope", "Jane@Example.com"], url: "https://github.com/jane" })).toBe("email:jane@example.com")
    expect(personKeyFrom({ url: "https://github.com/jane" })).toBe("gh:jane")
  })
})
