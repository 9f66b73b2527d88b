// Person fields, from Clockwork's live field list: displayed, mandatory, update policy, protected.
import { useState } from "react"
import type { ClockworkMetadata } from "@shared/api"
import type { FieldId } from "@shared/fields"
import type { SettingPath, UpdatePolicy } from "@shared/settings"
import { SETTING_LABELS } from "~lib/labels"
import { useSettingsStore } from "~stores/settings-store"
import { FieldError, LockToggle } from "../ui/controls"
import { domId, fieldOptions } from "./field-options"
import { SectionFrame, useSectionErrors, useSectionLocks, type SectionProps } from "./section-frame"

const PATHS: SettingPath[] = ["personFields.displayed", "personFields.mandatory", "personFields.updatePolicy", "personFields.protected"]

const toggle = (list: FieldId[], id: FieldId, on: boolean) => (on ? [...list.filter((f) => f !== id), id] : list.filter((f) => f !== id))

export function PersonFieldsSection({ settings, admin, metadata }: SectionProps & { metadata: ClockworkMetadata | null }) {
  const [draft, setDraft] = useState(settings.personFields)
  const locks = useSectionLocks(settings, PATHS)
  const error = useSectionErrors("personFields")
  const save = useSettingsStore((s) => s.saveSection)
  const fields = fieldOptions(metadata, settings)
  const lock = (path: SettingPath) => (
    <LockToggle label={SETTING_LABELS[path]} locked={locks.isLocked(path)} editable={admin} onChange={(v) => locks.setLock(path, v)} />
  )
  return (
    <SectionFrame
      id="personFields"
      title="Person fields"
      admin={admin}
      description={
        <>
          <p>
            <strong>Displayed</strong> fields appear in the picker for recruiters to fill in; <strong>mandatory</strong> ones must have a value before a Person is pushed.
            <strong> Always update</strong> overwrites Clockwork's value; <strong>only if blank</strong> never does. <strong>Protected</strong> fields are never overwritten once Clockwork has a value.
          </p>
          {metadata ? null : <p className="cg-note">Showing the standard fields: connect Clockwork to see your firm's custom fields.</p>}
        </>
      }
      onSave={() => void save("personFields", { personFields: draft }, PATHS, locks.locked)}
    >
      <div className="cg-table-wrap">
        <table className="cg-table">
          <thead>
            <tr>
              <th scope="col">Clockwork field</th>
              <th scope="col">
                Displayed <div>{lock("personFields.displayed")}</div>
              </th>
              <th scope="col">
                Mandatory <div>{lock("personFields.mandatory")}</div>
              </th>
              <th scope="col">
                Update in Clockwork <div>{lock("personFields.updatePolicy")}</div>
              </th>
              <th scope="col">
                Protected <div>{lock("personFields.protected")}</div>
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.id}>
                <th scope="row">
                  {f.label}
                  {f.custom ? <span className="cg-tag">custom</span> : null}
                  {f.missing ? <span className="cg-tag cg-tag-amber">not in Clockwork</span> : null}
                </th>
                <td>
                  <input type="checkbox" aria-label={`Display ${f.label}`} checked={draft.displayed.includes(f.id)} onChange={(e) => setDraft({ ...draft, displayed: toggle(draft.displayed, f.id, e.currentTarget.checked) })} />
                </td>
                <td>
                  <input type="checkbox" aria-label={`${f.label} is mandatory`} checked={draft.mandatory.includes(f.id)} onChange={(e) => setDraft({ ...draft, mandatory: toggle(draft.mandatory, f.id, e.currentTarget.checked) })} />
                </td>
                <td>
                  <select
                    id={domId("policy", f.id)}
                    className="cg-select cg-select-sm"
                    aria-label={`Update policy for ${f.label}`}
                    value={draft.updatePolicy[f.id] ?? "if_blank"}
                    onChange={(e) => setDraft({ ...draft, updatePolicy: { ...draft.updatePolicy, [f.id]: e.currentTarget.value as UpdatePolicy } })}
                  >
                    <option value="if_blank">Only update if blank</option>
                    <option value="always">Always update</option>
                  </select>
                </td>
                <td>
                  <input type="checkbox" aria-label={`Protect ${f.label}`} checked={draft.protected.includes(f.id)} onChange={(e) => setDraft({ ...draft, protected: toggle(draft.protected, f.id, e.currentTarget.checked) })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {PATHS.map((p) => (
        <FieldError key={p} id={`${p}-error`} message={error(p) ? `${SETTING_LABELS[p]}: ${error(p)}` : undefined} />
      ))}
    </SectionFrame>
  )
}
