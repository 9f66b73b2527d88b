// Contact fields mapping: the outreach variable each Clockwork field is filled from.
import { useState } from "react"
import type { ClockworkMetadata } from "@shared/api"
import type { SettingPath } from "@shared/settings"
import { SETTING_LABELS } from "~lib/labels"
import { useSettingsStore } from "~stores/settings-store"
import { FieldError, LockToggle } from "../ui/controls"
import { domId, fieldOptions } from "./field-options"
import { SectionFrame, useSectionErrors, useSectionLocks, type SectionProps } from "./section-frame"

const PATHS: SettingPath[] = ["fieldMapping"]

export function FieldMappingSection({ settings, admin, metadata }: SectionProps & { metadata: ClockworkMetadata | null }) {
  const [mapping, setMapping] = useState<Record<string, string>>(() => ({ ...settings.fieldMapping }) as Record<string, string>)
  const locks = useSectionLocks(settings, PATHS)
  const error = useSectionErrors("fieldMapping")
  const save = useSettingsStore((s) => s.saveSection)
  const fields = fieldOptions(metadata, settings)
  const onSave = () => {
    const fieldMapping = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v.trim() !== "").map(([k, v]) => [k, v.trim()]))
    void save("fieldMapping", { fieldMapping }, PATHS, locks.locked)
  }
  return (
    <SectionFrame
      id="fieldMapping"
      title="Contact fields mapping"
      admin={admin}
      description="The outreach variable each Clockwork field is filled from. Please do not adjust unless variables are not mapping as expected in Clockwork."
      onSave={onSave}
    >
      <div className="cg-setting cg-setting-block">
        <div className="cg-setting-head">
          <h3 className="cg-toggle-label">Clockwork field ← outreach variable</h3>
          <LockToggle label={SETTING_LABELS["fieldMapping"]} locked={locks.isLocked("fieldMapping")} editable={admin} onChange={(v) => locks.setLock("fieldMapping", v)} />
        </div>
        <div className="cg-map">
          {fields.map((f) => {
            const id = domId("map", f.id)
            const message = error(`fieldMapping.${f.id}`)
            return (
              <div className="cg-map-row" key={f.id}>
                <label htmlFor={id}>{f.label}</label>
                <input
                  id={id}
                  className="cg-input cg-mono"
                  placeholder="not mapped"
                  value={mapping[f.id] ?? ""}
                  aria-invalid={message ? true : undefined}
                  aria-describedby={message ? `${id}-error` : undefined}
                  onChange={(e) => setMapping({ ...mapping, [f.id]: e.currentTarget.value })}
                />
                <FieldError id={`${id}-error`} message={message} />
              </div>
            )
          })}
        </div>
        <FieldError id="field-mapping-error" message={error("fieldMapping")} />
      </div>
    </SectionFrame>
  )
}
