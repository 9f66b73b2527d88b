// What the server knows of a contact, kept current as events arrive: an event's `contact` is merged
// into the stored capture, and a manual update's edited fields are applied to it, so later syncs
// push the latest values. Pure functions; the outbox stores the result.
import { ProfileCaptureSchema, comparable, type FieldValues, type ProfileCapture } from "@shared/index"

const uniqueBy = (values: readonly string[], key: (v: string) => string): string[] => {
  const seen = new Set<string>()
  return values.filter((v) => {
    const k = key(v)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

const emailKey = (e: string) => comparable("email", e)
const phoneKey = (p: string) => comparable("phone", p)

/**
 * The stored capture updated with a newer one: the newer scalar values win, emails and phones are
 * united (newer first), history lists are taken from the newer capture when it has any.
 */
export function mergeCapture(stored: ProfileCapture | undefined, incoming: ProfileCapture): ProfileCapture {
  if (!stored) return incoming
  const defined = Object.fromEntries(Object.entries(incoming).filter(([, v]) => v !== undefined)) as Partial<ProfileCapture>
  return ProfileCaptureSchema.parse({
    ...stored,
    ...defined,
    emails: uniqueBy([...incoming.emails, ...stored.emails], emailKey).slice(0, 20),
    phones: uniqueBy([...incoming.phones, ...stored.phones], phoneKey).slice(0, 20),
    positions: incoming.positions.length ? incoming.positions : stored.positions,
    education: incoming.education.length ? incoming.education : stored.education,
    custom: { ...stored.custom, ...incoming.custom },
  })
}

/** The capture with a recruiter's edited contact fields applied (blank values are ignored). */
export function applyFieldEdits(capture: ProfileCapture, fields: FieldValues): ProfileCapture {
  const next: Record<string, unknown> = { ...capture, custom: { ...capture.custom } }
  for (const [field, raw] of Object.entries(fields)) {
    const value = raw?.trim()
    if (!value) continue
    switch (field) {
      case "email":
        next.emails = uniqueBy([value, ...capture.emails], emailKey).slice(0, 20)
        break
      case "phone":
        next.phones = uniqueBy([value, ...capture.phones], phoneKey).slice(0, 20)
        break
      case "name":
      case "firstName":
      case "lastName":
      case "title":
      case "company":
      case "location":
      case "linkedinUrl":
      case "website":
      case "biography":
        next[field] = value
        break
      default:
        if (field.startsWith("custom:")) (next.custom as Record<string, string>)[field] = value
    }
  }
  // A malformed edit (say, a website that is not a URL) keeps the capture as it was for that field.
  const parsed = ProfileCaptureSchema.safeParse(next)
  if (parsed.success) return parsed.data
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])))
  return ProfileCaptureSchema.parse(Object.fromEntries(Object.entries(next).map(([k, v]) => [k, bad.has(k) ? (capture as Record<string, unknown>)[k] : v])))
}
