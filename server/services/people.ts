// The server's copy of the latest capture of each person (per team).
import { and, eq, sql } from "drizzle-orm"
import { ProfileCaptureSchema, linkedInUrlForSlug, type ProfileCapture } from "@shared/index"
import type { DbLike } from "../db/client"
import { preparedPerDb } from "../db/prepared"
import { people } from "../db/schema"

/** Stores the capture as the person's latest one. */
export function savePersonCapture(tx: DbLike, teamId: string, capture: ProfileCapture, now: string): void {
  tx.insert(people)
    .values({ teamId, personKey: capture.personKey, name: capture.name, capture, updatedAt: now })
    .onConflictDoUpdate({ target: [people.teamId, people.personKey], set: { name: capture.name, capture, updatedAt: now } })
    .run()
}

/** The latest stored capture of a person; undefined when the team has none. */
export function getPersonCapture(db: DbLike, teamId: string, personKey: string): ProfileCapture | undefined {
  const row = captureQuery(db).get({ teamId, personKey })
  return row ? ProfileCaptureSchema.parse(row.capture) : undefined
}

const captureQuery = preparedPerDb((db) =>
  db
    .select({ capture: people.capture })
    .from(people)
    .where(and(eq(people.teamId, sql.placeholder("teamId")), eq(people.personKey, sql.placeholder("personKey"))))
    .prepare(),
)

/**
 * The LinkedIn URLs and emails that identify a person for a Clockwork lookup: the ones given, the
 * one the person key carries (`li:<slug>` → its public profile URL, `email:<address>`), and those of
 * the stored capture (read here unless the caller has read it already). Duplicates are dropped;
 * order is kept (given first).
 */
export function identifiersOf(
  db: DbLike,
  teamId: string,
  given: { personKey?: string | undefined; linkedinUrls?: readonly (string | undefined)[]; emails?: readonly (string | undefined)[] },
  stored: ProfileCapture | undefined = given.personKey ? getPersonCapture(db, teamId, given.personKey) : undefined,
): { linkedinUrls: string[]; emails: string[] } {
  const linkedinUrls: (string | undefined)[] = [...(given.linkedinUrls ?? [])]
  const emails: (string | undefined)[] = [...(given.emails ?? [])]
  const key = given.personKey
  if (key?.startsWith("li:")) linkedinUrls.push(linkedInUrlForSlug(key.slice(3)))
  if (key?.startsWith("email:")) emails.push(key.slice(6))
  if (stored) {
    linkedinUrls.push(stored.linkedinUrl)
    emails.push(...stored.emails)
  }
  const unique = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x?.trim()).map((x) => x.trim()))]
  return { linkedinUrls: unique(linkedinUrls), emails: unique(emails) }
}
