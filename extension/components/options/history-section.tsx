// The settings history: who changed which settings, when.
import { timeAgo } from "~lib/format"
import { SETTING_LABELS } from "~lib/labels"
import { useSettingsStore } from "~stores/settings-store"
import { Card } from "../ui/controls"

const SECTION_LABELS: Record<string, string> = {
  contact: "Contact settings",
  adding: "Adding to Clockwork",
  personFields: "Person fields",
  notes: "Activity notes",
  stages: "Contact stages",
  fieldMapping: "Contact fields mapping",
  advanced: "Advanced",
  defaults: "Team defaults",
  locks: "Locks",
}

const changeLabel = (path: string) => (SETTING_LABELS as Record<string, string>)[path] ?? SECTION_LABELS[path] ?? path

export function HistorySection() {
  const { history, historyError } = useSettingsStore()
  return (
    <Card id="section-history" title="Settings history">
      {historyError ? <p className="cg-error-text">{historyError}</p> : null}
      {history && history.length === 0 ? <p className="cg-muted">No changes yet.</p> : null}
      {history && history.length > 0 ? (
        <ol className="cg-history">
          {history.map((h) => (
            <li key={h.version}>
              <div className="cg-history-head">
                <span className="cg-strong">Version {h.version}</span>
                <span className="cg-muted">
                  {h.changedBy.name} · <time dateTime={h.changedAt}>{timeAgo(h.changedAt)}</time>
                </span>
              </div>
              <p className="cg-muted">{h.changes.length ? h.changes.map(changeLabel).join(", ") : "No visible change"}</p>
            </li>
          ))}
        </ol>
      ) : null}
    </Card>
  )
}
