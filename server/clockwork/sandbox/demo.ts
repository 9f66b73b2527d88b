import type { ActivateIntegrationRequest } from "@shared/api"
import type { ClockworkCredentials } from "../transport"
import type { FirmSeed } from "./seed"

/** Credentials of the demo firm (binding: /work/notes/demo-data.md). Public fixtures, not secrets. */
export const DEMO_FIRM = {
  firm: "demo",
  apiKey: "cwk_demo_7Hq2Lx9Pa4",
  apiSecret: "cws_demo_R8vN3kT6yW1zQ5",
  serviceKey: "cwf_demo_M4bC7dE2gH9j",
} as const

/** The activation request (what the options page sends) for a firm's credentials. */
export function activationBody(c: ClockworkCredentials): ActivateIntegrationRequest {
  return { apiKey: c.apiKey, apiSecret: c.apiSecret, subdomain: c.firm, serviceKey: c.serviceKey }
}

/** The demo firm's activation request: the credentials `npm start` prints for the options page. */
export const DEMO_ACTIVATION = activationBody(DEMO_FIRM)

/**
 * The demo firm: default statuses and note types, four tags, two custom fields, three companies
 * (Globex is Do Not Contact until 2027-06-30), one project, and seven people: Robert Fox (with a
 * CV), Eleanor Pena (Do Not Contact through Globex), Wade Warren (Do Not Contact himself) and four
 * ordinary people, one of whom left Globex (and so is not Do Not Contact).
 */
export const DEMO_SEED: FirmSeed = {
  ...DEMO_FIRM,
  tags: [{ name: "Outreach" }, { name: "Engineering" }, { name: "Leadership" }, { name: "Sales" }],
  customFields: [
    { id: "cf-source", name: "Source", fieldType: "text" },
    { id: "cf-notice-period", name: "Notice period", fieldType: "text" },
  ],
  companies: [
    { id: "co-northwind", name: "Northwind Traders" },
    {
      id: "co-globex",
      name: "Globex Corporation",
      doNotContact: { reason: "Client: Globex (non-solicit until 2027-06-30)", startDate: null, endDate: "2027-06-30" },
    },
    { id: "co-initech", name: "Initech" },
  ],
  people: [
    {
      id: "p-robert-fox",
      name: "Robert Fox",
      firstName: "Robert",
      lastName: "Fox",
      biography: "Engineering leader; scaled Northwind's platform team from 12 to 60.",
      emails: ["robert.fox@example.com"],
      linkedinUrls: ["https://www.linkedin.com/in/robert-fox-demo"],
      addresses: [{ city: "Seattle", state: "WA", location: "home" }],
      positions: [
        { title: "VP Engineering", companyId: "co-northwind", startMonth: 3, startYear: 2021 },
        { title: "Director of Engineering", companyId: "co-initech", startMonth: 6, startYear: 2016, endMonth: 2, endYear: 2021 },
      ],
      education: [{ schoolName: "University of Washington", degree: "BSc Computer Science", startYear: 2004, endYear: 2008 }],
      tags: ["tag-engineering"],
      customFields: { "cf-source": "Referral" },
      attachments: [{ fileName: "robert-fox-cv.pdf", attachmentType: "resume", url: "https://files.example.com/demo/robert-fox-cv.pdf", contentType: "application/pdf" }],
      notes: [{ content: "<p>Open to hearing about VP roles in 2027.</p>", noteTypeId: "nt-call", subject: "Intro call" }],
    },
    {
      id: "p-eleanor-pena",
      name: "Eleanor Pena",
      firstName: "Eleanor",
      lastName: "Pena",
      emails: ["eleanor.pena@example.com"],
      linkedinUrls: ["https://www.linkedin.com/in/eleanor-pena-demo"],
      addresses: [{ city: "Austin", state: "TX", location: "work" }],
      positions: [{ title: "Head of Platform", companyId: "co-globex", startMonth: 9, startYear: 2022 }],
      tags: ["tag-engineering"],
    },
    {
      id: "p-wade-warren",
      name: "Wade Warren",
      firstName: "Wade",
      lastName: "Warren",
      doNotContact: true,
      emails: ["wade.warren@example.com"],
      linkedinUrls: ["https://www.linkedin.com/in/wade-warren-demo"],
      positions: [{ title: "Director of Sales", companyId: "co-initech", startMonth: 1, startYear: 2020 }],
      tags: ["tag-sales"],
    },
    {
      id: "p-cameron-williamson",
      name: "Cameron Williamson",
      firstName: "Cameron",
      lastName: "Williamson",
      emails: ["cameron.williamson@example.com"],
      phones: ["+1 206 555 0117"],
      linkedinUrls: ["https://www.linkedin.com/in/cameron-williamson-demo"],
      positions: [{ title: "Senior Engineering Manager", companyId: "co-initech", startMonth: 4, startYear: 2019 }],
      tags: ["tag-engineering", "tag-leadership"],
      customFields: { "cf-notice-period": "3 months" },
    },
    {
      id: "p-kristin-watson",
      name: "Kristin Watson",
      firstName: "Kristin",
      lastName: "Watson",
      emails: ["kristin.watson@example.com", "kristin@watson.example.org"],
      linkedinUrls: ["https://www.linkedin.com/in/kristin-watson-demo"],
      addresses: [{ city: "Portland", state: "OR", location: "home" }],
      positions: [{ title: "Chief People Officer", companyId: "co-northwind", startMonth: 1, startYear: 2023 }],
      tags: ["tag-leadership"],
    },
    {
      id: "p-leslie-alexander",
      name: "Leslie Alexander",
      firstName: "Leslie",
      lastName: "Alexander",
      emails: ["leslie.alexander@example.com"],
      linkedinUrls: ["https://www.linkedin.com/in/leslie-alexander-demo"],
      positions: [
        { title: "Principal Engineer", companyId: "co-northwind", startMonth: 5, startYear: 2024 },
        { title: "Staff Engineer", companyId: "co-globex", startMonth: 2, startYear: 2019, endMonth: 4, endYear: 2024 },
      ],
      tags: ["tag-engineering"],
    },
    {
      id: "p-brooklyn-simmons",
      name: "Brooklyn Simmons",
      firstName: "Brooklyn",
      lastName: "Simmons",
      emails: ["brooklyn.simmons@example.com"],
      phones: [{ digits: "+1 312 555 0190", location: "work" }],
      linkedinUrls: ["https://www.linkedin.com/in/brooklyn-simmons-demo"],
      positions: [{ title: "Regional Sales Manager", companyId: "co-northwind", startMonth: 8, startYear: 2021 }],
      tags: ["tag-sales", "tag-outreach"],
    },
  ],
  projects: [{ id: "proj-demo-vpe", name: "VP Engineering — Northwind (demo)", clientCompanyId: "co-northwind" }],
}
