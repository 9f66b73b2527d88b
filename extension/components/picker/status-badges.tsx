// What Clockwork knows of the person: the "In Clockwork" / "new person" badge, the off-limits
// warning, and the last sync. Page data is only ever rendered as React text.
import type { DecisionPreviewResponse, SyncJob } from "@shared/api"
import { timeAgo } from "~lib/format"
import { ACTION_LABELS, JOB_STATE_LABELS, MATCH_LABELS } from "~lib/labels"
import { AlertIcon, CheckIcon } from "../ui/icons"

/** Only http(s) links are rendered; anything else (e.g. `javascript:`) is dropped. */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined
  try {
    const u = new URL(url)
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : undefined
  } catch {
    return undefined
  }
}

export function MatchBadge({ preview, loading }: { preview: DecisionPreviewResponse | null; loading: boolean }) {
  if (!preview) return loading ? <span className="cs-badge cs-badge-muted">Checking Clockwork…</span> : null
  const existing = preview.existing
  if (existing) {
    const href = safeHref(existing.url)
    return (
      <span className="cs-match">
        <span className="cs-badge cs-badge-green" data-testid="in-clockwork-badge">
          <CheckIcon /> In Clockwork
        </span>
        <span className="cs-why">
          matched by {MATCH_LABELS[existing.matchedBy.by]}
          {href ? (
            <>
              {" · "}
              <a href={href} target="_blank" rel="noopener noreferrer">
                Open in Clockwork
              </a>
            </>
          ) : null}
        </span>
      </span>
    )
  }
  if (!preview.clockworkReachable) {
    return (
      <span className="cs-badge cs-badge-amber" data-testid="new-person-badge" title="Clockwork did not answer; the preview assumes a new person">
        Not checked: Clockwork unreachable
      </span>
    )
  }
  return (
    <span className="cs-badge cs-badge-muted" data-testid="new-person-badge">
      New person
    </span>
  )
}

export function OffLimitsWarning({ preview }: { preview: DecisionPreviewResponse | null }) {
  const existing = preview?.existing
  if (!existing?.doNotContact || !preview) return null
  return (
    <div className="cs-alert cs-alert-danger" role="alert" data-testid="off-limits-warning">
      <AlertIcon />
      <div>
        <strong>Do Not Contact</strong>
        <p>{existing.doNotContactReason ?? "Clockwork marks this person off-limits."}</p>
        <p className="cs-small">{preview.decision.emailAllowed ? preview.decision.emailReason : "Emails to this person are blocked."}</p>
      </div>
    </div>
  )
}

export function LastSync({ job, pending }: { job: SyncJob | null; pending: number }) {
  const waiting = pending > 0 ? ` · ${pending} waiting to be sent` : ""
  if (!job) {
    return (
      <p className="cs-last" data-testid="last-sync">
        Not synced from Cogsync yet{waiting}
      </p>
    )
  }
  const failed = job.state === "failed" || job.state === "dead"
  const action = job.action ? ACTION_LABELS[job.action] ?? job.action : null
  return (
    <p className={failed ? "cs-last cs-last-failed" : "cs-last"} data-testid="last-sync">
      Last sync: {JOB_STATE_LABELS[job.state]}
      {action && !failed ? `, ${action}` : ""} · {timeAgo(job.updatedAt)}
      {failed && job.lastError ? ` · ${job.lastError}` : ""}
      {waiting}
    </p>
  )
}
