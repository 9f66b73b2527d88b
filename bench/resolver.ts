import { ResolveInputSchema, resolveSyncDecision, type ResolveInput } from "@shared/index"
import { median, opsPerSecond } from "./stats"
import type { BenchContext, Figure } from "./types"

/** A realistic mix of inputs: existing and new people, campaigns, overrides, every event kind. */
export function realisticInputs(n: number): ResolveInput[] {
  const raw: unknown[] = []
  const events = [
    { type: "added_to_campaign" },
    { type: "activity", channel: "email", subject: "Role at Northwind", body: "Hi, I came across your profile…" },
    { type: "replied", channel: "email", body: "Happy to chat next week." },
    { type: "interested" },
    { type: "stage_changed", stage: "interested" },
    { type: "manual_update", fields: { title: "Principal Engineer", phone: "+1 415 555 0100" } },
    undefined,
  ]
  for (let i = 0; i < n; i++) {
    const key = `li:person-${i}`
    const ev = events[i % events.length]
    raw.push({
      settings: {
        contact: { syncManualUpdates: i % 3 !== 0, blockEmailsToOffLimits: true },
        adding: { addPersonWhen: (["added_to_campaign", "replied", "interested"] as const)[i % 3], onlyNotesToSyncedRecords: i % 2 === 0 },
        personFields: {
          displayed: ["title", "company", "location", "email", "phone", "custom:cf-source"],
          mandatory: i % 5 === 0 ? ["email"] : [],
          updatePolicy: { title: "always", company: "if_blank", location: "always" },
          protected: ["name"],
        },
        notes: { createFrom: ["email", "linkedin_message", "inmail"], typeMapping: { email: "nt-email", replied: "nt-follow-up" } },
        stages: { mapping: { added: "st-research", replied: "st-qualifying", interested: "st-candidate" } },
        fieldMapping: { firstName: "first_name", lastName: "last_name", title: "title", company: "company" },
        advanced: { dontOverwriteCv: true, updateWorkEducationHistory: i % 2 === 1 },
        defaults: { syncAs: "person", tags: ["Outreach"] },
        locks: i % 4 === 0 ? ["adding.addPersonWhen"] : [],
      },
      campaign: { name: "VP Engineering", tags: ["Engineering", "Q4"], addPersonWhen: "replied", clockworkProjectId: "proj-demo-vpe" },
      override: i % 3 === 0 ? { personKey: key, tags: { add: ["Leadership"], remove: ["Q4"] }, fields: { phone: "+1 415 555 0199" } } : undefined,
      capture: {
        personKey: key,
        source: "linkedin",
        name: `Person ${i}`,
        firstName: "Person",
        lastName: String(i),
        title: "Staff Software Engineer",
        company: "Initech",
        location: "San Francisco Bay Area",
        linkedinUrl: `https://www.linkedin.com/in/person-${i}`,
        emails: i % 5 === 0 ? [] : [`person${i}@example.com`],
        phones: ["+1 415 555 0142"],
        positions: [
          { title: "Staff Software Engineer", company: "Initech", startYear: 2021, current: true },
          { title: "Senior Engineer", company: "Hooli", startYear: 2017, endYear: 2021 },
        ],
        education: [{ school: "UC Berkeley", degree: "BSc", endYear: 2014 }],
      },
      existing:
        i % 2 === 0
          ? {
              id: `p-${i}`,
              name: `Person ${i}`,
              fields: { title: "Senior Engineer", company: "Initech", location: "" },
              emails: [`person${i}@example.com`],
              linkedinUrls: [`https://www.linkedin.com/in/person-${i}`],
              doNotContact: i % 10 === 0,
              hasCv: true,
            }
          : undefined,
      event: ev ? { id: `evt-${i}`, personKey: key, occurredAt: "2026-12-04T10:00:00Z", ...ev } : undefined,
    })
  }
  return raw.map((r) => ResolveInputSchema.parse(r))
}

/** Decisions per second against a baseline of parsing the same input with its zod schema. */
export async function benchResolver(ctx: BenchContext): Promise<Figure[]> {
  const inputs = realisticInputs(ctx.smoke ? 50 : 500)
  const raw = inputs.map((i) => JSON.parse(JSON.stringify(i)) as unknown)
  const ms = ctx.smoke ? 40 : 400
  const resolveRuns: number[] = []
  const parseRuns: number[] = []
  let i = 0
  let j = 0
  for (let rep = 0; rep < (ctx.smoke ? 3 : 9); rep++) {
    resolveRuns.push(opsPerSecond(() => resolveSyncDecision(inputs[i++ % inputs.length]!), ms))
    parseRuns.push(opsPerSecond(() => ResolveInputSchema.parse(raw[j++ % raw.length]), ms))
  }
  const decisions = median(resolveRuns)
  const parses = median(parseRuns)
  return [
    { id: "resolver.decisions_per_s", label: "Decision resolver: decisions/s", value: decisions, unit: "ops/s", reference: parses, referenceLabel: "zod parse of the same input, ops/s", ratio: decisions / parses },
  ]
}
