// Activity notes: which outreach activities create a Clockwork note, and the note type each maps
// to (from Clockwork's live note types). Unmapped activities still create an untyped note.
import { useState } from "react"
import type { ClockworkMetadata } from "@shared/api"
import { ACTIVITIES, NoteTriggerSchema, type Activity, type NoteTrigger, type SettingPath } from "@shared/settings"
import { ACTIVITY_LABELS, NOTE_TRIGGER_LABELS, SETTING_LABELS } from "~lib/labels"
import { useSettingsStore } from "~stores/settings-store"
import { FieldError, LockToggle } from "../ui/controls"
import { SectionFrame, useSectionErrors, useSectionLocks, type SectionProps } from "./section-frame"

const PATHS: SettingPath[] = ["notes.createFrom", "notes.typeMapping"]
const TRIGGERS = NoteTriggerSchema.options as readonly NoteTrigger[]

export function NotesSection({ settings, admin, metadata }: SectionProps & { metadata: ClockworkMetadata | null }) {
  const [draft, setDraft] = useState(settings.notes)
  const locks = useSectionLocks(settings, PATHS)
  const error = useSectionErrors("notes")
  const save = useSettingsStore((s) => s.saveSection)
  const types = metadata?.noteTypes ?? []
  const setCreate = (a: Activity, on: boolean) => setDraft({ ...draft, createFrom: on ? [...draft.createFrom.filter((x) => x !== a), a] : draft.createFrom.filter((x) => x !== a) })
  const setType = (t: NoteTrigger, id: string) => {
    const typeMapping = { ...draft.typeMapping }
    if (id) typeMapping[t] = id
    else delete typeMapping[t]
    setDraft({ ...draft, typeMapping })
  }
  return (
    <SectionFrame
      id="notes"
      title="Activity notes"
      admin={admin}
      description="Choose which outreach activities create a note in Clockwork, and map them to your firm's note types. Unmapped activities still create a note, just without a type."
      onSave={() => void save("notes", { notes: draft }, PATHS, locks.locked)}
    >
      <div className="cg-setting">
        <fieldset className="cg-check-group">
          <legend className="cg-toggle-label">Create new notes from</legend>
          <div className="cg-checks">
            {ACTIVITIES.map((a) => (
              <label key={a} className="cg-check">
                <input type="checkbox" checked={draft.createFrom.includes(a)} onChange={(e) => setCreate(a, e.currentTarget.checked)} />
                {ACTIVITY_LABELS[a]}
              </label>
            ))}
          </div>
          <FieldError id="notes-create-error" message={error("notes.createFrom")} />
        </fieldset>
        <LockToggle label={SETTING_LABELS["notes.createFrom"]} locked={locks.isLocked("notes.createFrom")} editable={admin} onChange={(v) => locks.setLock("notes.createFrom", v)} />
      </div>
      <div className="cg-setting cg-setting-block">
        <div className="cg-setting-head">
          <h3 className="cg-toggle-label">Note mapping</h3>
          <LockToggle label={SETTING_LABELS["notes.typeMapping"]} locked={locks.isLocked("notes.typeMapping")} editable={admin} onChange={(v) => locks.setLock("notes.typeMapping", v)} />
        </div>
        {metadata ? null : <p className="cg-note">Connect Clockwork to map activities to your firm's note types.</p>}
        <div className="cg-map">
          {TRIGGERS.map((t) => {
            const value = draft.typeMapping[t] ?? ""
            const unknown = value && !types.some((n) => n.id === value)
            return (
              <div className="cg-map-row" key={t}>
                <label htmlFor={`note-type-${t}`}>{NOTE_TRIGGER_LABELS[t]}</label>
                <select id={`note-type-${t}`} className="cg-select" value={value} disabled={!metadata && !value} onChange={(e) => setType(t, e.currentTarget.value)}>
                  <option value="">No type (untyped note)</option>
                  {unknown ? <option value={value}>Unknown type ({value})</option> : null}
                  {types.map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.name}
                    </option>
                  ))}
                </select>
                <FieldError id={`note-type-${t}-error`} message={error(`notes.typeMapping.${t}`)} />
              </div>
            )
          })}
        </div>
        <FieldError id="notes-mapping-error" message={error("notes.typeMapping")} />
      </div>
    </SectionFrame>
  )
}
