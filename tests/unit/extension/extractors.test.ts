// @vitest-environment jsdom
// Profile extraction on saved pages (tests/fixtures/pages) and the demo pages (server/demo/pages):
// what a recruiter sees on the page is what the capture holds, every capture passes the shared
// schema, non-profiles give nothing, and hostile markup stays inert text.
import { readFileSync } from "node:fs"
import path from "node:path"
import { describe, expect, it } from "vitest"
import { ProfileCaptureSchema } from "@shared/capture"
import { extractProfile } from "~lib/extractors"
import { parseDateRange } from "~lib/extractors/common"

const root = path.resolve(import.meta.dirname, "../../..")
const fixture = (name: string) => readFileSync(path.join(root, "tests/fixtures/pages", name), "utf8")
const demo = (name: string) => readFileSync(path.join(root, "server/demo/pages", name), "utf8")

/** A parsed page; DOMParser never runs its scripts, like a saved page. The URL is passed separately. */
function documentOf(html: string): Document {
  return new DOMParser().parseFromString(html, "text/html")
}

function extract(html: string, url: string) {
  return extractProfile(documentOf(html), url)
}

const LINKEDIN_URL = "https://www.linkedin.com/in/priya-raman-4b2a1/"

describe("LinkedIn profiles", () => {
  const priya = {
    personKey: "li:priya-raman-4b2a1",
    source: "linkedin",
    name: "Priya Raman",
    firstName: "Priya",
    lastName: "Raman",
    headline: "Engineering Manager, Payments at Stripe | ex-Square",
    title: "Engineering Manager, Payments",
    company: "Stripe",
    location: "Dublin, County Dublin, Ireland",
    linkedinUrl: "https://www.linkedin.com/in/priya-raman-4b2a1",
    website: "https://priyaraman.dev/",
    biography: "I lead the payments reliability team. Previously built card issuing at Square.",
    emails: ["priya.raman@example.com"],
    phones: ["+353 1 555 0199"],
    positions: [
      { title: "Engineering Manager, Payments", company: "Stripe", startYear: 2021, startMonth: 6, current: true },
      { title: "Senior Software Engineer, Card Issuing", company: "Square", startYear: 2018, startMonth: 4, endYear: 2021, endMonth: 5 },
      { title: "Software Engineer", company: "Square", startYear: 2016, startMonth: 4, endYear: 2018, endMonth: 3 },
    ],
    education: [{ school: "University of Waterloo", degree: "Bachelor of Applied Science - BASc, Computer Engineering", startYear: 2011, endYear: 2016 }],
  }

  it("reads a signed-in profile: top card, contact info, experience (with a company's several roles) and education", () => {
    expect(extract(fixture("linkedin-profile.html"), LINKEDIN_URL)).toEqual({ ...priya, url: LINKEDIN_URL })
  })

  it("reads the same profile after a markup change that scrambled every class name", () => {
    expect(extract(fixture("linkedin-profile-scrambled.html"), LINKEDIN_URL)).toEqual({ ...priya, url: LINKEDIN_URL })
  })

  it("reads a logged-out public profile from its JSON-LD, keyed by the slug of any country subdomain", () => {
    const url = "https://uk.linkedin.com/in/daniel-okafor-datasci?trk=public_profile_browsemap"
    const capture = extract(fixture("linkedin-public-profile.html"), url)
    expect(capture).toMatchObject({
      personKey: "li:daniel-okafor-datasci",
      name: "Daniel Okafor",
      title: "Head of Data Science",
      company: "Northwind Analytics",
      location: "London, GB",
      linkedinUrl: "https://www.linkedin.com/in/daniel-okafor-datasci",
    })
    expect(capture?.positions).toEqual([
      { title: "Head of Data Science", company: "Northwind Analytics", startYear: 2020, startMonth: 9, current: true },
      { title: "Senior Data Scientist", company: "Globex Retail", startYear: 2016, startMonth: 1, endYear: 2020, endMonth: 8 },
    ])
    expect(capture?.education?.map((e) => e.school)).toEqual(["Imperial College London", "University of Lagos"])
  })

  it("reads a Recruiter profile and keys it by the public profile link it shows", () => {
    const url = "https://www.linkedin.com/talent/hire/1180562466/manage/all/profile/AEMAAAB9xYcBq1pZ3kL0tT7wUoEYr8mN2aQvHs4?project=1180562466"
    expect(extract(fixture("linkedin-recruiter-profile.html"), url)).toMatchObject({
      personKey: "li:marcus-oyelaran-8812",
      source: "linkedin_recruiter",
      name: "Marcus Oyelaran",
      headline: "Director of Platform Engineering at Contoso Health",
      title: "Director of Platform Engineering",
      company: "Contoso Health",
      location: "Austin, Texas Metropolitan Area",
      linkedinUrl: "https://www.linkedin.com/in/marcus-oyelaran-8812",
      emails: ["marcus.oyelaran@example.com"],
      phones: ["(512) 555-0147"],
      education: [{ school: "The University of Texas at Austin", degree: "BS, Electrical Engineering", startYear: 2008, endYear: 2012 }],
    })
  })

  it("reads a Sales Navigator lead without a public link and keys it by the member token", () => {
    const url = "https://www.linkedin.com/sales/lead/ACwAAAB2x3y4Z5QkLmN0pRsTuVwXyZa1b2c3d4E,NAME_SEARCH,Ab12"
    const capture = extract(fixture("sales-navigator-profile.html"), url)
    expect(capture).toMatchObject({
      personKey: "lir:ACwAAAB2x3y4Z5QkLmN0pRsTuVwXyZa1b2c3d4E",
      source: "sales_navigator",
      name: "Sofia Lindqvist",
      headline: "VP Sales EMEA | Enterprise SaaS",
      title: "VP Sales EMEA",
      company: "Initech",
      location: "Stockholm, Stockholm County, Sweden",
    })
    expect(capture?.linkedinUrl).toBeUndefined()
    expect(capture?.positions).toHaveLength(2)
  })

  it("keeps a Sales Navigator headline up to the headline limit (500), not the shorter field limit", () => {
    const url = "https://www.linkedin.com/sales/lead/ACwAAAB2x3y4Z5QkLmN0pRsTuVwXyZa1b2c3d4E,NAME_SEARCH,Ab12"
    const long = `VP Sales EMEA | ${"Enterprise SaaS, ".repeat(25)}`.trim()
    expect(long.length).toBeGreaterThan(400)
    const html = fixture("sales-navigator-profile.html").replace("VP Sales EMEA | Enterprise SaaS</span>", `${long}</span>`)
    expect(extract(html, url)?.headline).toBe(long)
  })

  it("finds nothing on a LinkedIn page that is not a profile", () => {
    expect(extract(fixture("linkedin-profile.html"), "https://www.linkedin.com/feed/")).toBeUndefined()
  })
})

describe("GitHub", () => {
  it("reads a user page from its vcard microdata and keys it by the LinkedIn profile it links", () => {
    expect(extract(fixture("github-user.html"), "https://github.com/mirakowalski")).toEqual({
      personKey: "li:mira-kowalski-dev",
      source: "github",
      url: "https://github.com/mirakowalski",
      name: "Mira Kowalski",
      firstName: "Mira",
      lastName: "Kowalski",
      headline: "Compiler engineer. Rust, LLVM and build systems.",
      biography: "Compiler engineer. Rust, LLVM and build systems.",
      company: "fabrikam-labs",
      location: "Kraków, Poland",
      linkedinUrl: "https://www.linkedin.com/in/mira-kowalski-dev",
      website: "https://mira.dev/",
      emails: ["mira@kowalski.example"],
      phones: [],
      positions: [],
      education: [],
    })
  })

  it("finds nothing on a repository page", () => {
    expect(extract(fixture("github-repo.html"), "https://github.com/mirakowalski/tinyjit")).toBeUndefined()
  })

  it("finds nothing on the user page's markup served at a repository URL", () => {
    expect(extract(fixture("github-user.html"), "https://github.com/mirakowalski/tinyjit")).toBeUndefined()
  })
})

describe("schema.org Person pages", () => {
  it("reads a personal site's JSON-LD Person (inside a ProfilePage) and keys it by its LinkedIn sameAs", () => {
    expect(extract(fixture("schema-org-person.html"), "https://hanasato.example/")).toMatchObject({
      personKey: "li:hana-sato-design",
      source: "schema_org",
      name: "Hana Sato",
      firstName: "Hana",
      lastName: "Sato",
      title: "Product Design Lead",
      company: "Fabrikam",
      location: "Tokyo, Japan",
      emails: ["hello@hanasato.example"],
      phones: ["+81 3 5555 0123"],
      website: "https://hanasato.example/",
      linkedinUrl: "https://www.linkedin.com/in/hana-sato-design",
      education: [{ school: "Keio University" }],
    })
  })
})

describe("the demo pages", () => {
  const base = "http://127.0.0.1:8787/demo"

  it("reads Jane Cooper as LinkedIn: public URL, contact info, three positions, two schools", () => {
    const capture = extract(demo("in/jane-cooper-demo.html"), `${base}/in/jane-cooper-demo`)
    expect(capture).toMatchObject({
      personKey: "li:jane-cooper-demo",
      source: "linkedin",
      name: "Jane Cooper",
      title: "Staff Software Engineer",
      company: "Initech",
      location: "San Francisco Bay Area",
      linkedinUrl: "https://www.linkedin.com/in/jane-cooper-demo",
      emails: ["jane.cooper@example.com"],
      phones: ["+1 415 555 0142"],
    })
    expect(capture?.positions).toHaveLength(3)
    expect(capture?.education).toHaveLength(2)
  })

  it.each([
    ["in/robert-fox-demo.html", "/in/robert-fox-demo", { personKey: "li:robert-fox-demo", name: "Robert Fox", title: "VP Engineering", company: "Northwind Traders", location: "Seattle, WA", emails: ["robert.fox@example.com"] }],
    ["in/eleanor-pena-demo.html", "/in/eleanor-pena-demo", { personKey: "li:eleanor-pena-demo", name: "Eleanor Pena", title: "Head of Platform", company: "Globex Corporation", emails: ["eleanor.pena@example.com"] }],
    ["people/cody-fisher.html", "/people/cody-fisher", { personKey: "li:cody-fisher-demo", source: "schema_org", name: "Cody Fisher", title: "Principal Product Designer", company: "Northwind Traders", emails: ["cody.fisher@example.com"] }],
  ])("reads %s", (file, route, expected) => {
    expect(extract(demo(file), `${base}${route}`)).toMatchObject(expected)
  })

  it.each([
    ["feed.html", "/feed"],
    ["index.html", "/"],
  ])("finds no profile on %s", (file, route) => {
    expect(extract(demo(file), `${base}${route}`)).toBeUndefined()
  })
})

describe("every capture passes the shared schema", () => {
  it.each([
    ["linkedin-profile.html", LINKEDIN_URL],
    ["linkedin-profile-scrambled.html", LINKEDIN_URL],
    ["linkedin-public-profile.html", "https://uk.linkedin.com/in/daniel-okafor-datasci"],
    ["linkedin-recruiter-profile.html", "https://www.linkedin.com/talent/profile/AEMAAAB9xYcBq1pZ3kL0tT7wUoEYr8mN2aQvHs4"],
    ["sales-navigator-profile.html", "https://www.linkedin.com/sales/lead/ACwAAAB2x3y4Z5QkLmN0pRsTuVwXyZa1b2c3d4E,NAME_SEARCH,Ab12"],
    ["github-user.html", "https://github.com/mirakowalski"],
    ["schema-org-person.html", "https://hanasato.example/"],
    ["linkedin-profile-hostile.html", "https://www.linkedin.com/in/mallory-hostile/"],
    ["github-user-hostile.html", "https://github.com/trudy"],
    ["schema-org-hostile.html", "http://127.0.0.1:8787/demo/people/eve"],
  ])("%s", (file, url) => {
    const capture = extract(fixture(file), url)
    expect(capture).toBeDefined()
    const parsed = ProfileCaptureSchema.safeParse(capture)
    expect(parsed.success ? [] : parsed.error.issues).toEqual([])
  })

  it("clips over-long text to the schema's limits instead of failing", () => {
    const long = "x".repeat(1000)
    const html = `<html><head><link rel="canonical" href="https://www.linkedin.com/in/long-name"></head><body><main><section><h1>${long}</h1><div>${long}</div></section></main></body></html>`
    const capture = extract(html, "http://localhost:1234/demo/in/long-name")
    expect(capture?.name).toHaveLength(300)
    expect(ProfileCaptureSchema.safeParse(capture).success).toBe(true)
  })
})

describe("hostile pages", () => {
  it("keeps markup in names and headlines as plain text and ignores scripts inside them", () => {
    const capture = extract(fixture("linkedin-profile-hostile.html"), "https://www.linkedin.com/in/mallory-hostile/")
    expect(capture).toMatchObject({
      personKey: "li:mallory-hostile",
      name: "<img src=x onerror=alert(1)>Mallory",
      headline: '<script>alert("headline")</script> Head of <b>Security</b>',
      title: "<iframe src=javascript:alert(4)>",
      company: "Evil & Co",
      emails: ["mallory@example.com"],
    })
    expect(JSON.stringify(capture)).not.toContain("in-h1")
  })

  it("never takes a javascript: or data: URL as the website, canonical or public profile", () => {
    const capture = extract(fixture("linkedin-profile-hostile.html"), "https://www.linkedin.com/in/mallory-hostile/")
    expect(capture?.website).toBeUndefined()
    expect(capture?.linkedinUrl).toBe("https://www.linkedin.com/in/mallory-hostile")
    expect(JSON.stringify(capture)).not.toMatch(/javascript:alert\('(website|public|canonical)'\)|data:text/i)
  })

  it("skips broken JSON-LD and keeps hostile strings from the valid block as text", () => {
    const capture = extract(fixture("schema-org-hostile.html"), "http://127.0.0.1:8787/demo/people/eve")
    expect(capture).toMatchObject({
      personKey: "li:eve-hostile",
      name: "<img src=x onerror=alert(1)>Eve <script>alert(2)</script>",
      company: "</script><script>alert(4)</script>",
      emails: [],
    })
    expect(capture?.website).toBe("http://127.0.0.1:8787/demo/people/eve")
  })

  it("ignores a javascript: link disguised as a LinkedIn profile on GitHub", () => {
    const capture = extract(fixture("github-user-hostile.html"), "https://github.com/trudy")
    expect(capture).toMatchObject({ personKey: "gh:trudy", name: "<svg onload=alert(1)>Trudy", company: "<b>evil-corp</b>" })
    expect(capture?.linkedinUrl).toBeUndefined()
    expect(capture?.website).toBe("https://github.com/trudy")
  })

  it("reads a page whose document methods are clobbered by named elements", () => {
    const doc = documentOf(fixture("linkedin-profile.html"))
    // What <img name="querySelectorAll"> and <form name="title"> do to `document` in a browser.
    const planted = doc.createElement("img")
    for (const name of ["querySelectorAll", "querySelector", "title", "defaultView", "URL"]) {
      Object.defineProperty(doc, name, { value: planted, configurable: true })
    }
    expect(extractProfile(doc, LINKEDIN_URL)).toMatchObject({ personKey: "li:priya-raman-4b2a1", name: "Priya Raman", emails: ["priya.raman@example.com"] })
  })

  it("finds nothing for a javascript: or unparsable page URL", () => {
    const doc = documentOf(fixture("linkedin-profile.html"))
    expect(extractProfile(doc, "javascript:alert(1)")).toBeUndefined()
    expect(extractProfile(doc, "not a url")).toBeUndefined()
  })
})

describe("dates", () => {
  it.each([
    ["Jun 2021 - Present · 3 yrs 7 mos", { startYear: 2021, startMonth: 6, current: true }],
    ["Apr 2018 to May 2021", { startYear: 2018, startMonth: 4, endYear: 2021, endMonth: 5 }],
    ["2011 – 2016", { startYear: 2011, endYear: 2016 }],
    ["Mar 2022–Present", { startYear: 2022, startMonth: 3, current: true }],
    ["September 2019 — December 2020", { startYear: 2019, startMonth: 9, endYear: 2020, endMonth: 12 }],
    ["2019", { startYear: 2019 }],
  ])("reads %s", (input, expected) => {
    expect(parseDateRange(input)).toEqual(expected)
  })

  it("finds no range in text without years", () => {
    expect(parseDateRange("Bachelor of Applied Science - BASc")).toBeUndefined()
  })
})
