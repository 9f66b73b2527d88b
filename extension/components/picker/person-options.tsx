// Behind the arrow: the campaign, tag overrides (inherited tags shown, add and remove) and the
// displayed fields prefilled from the page, mandatory ones marked and checked.
import { useId, useState } from "react"
import type { Campaign } from "@shared/api"
import type { ProfileCaptureInput } from "@shared/capture"
import type { TeamSettings } from "@shared/settings"
import { ADD_PERSON_WHEN_LABELS } from "~lib/labels"
import { effectiveAddPersonWhen, fieldValue, hasTag, inheritedTags, tagsLocked, type Draft } from "~lib/picker-model"
import { CloseIcon, LockIcon } from "../ui/icons"

interface Props {
  capture: ProfileCaptureInput
  settings: TeamSettings
  campaigns: Campaign[]
  campaignId: string | undefined
  campaign: Campaign | undefined
  draft: Draft
  clockworkTags: string[]
  fieldLabels: Record<string, string>
  fieldErrors: Record<string, string>
  onCampaign(id: string | undefined): void
  onAddTag(tag: string): void
  onRemoveTag(tag: string, inherited: boolean): void
  onRestoreTag(tag: string): void
  onField(field: string, value: string): void
}

export function PersonOptions(p: Props) {
  const locked = tagsLocked(p.settings)
  const inherited = inheritedTags(p.settings, p.campaign)
  const added = p.draft.tagsAdd.filter((t) => !hasTag(inherited, t))
  const [tag, setTag] = useState("")
  const listId = useId()
  const add = () => {
    if (!tag.trim()) return
    p.onAddTag(tag)
    setTag("")
  }
  const when = effectiveAddPersonWhen(p.settings, p.campaign)
  const mandatory = new Set(p.settings.personFields.mandatory)
  const hiddenMandatory = p.settings.personFields.mandatory.filter((f) => !p.settings.personFields.displayed.includes(f) && p.fieldErrors[f])

  return (
    <div id="cs-options" className="cs-options" data-testid="person-options">
      <div className="cs-field">
        <label htmlFor="cs-campaign" className="cs-label">
          Campaign
        </label>
        <select
          id="cs-campaign"
          className="cs-select"
          value={p.campaignId ?? ""}
          aria-invalid={p.fieldErrors["campaign"] ? true : undefined}
          aria-describedby={p.fieldErrors["campaign"] ? "cs-campaign-error" : undefined}
          onChange={(e) => p.onCampaign(e.currentTarget.value || undefined)}
        >
          <option value="">No campaign</option>
          {p.campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        {p.fieldErrors["campaign"] ? (
          <p id="cs-campaign-error" className="cs-error">
            {p.fieldErrors["campaign"]}
          </p>
        ) : null}
      </div>

      <div className="cs-field" data-testid="add-person-when">
        <span className="cs-label">Added to Clockwork</span>
        <p className="cs-source cs-source-value">
          {when.locked ? <LockIcon /> : null}
          <span>
            {ADD_PERSON_WHEN_LABELS[when.value]}
            {" · "}
            {when.source === "lock" ? "Locked by your admin" : when.source === "campaign" ? `From campaign “${p.campaign?.name ?? ""}”` : "Team setting"}
          </span>
        </p>
      </div>

      <fieldset className="cs-fieldset" disabled={locked}>
        <legend className="cs-label">Tags</legend>
        {locked ? (
          <p className="cs-source">
            <LockIcon /> Locked by your admin: only the team's default tags are added
          </p>
        ) : null}
        <ul className="cs-chips" aria-label="Tags to add in Clockwork">
          {inherited.map((t) =>
            hasTag(p.draft.tagsRemove, t) ? (
              <li key={`i-${t}`} className="cs-chip cs-chip-removed">
                <s>{t}</s>
                <button type="button" className="cs-link" aria-label={`Keep tag ${t}`} onClick={() => p.onRestoreTag(t)}>
                  Keep
                </button>
              </li>
            ) : (
              <li key={`i-${t}`} className="cs-chip" title="Inherited from the team or campaign">
                {t}
                <button type="button" className="cs-chip-x" aria-label={`Remove tag ${t}`} onClick={() => p.onRemoveTag(t, true)}>
                  <CloseIcon />
                </button>
              </li>
            ),
          )}
          {added.map((t) => (
            <li key={`a-${t}`} className="cs-chip cs-chip-added" title="Added by you">
              {t}
              <button type="button" className="cs-chip-x" aria-label={`Remove tag ${t}`} onClick={() => p.onRemoveTag(t, false)}>
                <CloseIcon />
              </button>
            </li>
          ))}
          {inherited.length + added.length === 0 ? <li className="cs-muted">No tags</li> : null}
        </ul>
        <div className="cs-inline">
          <input
            className="cs-input"
            aria-label="Add a tag"
            placeholder="Add a tag"
            list={listId}
            value={tag}
            maxLength={100}
            onChange={(e) => setTag(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault()
                add()
              }
            }}
          />
          <datalist id={listId}>
            {p.clockworkTags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <button type="button" className="cs-btn" onClick={add}>
            Add
          </button>
        </div>
        {p.fieldErrors["tags"] ? <p className="cs-error">{p.fieldErrors["tags"]}</p> : null}
      </fieldset>

      <fieldset className="cs-fieldset">
        <legend className="cs-label">Fields pushed to Clockwork</legend>
        {p.settings.personFields.displayed.length === 0 ? <p className="cs-muted">Your admin shows no fields here.</p> : null}
        {p.settings.personFields.displayed.map((field) => {
          const id = `cs-field-${field.replace(/[^A-Za-z0-9_-]/g, "_")}`
          const error = p.fieldErrors[field]
          const required = mandatory.has(field)
          return (
            <div className="cs-field" key={field}>
              <label htmlFor={id} className="cs-label cs-label-field">
                {p.fieldLabels[field] ?? field}
                {required ? (
                  <span className="cs-req" title="Mandatory">
                    {" "}
                    * <span className="cs-sr">(mandatory)</span>
                  </span>
                ) : null}
              </label>
              <input
                id={id}
                className="cs-input"
                value={fieldValue(p.capture, p.draft, field)}
                maxLength={2000}
                required={required}
                aria-required={required}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                onChange={(e) => p.onField(field, e.currentTarget.value)}
              />
              {error ? (
                <p id={`${id}-error`} className="cs-error">
                  {error}
                </p>
              ) : null}
            </div>
          )
        })}
        {hiddenMandatory.length ? (
          <p className="cs-error">
            Mandatory but not editable here: {hiddenMandatory.map((f) => p.fieldLabels[f] ?? f).join(", ")}. Ask your admin to display it.
          </p>
        ) : null}
      </fieldset>
    </div>
  )
}
