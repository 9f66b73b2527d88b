// What campaigns and individual overrides may not change while an admin locks a setting, and which
// fields a recruiter may override. Pure: the route turns the issues into a 422 naming the first field.
import { fieldLabel, isLocked, type CampaignSyncOptions, type FieldId, type Issue, type PersonOverride, type TeamSettings } from "@shared/index"
import { issuesFailure } from "../http/errors"

const lower = (tags: readonly string[]) => new Set(tags.map((t) => t.trim().toLowerCase()))

/** Campaign options that would change a locked team setting (paths prefixed `options.`). */
export function campaignLockIssues(settings: TeamSettings, options: CampaignSyncOptions): Issue[] {
  const issues: Issue[] = []
  if (isLocked(settings, "defaults.syncAs") && options.syncAs !== undefined && options.syncAs !== settings.defaults.syncAs) {
    issues.push({ path: "options.syncAs", message: `Sync as is locked by your admin (the team syncs as “${settings.defaults.syncAs}”)` })
  }
  if (
    isLocked(settings, "adding.addPersonWhen") &&
    options.addPersonWhen !== undefined &&
    options.addPersonWhen !== settings.adding.addPersonWhen
  ) {
    issues.push({
      path: "options.addPersonWhen",
      message: `Add Person is locked by your admin (the team adds people “${settings.adding.addPersonWhen}”)`,
    })
  }
  if (isLocked(settings, "defaults.tags")) {
    const team = lower(settings.defaults.tags)
    const extra = options.tags.filter((t) => !team.has(t.trim().toLowerCase()))
    // NOTE: the message counts the refused tags but never quotes them (errors never echo input).
    if (extra.length) issues.push({ path: "options.tags", message: `Tags are locked by your admin; ${extra.length} of these are not team tags` })
  }
  return issues
}

/**
 * Parts of an override the team's settings refuse: fields that are not displayed, Sync as while
 * `defaults.syncAs` is locked, and tag changes while `defaults.tags` is locked.
 */
export function overrideIssues(settings: TeamSettings, override: PersonOverride): Issue[] {
  const issues: Issue[] = []
  const displayed = new Set<string>(settings.personFields.displayed)
  for (const field of Object.keys(override.fields) as FieldId[]) {
    if (!displayed.has(field)) {
      issues.push({ path: `fields.${field}`, message: `${fieldLabel(field)} is not a displayed field; your admin chooses which fields can be edited` })
    }
  }
  if (isLocked(settings, "defaults.syncAs") && override.syncAs !== undefined && override.syncAs !== settings.defaults.syncAs) {
    issues.push({ path: "syncAs", message: "Sync as is locked by your admin" })
  }
  if (isLocked(settings, "defaults.tags")) {
    if (override.tags.add.length) issues.push({ path: "tags.add", message: "Tags are locked by your admin" })
    if (override.tags.remove.length) issues.push({ path: "tags.remove", message: "Tags are locked by your admin" })
  }
  return issues
}

/** Throws the 422 for refused input; does nothing when there are no issues. */
export function refuseIssues(code: string, issues: Issue[]): void {
  if (issues[0]) throw issuesFailure(422, code, issues, issues[0])
}
