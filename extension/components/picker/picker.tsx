// The "Sync as" picker shown on a profile page: a compact card in the page's corner.
import { useEffect, useRef } from "react"
import type { MessageError } from "@shared/messages"
import { effectiveSyncAs, missingMandatory } from "~lib/picker-model"
import { usePickerStore } from "~stores/picker-store"
import { Logo, MinusIcon } from "../ui/icons"
import { DecisionPreview } from "./decision-preview"
import { PersonOptions } from "./person-options"
import { LastSync, MatchBadge, OffLimitsWarning } from "./status-badges"
import { SyncAsRow } from "./sync-as-row"

function SignInPrompt({ message, onOpen }: { message: string; onOpen(): void }) {
  return (
    <div className="cs-empty" data-testid="sign-in-prompt">
      <p>{message}</p>
      <button type="button" className="cs-btn cs-btn-primary" onClick={onOpen}>
        Open Cogsync settings
      </button>
    </div>
  )
}

const NEEDS_SIGN_IN: readonly MessageError["kind"][] = ["not_signed_in", "unauthorized", "permission_needed"]

export function Picker() {
  const s = usePickerStore()
  const { capture, context } = s
  const noticeRef = useRef<HTMLParagraphElement>(null)
  // The outcome of an action appears below the buttons: bring it into view in the scrolling body.
  useEffect(() => {
    noticeRef.current?.scrollIntoView?.({ block: "nearest" })
  }, [s.notice])
  if (!capture) return null

  if (s.minimized) {
    return (
      <button type="button" className="cs-pill" aria-label={`Open Cogsync for ${capture.name}`} onClick={() => s.setMinimized(false)}>
        <Logo size={18} />
        <span className="cs-pill-name">{capture.name}</span>
      </button>
    )
  }

  const person = capture
  const body = () => {
    if (s.loadError && NEEDS_SIGN_IN.includes(s.loadError.kind)) {
      return <SignInPrompt message={s.loadError.message} onOpen={() => void s.openOptions()} />
    }
    if (s.loadError) {
      return (
        <div className="cs-empty" role="alert">
          <p>{s.loadError.message}</p>
          <button type="button" className="cs-btn" onClick={() => void s.load(person)}>
            Try again
          </button>
        </div>
      )
    }
    if (!context) {
      return (
        <div className="cs-loading" role="status" data-testid="picker-loading">
          <span className="cs-spinner" aria-hidden="true" />
          Loading Cogsync…
          <span className="cs-skeleton" aria-hidden="true" />
          <span className="cs-skeleton cs-skeleton-short" aria-hidden="true" />
        </div>
      )
    }
    if (!context.session.signedIn) {
      return <SignInPrompt message="Sign in to Cogsync to sync this person to Clockwork." onOpen={() => void s.openOptions()} />
    }

    const serverDown = !context.reachable ? (
      <div className="cs-alert cs-alert-amber" role="status" data-testid="server-down">
        <div>
          <strong>Can't reach the Cogsync server.</strong>
          <p>
            What you do here is kept and sent when it is back{context.pending ? ` (${context.pending} waiting)` : ""}.
            {context.stale ? " Showing your team's settings from your last visit." : ""}
          </p>
        </div>
      </div>
    ) : null

    const settings = context.settings
    if (!settings) {
      // Server down and nothing cached: only a push can be queued.
      return (
        <>
          {serverDown}
          {actions(false, null)}
          {notice()}
        </>
      )
    }
    const campaign = context.campaigns.find((c) => c.id === s.campaignId)
    const effective = effectiveSyncAs(settings, campaign, s.draft)
    const missing = missingMandatory(settings, person, s.draft, s.preview)
    // "Don't sync" disables the push; a missing mandatory field only warns (the click says where).
    const pushBlocked =
      effective.value === "none"
        ? { reason: "Sync as is “Don't sync”: a push writes nothing.", disables: true }
        : missing.length
          ? { reason: `Mandatory field missing: ${missing.map((f) => context.fieldLabels[f] ?? f).join(", ")}.`, disables: false }
          : null

    return (
      <>
        {serverDown}
        {s.preview || s.previewLoading ? (
          <div className="cs-status-line">
            <MatchBadge preview={s.preview} loading={s.previewLoading} />
          </div>
        ) : null}
        <OffLimitsWarning preview={s.preview} />
        <SyncAsRow
          effective={effective}
          campaign={campaign}
          expanded={s.expanded}
          error={s.fieldErrors["syncAs"]}
          onChange={s.setSyncAs}
          onToggle={() => s.setExpanded(!s.expanded)}
        />
        {s.expanded ? (
          <PersonOptions
            capture={person}
            settings={settings}
            campaigns={context.campaigns}
            campaignId={s.campaignId}
            campaign={campaign}
            draft={s.draft}
            clockworkTags={context.tags}
            fieldLabels={context.fieldLabels}
            fieldErrors={s.fieldErrors}
            onCampaign={(id) => void s.setCampaign(id)}
            onAddTag={s.addTag}
            onRemoveTag={s.removeTag}
            onRestoreTag={s.restoreTag}
            onField={s.setField}
          />
        ) : null}
        <DecisionPreview preview={s.preview} loading={s.previewLoading} error={s.previewError} labels={context.fieldLabels} />
        {actions(true, pushBlocked)}
        {notice()}
        <LastSync job={context.lastSync} pending={context.pending} />
      </>
    )
  }

  const actions = (canSave: boolean, pushBlocked: { reason: string; disables: boolean } | null) => {
    const busy = s.busy !== null
    return (
      <div className="cs-actions">
        <button
          type="button"
          className="cs-btn cs-btn-primary"
          data-testid="push-now"
          disabled={busy || pushBlocked?.disables === true}
          aria-describedby={pushBlocked ? "cs-push-blocked" : undefined}
          onClick={() => void s.pushNow()}
        >
          {s.busy === "push" ? "Pushing…" : "Push now"}
        </button>
        {pushBlocked ? (
          <p id="cs-push-blocked" className="cs-small cs-muted cs-actions-note">
            {pushBlocked.reason}
          </p>
        ) : null}
        {canSave ? (
          <button type="button" className="cs-btn" data-testid="save-override" disabled={busy || !s.dirty} onClick={() => void s.saveOverride()}>
            {s.busy === "save" ? "Saving…" : "Save override"}
          </button>
        ) : null}
        {canSave ? (
          <button type="button" className="cs-btn" data-testid="add-to-campaign" disabled={busy} onClick={() => void s.addToCampaign()}>
            {s.busy === "campaign" ? "Adding…" : "Add to campaign"}
          </button>
        ) : null}
      </div>
    )
  }

  const notice = () => {
    if (!s.notice) return null
    const error = s.notice.tone === "error"
    return (
      <p ref={noticeRef} className={`cs-notice cs-notice-${s.notice.tone}`} role={error ? "alert" : "status"} data-testid="picker-notice">
        {s.notice.text}
      </p>
    )
  }

  const subtitle = [capture.title ?? capture.headline, capture.company].filter(Boolean).join(" · ")
  return (
    <section className="cs-card" aria-label={`Cogsync: ${capture.name}`} data-testid="picker">
      <header className="cs-head">
        <Logo />
        <div className="cs-who">
          <h2 className="cs-name" data-testid="picker-name">
            {capture.name}
          </h2>
          {subtitle ? <p className="cs-sub">{subtitle}</p> : null}
        </div>
        <button type="button" className="cs-icon-btn" aria-label="Minimize Cogsync" title="Minimize" onClick={() => s.setMinimized(true)}>
          <MinusIcon />
        </button>
      </header>
      <div className="cs-body">
        {body()}
      </div>
    </section>
  )
}
