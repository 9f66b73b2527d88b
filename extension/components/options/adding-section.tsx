// Adding to Clockwork: when a Person is added, notes only to synced records, and the team's
// defaults for "Sync as" and tags.
import { useState } from "react"
import { ADD_PERSON_WHEN, type AddPersonWhen, type SettingPath, type SyncAs } from "@shared/settings"
import { ADD_PERSON_WHEN_LABELS, SETTING_LABELS, SYNC_AS_LABELS } from "~lib/labels"
import { useSettingsStore } from "~stores/settings-store"
import { FieldError, LockToggle, Toggle } from "../ui/controls"
import { SectionFrame, useSectionErrors, useSectionLocks, type SectionProps } from "./section-frame"

const PATHS: SettingPath[] = ["adding.addPersonWhen", "adding.onlyNotesToSyncedRecords", "defaults.syncAs", "defaults.tags"]

export const splitTags = (text: string) =>
  text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean)

export function AddingSection({ settings, admin, tagOptions }: SectionProps & { tagOptions: string[] }) {
  const [adding, setAdding] = useState(settings.adding)
  const [syncAs, setSyncAs] = useState<SyncAs>(settings.defaults.syncAs)
  const [tags, setTags] = useState(settings.defaults.tags.join(", "))
  const locks = useSectionLocks(settings, PATHS)
  const error = useSectionErrors("adding")
  const save = useSettingsStore((s) => s.saveSection)
  const onSave = () => void save("adding", { adding, defaults: { syncAs, tags: splitTags(tags) } }, PATHS, locks.locked)
  return (
    <SectionFrame id="adding" title="Adding to Clockwork" admin={admin} onSave={onSave}>
      <div className="cg-setting">
        <fieldset className="cg-radio-group" aria-describedby={error("adding.addPersonWhen") ? "set-add-when-error" : undefined}>
          <legend className="cg-toggle-label">Add Person to Clockwork</legend>
          <p className="cg-help">Choose when people from your outreach are added to Clockwork as a Person.</p>
          {ADD_PERSON_WHEN.map((when) => (
            <label key={when} className="cg-radio">
              <input type="radio" name="add-person-when" value={when} checked={adding.addPersonWhen === when} onChange={() => setAdding({ ...adding, addPersonWhen: when as AddPersonWhen })} />
              {ADD_PERSON_WHEN_LABELS[when]}
            </label>
          ))}
          <FieldError id="set-add-when-error" message={error("adding.addPersonWhen")} />
        </fieldset>
        <LockToggle label={SETTING_LABELS["adding.addPersonWhen"]} locked={locks.isLocked("adding.addPersonWhen")} editable={admin} onChange={(v) => locks.setLock("adding.addPersonWhen", v)} />
      </div>
      <div className="cg-setting">
        <Toggle
          id="set-only-notes"
          label="Only add notes to synced records"
          description="With “only when they reply” or “only when they are interested”, notes reach existing Clockwork records only once the person replied or is interested."
          checked={adding.onlyNotesToSyncedRecords}
          error={error("adding.onlyNotesToSyncedRecords")}
          onChange={(v) => setAdding({ ...adding, onlyNotesToSyncedRecords: v })}
        />
        <LockToggle label={SETTING_LABELS["adding.onlyNotesToSyncedRecords"]} locked={locks.isLocked("adding.onlyNotesToSyncedRecords")} editable={admin} onChange={(v) => locks.setLock("adding.onlyNotesToSyncedRecords", v)} />
      </div>
      <div className="cg-setting">
        <div className="cg-field">
          <label htmlFor="set-default-sync-as" className="cg-toggle-label">
            Team default: Sync as
          </label>
          <p className="cg-help">What the picker starts with for every person, unless a campaign or the recruiter chooses otherwise.</p>
          <select id="set-default-sync-as" className="cg-select" value={syncAs} onChange={(e) => setSyncAs(e.currentTarget.value as SyncAs)}>
            {(Object.keys(SYNC_AS_LABELS) as SyncAs[]).map((v) => (
              <option key={v} value={v}>
                {SYNC_AS_LABELS[v]}
              </option>
            ))}
          </select>
          <FieldError id="set-default-sync-as-error" message={error("defaults.syncAs")} />
        </div>
        <LockToggle label={SETTING_LABELS["defaults.syncAs"]} locked={locks.isLocked("defaults.syncAs")} editable={admin} onChange={(v) => locks.setLock("defaults.syncAs", v)} />
      </div>
      <div className="cg-setting">
        <div className="cg-field">
          <label htmlFor="set-default-tags" className="cg-toggle-label">
            Team default tags
          </label>
          <p className="cg-help">Added to every Person Cogsync pushes, separated by commas.</p>
          <input
            id="set-default-tags"
            className="cg-input"
            list="set-default-tags-options"
            value={tags}
            aria-invalid={error("defaults.tags") ? true : undefined}
            aria-describedby={error("defaults.tags") ? "set-default-tags-error" : undefined}
            onChange={(e) => setTags(e.currentTarget.value)}
          />
          <datalist id="set-default-tags-options">
            {tagOptions.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <FieldError id="set-default-tags-error" message={error("defaults.tags") ?? error("defaults.tags.0")} />
        </div>
        <LockToggle label={SETTING_LABELS["defaults.tags"]} locked={locks.isLocked("defaults.tags")} editable={admin} onChange={(v) => locks.setLock("defaults.tags", v)} />
      </div>
    </SectionFrame>
  )
}
