// "Sync as" with where its value comes from, and the arrow that opens the per-person options.
import type { Campaign } from "@shared/api"
import type { SyncAs } from "@shared/settings"
import type { EffectiveSyncAs } from "~lib/picker-model"
import { SYNC_AS_LABELS } from "~lib/labels"
import { ChevronIcon, LockIcon } from "../ui/icons"

interface Props {
  effective: EffectiveSyncAs
  campaign: Campaign | undefined
  expanded: boolean
  error: string | undefined
  onChange(value: SyncAs | undefined): void
  onToggle(): void
}

export function sourceText(effective: EffectiveSyncAs, campaign: Campaign | undefined): string {
  switch (effective.source) {
    case "lock":
      return "Locked by your admin for the whole team"
    case "person":
      return "Your override for this person"
    case "campaign":
      return `From campaign “${campaign?.name ?? ""}”`
    case "team":
      return "Team default"
  }
}

export function SyncAsRow({ effective, campaign, expanded, error, onChange, onToggle }: Props) {
  return (
    <div className="cs-syncas">
      <div className="cs-syncas-row">
        <label htmlFor="cs-sync-as" className="cs-label">
          Sync as
        </label>
        <select
          id="cs-sync-as"
          data-testid="sync-as"
          className="cs-select"
          value={effective.value}
          disabled={effective.locked}
          aria-describedby="cs-sync-as-source"
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.currentTarget.value === "none" ? "none" : "person")}
        >
          {(Object.keys(SYNC_AS_LABELS) as SyncAs[]).map((v) => (
            <option key={v} value={v}>
              {SYNC_AS_LABELS[v]}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="cs-arrow"
          data-testid="more-options"
          aria-expanded={expanded}
          aria-controls="cs-options"
          aria-label="More sync options"
          title="More sync options"
          onClick={onToggle}
        >
          <ChevronIcon open={expanded} />
        </button>
      </div>
      <p id="cs-sync-as-source" className="cs-source" data-testid="sync-as-source">
        {effective.locked ? <LockIcon /> : null}
        {sourceText(effective, campaign)}
        {effective.source === "person" ? (
          <button type="button" className="cs-link" onClick={() => onChange(undefined)}>
            Use inherited
          </button>
        ) : null}
      </p>
      {error ? <p className="cs-error">{error}</p> : null}
    </div>
  )
}
