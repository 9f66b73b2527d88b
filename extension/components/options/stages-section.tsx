// Contact stages: each outreach stage maps to one of Clockwork's live candidate statuses.
import { useState } from "react"
import type { ClockworkMetadata } from "@shared/api"
import { OUTREACH_STAGES, type OutreachStage, type SettingPath } from "@shared/settings"
import { SETTING_LABELS, STAGE_LABELS } from "~lib/labels"
import { useSettingsStore } from "~stores/settings-store"
import { FieldError, LockToggle } from "../ui/controls"
import { SectionFrame, useSectionErrors, useSectionLocks, type SectionProps } from "./section-frame"

const PATHS: SettingPath[] = ["stages.mapping"]

export function StagesSection({ settings, admin, metadata }: SectionProps & { metadata: ClockworkMetadata | null }) {
  const [mapping, setMapping] = useState(settings.stages.mapping)
  const locks = useSectionLocks(settings, PATHS)
  const error = useSectionErrors("stages")
  const save = useSettingsStore((s) => s.saveSection)
  const statuses = metadata?.statuses ?? []
  const groups = [...new Set(statuses.map((s) => s.group ?? "Other"))]
  const set = (stage: OutreachStage, id: string) => {
    const next = { ...mapping }
    if (id) next[stage] = id
    else delete next[stage]
    setMapping(next)
  }
  return (
    <SectionFrame
      id="stages"
      title="Contact stages"
      admin={admin}
      description="Map each outreach stage to a Clockwork candidate status. People move to it on the campaign's Clockwork project."
      onSave={() => void save("stages", { stages: { mapping } }, PATHS, locks.locked)}
    >
      <div className="cg-setting cg-setting-block">
        <div className="cg-setting-head">
          <h3 className="cg-toggle-label">Stage mapping</h3>
          <LockToggle label={SETTING_LABELS["stages.mapping"]} locked={locks.isLocked("stages.mapping")} editable={admin} onChange={(v) => locks.setLock("stages.mapping", v)} />
        </div>
        {metadata ? null : <p className="cg-note">Connect Clockwork to map stages to your firm's statuses.</p>}
        <div className="cg-map">
          {OUTREACH_STAGES.map((stage) => {
            const value = mapping[stage] ?? ""
            const unknown = value && !statuses.some((s) => s.id === value)
            return (
              <div className="cg-map-row" key={stage}>
                <label htmlFor={`stage-${stage}`}>{STAGE_LABELS[stage]}</label>
                <select id={`stage-${stage}`} className="cg-select" value={value} disabled={!metadata && !value} onChange={(e) => set(stage, e.currentTarget.value)}>
                  <option value="">Not mapped</option>
                  {unknown ? <option value={value}>Unknown status ({value})</option> : null}
                  {groups.map((g) => (
                    <optgroup key={g} label={g}>
                      {statuses
                        .filter((s) => (s.group ?? "Other") === g)
                        .map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.name}
                          </option>
                        ))}
                    </optgroup>
                  ))}
                </select>
                <FieldError id={`stage-${stage}-error`} message={error(`stages.mapping.${stage}`)} />
              </div>
            )
          })}
        </div>
        <FieldError id="stages-error" message={error("stages.mapping")} />
      </div>
    </SectionFrame>
  )
}
