/** Default firm metadata of a fresh Clockwork firm, as Clockwork's support site lists it. */

/** Kebab-case id fragment of a name: "DQ by Client" → "dq-by-client". */
export function kebab(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
}

/** The 23 default candidate statuses in their default order, with their groups (CW-561, CW-1007). */
export const DEFAULT_STATUSES: ReadonlyArray<{ name: string; group: string }> = [
  ...["Placed", "Offer Extended", "Finalist", "Interviewing", "Candidate", "Qualifying", "Pursuing", "Potential Candidate", "Research"].map(
    (name) => ({ name, group: "Progressing" }),
  ),
  ...[
    "Turned Off",
    "Disqualified",
    "DQ by Client",
    "Withdrew",
    "Timing Off",
    "Offer Declined",
    "Not Responding",
    "Not Interested",
    "Location Issue",
    "On Hold",
  ].map((name) => ({ name, group: "Dropped out" })),
  ...["Source", "Reference", "Benchmark"].map((name) => ({ name, group: "Other roles" })),
  { name: "Remove from Project", group: "Removal" },
]

/** Name of the status new candidates get when none is given. */
export const DEFAULT_CANDIDATE_STATUS = "Research"

/** The 13 note categories of the Clockwork UI (v1 Zapier choices). */
export const DEFAULT_NOTE_TYPES: readonly string[] = [
  "Call",
  "Email",
  "Follow Up",
  "Meeting",
  "Next Steps",
  "Overview",
  "Assessment",
  "Resume Text",
  "Reference",
  "Left Message",
  "Internal",
  "Source",
  "Feedback",
]

/** A few regions so `address.region_id` has something to point at. */
export const DEFAULT_REGIONS: readonly string[] = ["North America", "Latin America", "Europe", "Middle East & Africa", "Asia Pacific"]

/** Location names of contact details; v3 answers with a `locationTypeId` for each (ids assumed). */
export const LOCATION_TYPES: Readonly<Record<string, string>> = {
  work: "lt-work",
  home: "lt-home",
  mobile: "lt-mobile",
  other: "lt-other",
}
