// One settings section: a card with its form, read-only for recruiters, a Save button for admins,
// and the section's form-level error. Field errors are shown by the fields themselves.
import { useState, type ReactNode } from "react"
import type { SettingPath, TeamSettings } from "@shared/settings"
import { useSettingsStore, type SectionId } from "~stores/settings-store"
import { Card, FieldError, FormFoot } from "../ui/controls"

export interface SectionProps {
  settings: TeamSettings
  admin: boolean
}

/** The section's lock toggles: which of its setting paths are locked in the draft. */
export function useSectionLocks(settings: TeamSettings, paths: readonly SettingPath[]) {
  const [locked, setLocked] = useState<SettingPath[]>(() => settings.locks.filter((p) => paths.includes(p)))
  const isLocked = (path: SettingPath) => locked.includes(path)
  const setLock = (path: SettingPath, on: boolean) => setLocked((l) => (on ? [...l.filter((p) => p !== path), path] : l.filter((p) => p !== path)))
  return { locked, isLocked, setLock }
}

/** The error of one setting path in a section (from the client check or the server's 422). */
export function useSectionErrors(id: SectionId): (path: string) => string | undefined {
  const errors = useSettingsStore((s) => s.errors[id])
  return (path) => errors?.[path]
}

export function SectionFrame(props: { id: SectionId; title: string; description?: ReactNode; admin: boolean; onSave(): void; children: ReactNode }) {
  const saving = useSettingsStore((s) => s.saving === props.id)
  const saved = useSettingsStore((s) => s.savedSection === props.id)
  const formError = useSettingsStore((s) => s.errors[props.id]?.["form"])
  const fieldErrorCount = useSettingsStore((s) => Object.keys(s.errors[props.id] ?? {}).filter((k) => k !== "form").length)
  return (
    <Card id={`section-${props.id}`} title={props.title}>
      {props.description ? <div className="cg-help cg-section-help">{props.description}</div> : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          props.onSave()
        }}
      >
        <fieldset className="cg-fieldset" disabled={!props.admin}>
          <legend className="cg-sr">{props.title}</legend>
          {props.children}
        </fieldset>
        {props.admin ? (
          <FormFoot label={`Save ${props.title.toLowerCase()}`} busyLabel="Saving…" busy={saving}>
            {saved ? (
              <span className="cg-saved" role="status">
                Saved
              </span>
            ) : null}
            {fieldErrorCount > 0 && !formError ? (
              <span className="cg-error-text" role="status">
                Fix the highlighted {fieldErrorCount === 1 ? "field" : "fields"}.
              </span>
            ) : null}
          </FormFoot>
        ) : null}
        <FieldError id={`section-${props.id}-error`} message={formError} />
      </form>
    </Card>
  )
}
