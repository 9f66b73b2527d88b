// The toolbar popup: signed-in state, server and Clockwork status, the current tab's person with a
// quick "Sync as", the outbox, and recent syncs with failures and a retry.
import { useEffect } from "react"
import type { SyncJob } from "@shared/api"
import type { OutboxItem } from "@shared/messages"
import type { SyncAs } from "@shared/settings"
import { personKeyLabel, plural, timeAgo } from "~lib/format"
import { ACTION_LABELS, JOB_STATE_LABELS, SYNC_AS_LABELS } from "~lib/labels"
import { effectiveSyncAs, EMPTY_DRAFT, draftFrom } from "~lib/picker-model"
import { usePopupStore } from "~stores/popup-store"
import { StatusDot } from "../ui/controls"
import { Logo } from "../ui/icons"

const KIND_LABELS: Record<OutboxItem["kind"], string> = { push: "Push", override: "Override", "campaign-member": "Add to campaign" }

export function PopupView() {
  const s = usePopupStore()
  const load = usePopupStore((st) => st.load)
  useEffect(() => {
    void load()
  }, [load])

  const header = () => {
    const me = s.status?.session.me
    return (
      <header className="cg-popup-head">
        <Logo size={22} />
        <div className="cg-grow">
          <h1>Cogsync</h1>
          {me ? (
            <p className="cg-muted" data-testid="signed-in-as">
              {me.user.name} · {me.user.role === "admin" ? "Admin" : "Recruiter"} · {me.team.name}
            </p>
          ) : null}
        </div>
        <button type="button" className="cg-btn cg-btn-quiet" onClick={() => void s.openOptions()}>
          Settings
        </button>
      </header>
    )
  }

  const tabPerson = () => {
    const person = s.person
    if (!person) {
      return (
        <section className="cg-section" aria-labelledby="cg-tab-title">
          <h2 id="cg-tab-title">This tab</h2>
          <p className="cg-muted">No profile on this tab.</p>
        </section>
      )
    }
    const ctx = s.personContext
    const settings = ctx?.settings
    const effective = settings ? effectiveSyncAs(settings, undefined, ctx?.override ? draftFrom(ctx.override) : EMPTY_DRAFT) : null
    const existing = s.personPreview?.existing
    return (
      <section className="cg-section" aria-labelledby="cg-tab-title">
        <h2 id="cg-tab-title">This tab</h2>
        <div className="cg-person">
          <div className="cg-grow">
            <p className="cg-strong" data-testid="tab-person">
              {person.name}
            </p>
            <p className="cg-muted">{[person.title ?? person.headline, person.company].filter(Boolean).join(" · ")}</p>
          </div>
          {existing ? (
            <span className={existing.doNotContact ? "cg-badge cg-badge-red" : "cg-badge cg-badge-green"}>{existing.doNotContact ? "Do Not Contact" : "In Clockwork"}</span>
          ) : s.personPreview ? (
            <span className="cg-badge">New person</span>
          ) : null}
        </div>
        {effective ? (
          <div className="cg-row">
            <label htmlFor="cg-quick-sync-as">Sync as</label>
            <select
              id="cg-quick-sync-as"
              className="cg-select"
              value={effective.value}
              disabled={effective.locked}
              onChange={(e) => void s.setSyncAs(e.currentTarget.value as SyncAs)}
            >
              {(Object.keys(SYNC_AS_LABELS) as SyncAs[]).map((v) => (
                <option key={v} value={v}>
                  {SYNC_AS_LABELS[v]}
                </option>
              ))}
            </select>
            {effective.locked ? <span className="cg-muted">Locked by your admin</span> : null}
          </div>
        ) : null}
        {s.personNotice ? (
          <p className="cg-muted" role="status">
            {s.personNotice}
          </p>
        ) : null}
      </section>
    )
  }

  const outboxSection = () => {
    const outbox = s.status?.outbox
    if (!outbox || (outbox.pending.length === 0 && outbox.failed.length === 0)) return null
    return (
      <section className="cg-section" aria-labelledby="cg-outbox-title">
        <h2 id="cg-outbox-title">Waiting to send</h2>
        {outbox.pending.length ? (
          <p className="cg-muted" data-testid="outbox-pending">
            {plural(outbox.pending.length, "action")} queued; retried every 30 seconds.
          </p>
        ) : null}
        <ul className="cg-list">
          {outbox.pending.map((item) => (
            <li key={item.id}>
              <div>
                <span className="cg-strong">{KIND_LABELS[item.kind]}</span> · {item.label}
                <p className="cg-muted">
                  {item.attempts ? `Tried ${plural(item.attempts, "time")}` : "Not tried yet"}
                  {item.lastError ? ` · ${item.lastError}` : ""}
                </p>
              </div>
            </li>
          ))}
          {outbox.failed.map((f) => (
            <li key={f.item.id} className="cg-failed">
              <div>
                <span className="cg-strong">{KIND_LABELS[f.item.kind]} failed</span> · {f.item.label}
                <p className="cg-error-text">{f.error.message}</p>
              </div>
              <div className="cg-inline">
                <button type="button" className="cg-btn" disabled={s.working.includes(f.item.id)} aria-label={`Retry ${KIND_LABELS[f.item.kind]} for ${f.item.label}`} onClick={() => void s.retryOutboxItem(f.item.id)}>
                  Retry
                </button>
                <button type="button" className="cg-btn cg-btn-quiet" disabled={s.working.includes(f.item.id)} aria-label={`Discard ${KIND_LABELS[f.item.kind]} for ${f.item.label}`} onClick={() => void s.discardOutboxItem(f.item.id)}>
                  Discard
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
    )
  }

  const recentSyncs = () => {
    const sync = s.status?.sync
    if (!sync) return null
    const byId = new Map<string, SyncJob>()
    for (const job of [...sync.deadLetters, ...sync.recent]) if (!byId.has(job.id)) byId.set(job.id, job)
    const jobs = [...byId.values()].sort((a, b) => Number(isFailure(b)) - Number(isFailure(a))).slice(0, 8)
    return (
      <section className="cg-section" aria-labelledby="cg-recent-title">
        <h2 id="cg-recent-title">Recent syncs</h2>
        {jobs.length === 0 ? <p className="cg-muted">Nothing synced yet.</p> : null}
        <ul className="cg-list">
          {jobs.map((job) => (
            <li key={job.id} className={isFailure(job) ? "cg-failed" : undefined}>
              <div>
                <span className="cg-strong">{personKeyLabel(job.personKey)}</span>
                <span className="cg-muted">
                  {" "}
                  · {JOB_STATE_LABELS[job.state]}
                  {job.action && !isFailure(job) ? `, ${ACTION_LABELS[job.action] ?? job.action}` : ""} · {timeAgo(job.updatedAt)}
                </span>
                {isFailure(job) && job.lastError ? <p className="cg-error-text">{job.lastError}</p> : null}
              </div>
              {isFailure(job) ? (
                <button type="button" className="cg-btn" disabled={s.working.includes(job.id)} aria-label={`Retry sync of ${personKeyLabel(job.personKey)}`} onClick={() => void s.retryJob(job.id)}>
                  Retry
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    )
  }

  const status = s.status
  if (!status) {
    return (
      <div className="cg-popup">
        {header()}
        <p className="cg-muted" role="status">
          {s.statusError ?? "Loading…"}
        </p>
      </div>
    )
  }

  if (!status.session.signedIn) {
    return (
      <div className="cg-popup">
        {header()}
        <div className="cg-empty">
          <p>You're not signed in to Cogsync.</p>
          <button type="button" className="cg-btn cg-btn-primary" onClick={() => void s.openOptions()}>
            Sign in
          </button>
        </div>
        {outboxSection()}
      </div>
    )
  }

  const integration = status.integration
  const clockwork =
    integration?.state === "connected"
      ? { tone: "green" as const, text: `Connected${integration.firm ? ` to ${integration.firm}` : ""}` }
      : integration?.state === "needs_attention"
        ? { tone: "amber" as const, text: integration.lastError ? `Needs attention: ${integration.lastError}` : "Needs attention" }
        : integration
          ? { tone: "gray" as const, text: "Not connected" }
          : { tone: "gray" as const, text: status.reachable ? "Unknown" : "Not checked" }

  return (
    <div className="cg-popup">
      {header()}
      <dl className="cg-status">
        <div>
          <dt>Server</dt>
          <dd data-testid="server-status">
            <StatusDot tone={status.reachable ? "green" : "red"} />
            {status.reachable ? "Reachable" : status.error?.kind === "unreachable" || !status.error ? "Unreachable" : "Needs attention"}
          </dd>
        </div>
        <div>
          <dt>Clockwork</dt>
          <dd data-testid="clockwork-status" className={clockwork.tone === "green" ? "cg-ok" : undefined}>
            <StatusDot tone={clockwork.tone} />
            {clockwork.text}
          </dd>
        </div>
      </dl>
      {status.error ? (
        <p className="cg-error-text" role="alert" data-testid="status-error">
          {status.error.message}
        </p>
      ) : null}
      {tabPerson()}
      {outboxSection()}
      {recentSyncs()}
    </div>
  )




}

const isFailure = (job: SyncJob) => job.state === "failed" || job.state === "dead"
