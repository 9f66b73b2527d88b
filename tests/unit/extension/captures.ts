// Captures used across the extension's tests (the demo identities of notes/demo-data.md).
import type { ProfileCaptureInput } from "@shared/capture"

export const JANE: ProfileCaptureInput = {
  personKey: "li:jane-cooper-demo",
  source: "linkedin",
  url: "http://127.0.0.1:8787/demo/in/jane-cooper-demo",
  name: "Jane Cooper",
  firstName: "Jane",
  lastName: "Cooper",
  headline: "Staff Software Engineer at Initech",
  title: "Staff Software Engineer",
  company: "Initech",
  location: "San Francisco Bay Area",
  linkedinUrl: "https://www.linkedin.com/in/jane-cooper-demo",
  emails: ["jane.cooper@example.com"],
  phones: ["+1 415 555 0142"],
  positions: [{ title: "Staff Software Engineer", company: "Initech", startYear: 2022, startMonth: 3, current: true }],
  education: [{ school: "University of California, Berkeley", degree: "MS, Computer Science", startYear: 2013, endYear: 2015 }],
}

export const ROBERT: ProfileCaptureInput = {
  personKey: "li:robert-fox-demo",
  source: "linkedin",
  name: "Robert Fox",
  title: "VP Engineering",
  company: "Northwind Traders",
  location: "Seattle, WA",
  linkedinUrl: "https://www.linkedin.com/in/robert-fox-demo",
  emails: ["robert.fox@example.com"],
}

export const ELEANOR: ProfileCaptureInput = {
  personKey: "li:eleanor-pena-demo",
  source: "linkedin",
  name: "Eleanor Pena",
  title: "Head of Platform",
  company: "Globex Corporation",
  linkedinUrl: "https://www.linkedin.com/in/eleanor-pena-demo",
  emails: ["eleanor.pena@example.com"],
}
