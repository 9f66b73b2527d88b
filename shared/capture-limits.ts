// Size limits of a profile capture: ProfileCaptureSchema enforces them, and the extension's
// extractors clip what they read to them. Zod-free, so the content script can import it.
export const CAPTURE_LIMITS = {
  /** Full name; also titles, companies, locations, schools and degrees. */
  name: 300,
  field: 300,
  /** First and last name. */
  part: 150,
  headline: 500,
  bio: 5000,
  email: 320,
  phone: 50,
  /** Items in the emails and phones lists. */
  list: 20,
  positions: 50,
  education: 30,
  url: 2048,
  custom: 2000,
} as const
