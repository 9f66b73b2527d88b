// Contact settings: sync manual updates; block emails to off-limits recipients.
import { useState } from "react"
import type { SettingPath } from "@shared/settings"
import { SETTING_LABELS } from "~lib/labels"
import { useSettingsStore } from "~stores/settings-store"
import { LockToggle, Toggle } from "../ui/controls"
import { SectionFrame, useSectionErrors, useSectionLocks, type SectionProps } from "./section-frame"

const PATHS: SettingPath[] = ["contact.syncManualUpdates", "contact.blockEmailsToOffLimits"]

export function ContactSection({ settings, admin }: SectionProps) {
  const [draft, setDraft] = useState(settings.contact)
  const locks = useSectionLocks(settings, PATHS)
  const error = useSectionErrors("contact")
  const save = useSettingsStore((s) => s.saveSection)
  return (
    <SectionFrame id="contact" title="Contact settings" admin={admin} onSave={() => void save("contact", { contact: draft }, PATHS, locks.locked)}>
      <div className="cg-setting">
        <Toggle
          id="set-sync-manual"
          label="Sync manual contact updates to Clockwork"
          description="Push your team's manual edits of contact fields (name, company, role, location…) to Clockwork."
          checked={draft.syncManualUpdates}
          error={error("contact.syncManualUpdates")}
          onChange={(v) => setDraft({ ...draft, syncManualUpdates: v })}
        />
        <LockToggle label={SETTING_LABELS["contact.syncManualUpdates"]} locked={locks.isLocked("contact.syncManualUpdates")} editable={admin} onChange={(v) => locks.setLock("contact.syncManualUpdates", v)} />
      </div>
      <div className="cg-setting">
        <Toggle
          id="set-block-off-limits"
          label="Block emails to recipients marked as off-limits"
          description="Cogsync refuses to email people Clockwork marks Do Not Contact or off-limits."
          checked={draft.blockEmailsToOffLimits}
          error={error("contact.blockEmailsToOffLimits")}
          onChange={(v) => setDraft({ ...draft, blockEmailsToOffLimits: v })}
        />
        <LockToggle label={SETTING_LABELS["contact.blockEmailsToOffLimits"]} locked={locks.isLocked("contact.blockEmailsToOffLimits")} editable={admin} onChange={(v) => locks.setLock("contact.blockEmailsToOffLimits", v)} />
      </div>
    </SectionFrame>
  )
}
