// Advanced settings: CVs and work/education history.
import { useState } from "react"
import type { SettingPath } from "@shared/settings"
import { SETTING_LABELS } from "~lib/labels"
import { useSettingsStore } from "~stores/settings-store"
import { LockToggle, Toggle } from "../ui/controls"
import { SectionFrame, useSectionErrors, useSectionLocks, type SectionProps } from "./section-frame"

const PATHS: SettingPath[] = ["advanced.dontOverwriteCv", "advanced.updateWorkEducationHistory"]

export function AdvancedSection({ settings, admin }: SectionProps) {
  const [draft, setDraft] = useState(settings.advanced)
  const locks = useSectionLocks(settings, PATHS)
  const error = useSectionErrors("advanced")
  const save = useSettingsStore((s) => s.saveSection)
  return (
    <SectionFrame id="advanced" title="Advanced" admin={admin} onSave={() => void save("advanced", { advanced: draft }, PATHS, locks.locked)}>
      <div className="cg-setting">
        <Toggle
          id="set-dont-overwrite-cv"
          label="Don't overwrite existing CVs in Clockwork"
          description="If a person already has a CV in Clockwork, Cogsync does not upload a new one."
          checked={draft.dontOverwriteCv}
          error={error("advanced.dontOverwriteCv")}
          onChange={(v) => setDraft({ ...draft, dontOverwriteCv: v })}
        />
        <LockToggle label={SETTING_LABELS["advanced.dontOverwriteCv"]} locked={locks.isLocked("advanced.dontOverwriteCv")} editable={admin} onChange={(v) => locks.setLock("advanced.dontOverwriteCv", v)} />
      </div>
      <div className="cg-setting">
        <Toggle
          id="set-update-history"
          label="Update existing contacts' full work/education history, if known"
          description="When a person is synced again, replace their work and education history in Clockwork with everything known."
          checked={draft.updateWorkEducationHistory}
          error={error("advanced.updateWorkEducationHistory")}
          onChange={(v) => setDraft({ ...draft, updateWorkEducationHistory: v })}
        />
        <LockToggle label={SETTING_LABELS["advanced.updateWorkEducationHistory"]} locked={locks.isLocked("advanced.updateWorkEducationHistory")} editable={admin} onChange={(v) => locks.setLock("advanced.updateWorkEducationHistory", v)} />
      </div>
    </SectionFrame>
  )
}
