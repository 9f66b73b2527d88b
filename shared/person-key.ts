import * as z from "zod"

/**
 * A person key is the one canonical identity Cogsync uses for a person across pages, events and
 * the sync ledger:
 *   li:<public-slug>        any LinkedIn profile URL shape carrying the public slug
 *   lir:<member-token>      a LinkedIn Recruiter / Sales Navigator URL without a public slug
 *   email:<address>         an email address, lower-cased
 *   gh:<login>              a GitHub user page
 */
export const PersonKeySchema = z
  .string()
  .max(320)
  .regex(/^(li|lir|email|gh):[^\s]+$/, "must be a person key such as li:<slug> or email:<address>")
export type PersonKey = z.infer<typeof PersonKeySchema>

export * from "./person-key-rules"
