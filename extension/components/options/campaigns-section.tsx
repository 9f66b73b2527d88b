// Campaigns with their Clockwork sync options: Sync as, tags, the "Add Person" sync override and
// the Clockwork project (from Clockwork's live project list).
import { useState } from "react"
import type { Campaign, ClockworkMetadata } from "@shared/api"
import { ADD_PERSON_WHEN, type AddPersonWhen, type SettingPath, type SyncAs, type TeamSettings } from "@shared/settings"
import { ADD_PERSON_WHEN_LABELS, SYNC_AS_LABELS } from "~lib/labels"
import { useCampaignsStore, type CampaignDraft } from "~stores/campaigns-store"
import { Card, FieldError, FormFoot } from "../ui/controls"
import { LockIcon } from "../ui/icons"
import { splitTags } from "./adding-section"

const NEW = "new"

function draftOf(c: Campaign | undefined): CampaignDraft {
  if (!c) return { name: "", options: { tags: [] } }
  return { name: c.name, options: { ...c.options }, archived: c.archived }
}

/** Why a campaign option is fixed: the team setting it would change is locked (the server refuses it too). */
function LockedNote({ id, admin }: { id: string; admin: boolean }) {
  return (
    <p id={id} className="cg-help cg-locked-note">
      <LockIcon /> {admin ? "Locked for the team: unlock it under “Adding to Clockwork” to let campaigns change it." : "Locked by your admin: campaigns use the team setting."}
    </p>
  )
}

interface EditorProps {
  campaign: Campaign | undefined
  metadata: ClockworkMetadata | null
  settings: TeamSettings | null
  admin: boolean
  onDone(): void
}

function CampaignEditor({ campaign, metadata, settings, admin, onDone }: EditorProps) {
  const { saving, errors, create, update } = useCampaignsStore()
  const locked = (path: SettingPath) => settings?.locks.includes(path) ?? false
  const [draft, setDraft] = useState(() => draftOf(campaign))
  const [tags, setTags] = useState((campaign?.options.tags ?? []).join(", "))
  const prefix = campaign ? `campaign-${campaign.id}` : "campaign-new"
  const projects = metadata?.projects ?? []
  const set = (options: Partial<CampaignDraft["options"]>) => setDraft({ ...draft, options: { ...draft.options, ...options } })
  const submit = async () => {
    const next = { ...draft, options: { ...draft.options, tags: splitTags(tags) } }
    const ok = campaign ? await update(campaign.id, next) : await create(next)
    if (ok) onDone()
  }
  return (
    <form
      className="cg-form cg-editor"
      aria-label={campaign ? `Edit campaign ${campaign.name}` : "New campaign"}
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <div className="cg-grid-2">
        <div className="cg-field">
          <label htmlFor={`${prefix}-name`}>Campaign name</label>
          <input
            id={`${prefix}-name`}
            className="cg-input"
            value={draft.name}
            aria-invalid={errors["name"] ? true : undefined}
            aria-describedby={errors["name"] ? `${prefix}-name-error` : undefined}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          />
          <FieldError id={`${prefix}-name-error`} message={errors["name"]} />
        </div>
        <div className="cg-field">
          <label htmlFor={`${prefix}-sync-as`}>Sync as</label>
          <select
            id={`${prefix}-sync-as`}
            className="cg-select"
            value={draft.options.syncAs ?? ""}
            disabled={locked("defaults.syncAs")}
            aria-describedby={locked("defaults.syncAs") ? `${prefix}-sync-as-locked` : undefined}
            onChange={(e) => set({ syncAs: (e.currentTarget.value || undefined) as SyncAs | undefined })}
          >
            <option value="">Team default</option>
            {(Object.keys(SYNC_AS_LABELS) as SyncAs[]).map((v) => (
              <option key={v} value={v}>
                {SYNC_AS_LABELS[v]}
              </option>
            ))}
          </select>
          {locked("defaults.syncAs") ? <LockedNote id={`${prefix}-sync-as-locked`} admin={admin} /> : null}
          <FieldError id={`${prefix}-sync-as-error`} message={errors["options.syncAs"]} />
        </div>
        <div className="cg-field">
          <label htmlFor={`${prefix}-tags`}>Tags</label>
          <input
            id={`${prefix}-tags`}
            className="cg-input"
            value={tags}
            disabled={locked("defaults.tags")}
            aria-describedby={locked("defaults.tags") ? `${prefix}-tags-help ${prefix}-tags-locked` : `${prefix}-tags-help`}
            onChange={(e) => setTags(e.currentTarget.value)}
          />
          <p id={`${prefix}-tags-help`} className="cg-help">
            Added to every Person of this campaign, separated by commas.
          </p>
          {locked("defaults.tags") ? <LockedNote id={`${prefix}-tags-locked`} admin={admin} /> : null}
          <FieldError id={`${prefix}-tags-error`} message={errors["options.tags"] ?? errors["options.tags.0"]} />
        </div>
        <div className="cg-field">
          <label htmlFor={`${prefix}-when`}>Sync override: add Person</label>
          <select
            id={`${prefix}-when`}
            className="cg-select"
            value={draft.options.addPersonWhen ?? ""}
            disabled={locked("adding.addPersonWhen")}
            aria-describedby={locked("adding.addPersonWhen") ? `${prefix}-when-locked` : undefined}
            onChange={(e) => set({ addPersonWhen: (e.currentTarget.value || undefined) as AddPersonWhen | undefined })}
          >
            <option value="">Team setting</option>
            {ADD_PERSON_WHEN.map((w) => (
              <option key={w} value={w}>
                {ADD_PERSON_WHEN_LABELS[w]}
              </option>
            ))}
          </select>
          {locked("adding.addPersonWhen") ? <LockedNote id={`${prefix}-when-locked`} admin={admin} /> : null}
          <FieldError id={`${prefix}-when-error`} message={errors["options.addPersonWhen"]} />
        </div>
        <div className="cg-field">
          <label htmlFor={`${prefix}-project`}>Clockwork project</label>
          <select
            id={`${prefix}-project`}
            className="cg-select"
            value={draft.options.clockworkProjectId ?? ""}
            onChange={(e) => set({ clockworkProjectId: e.currentTarget.value || undefined })}
          >
            <option value="">No project</option>
            {draft.options.clockworkProjectId && !projects.some((p) => p.id === draft.options.clockworkProjectId) ? (
              <option value={draft.options.clockworkProjectId}>Unknown project ({draft.options.clockworkProjectId})</option>
            ) : null}
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        {campaign ? (
          <label className="cg-check cg-field-check">
            <input type="checkbox" checked={draft.archived ?? false} onChange={(e) => setDraft({ ...draft, archived: e.currentTarget.checked })} />
            Archived (hidden from the picker)
          </label>
        ) : null}
      </div>
      <FieldError id={`${prefix}-error`} message={errors["form"]} />
      <FormFoot label={campaign ? "Save campaign" : "Create campaign"} busyLabel="Saving…" busy={saving !== null} onCancel={onDone} />
    </form>
  )
}

export function CampaignsSection({ metadata, settings, admin }: { metadata: ClockworkMetadata | null; settings: TeamSettings | null; admin: boolean }) {
  const { campaigns, loadError, clearErrors } = useCampaignsStore()
  const [open, setOpen] = useState<string | null>(null)
  const projectName = (id: string | undefined) => (id ? (metadata?.projects.find((p) => p.id === id)?.name ?? id) : "—")
  const edit = (id: string | null) => {
    clearErrors()
    setOpen(id)
  }
  return (
    <Card
      id="section-campaigns"
      title="Campaigns"
      actions={
        open !== NEW ? (
          <button type="button" className="cg-btn" onClick={() => edit(NEW)}>
            New campaign
          </button>
        ) : null
      }
    >
      <p className="cg-help">Each campaign can sync as a Person or not at all, add its own tags, override when people are added, and move them through a Clockwork project.</p>
      {loadError ? <p className="cg-error-text">{loadError}</p> : null}
      {open === NEW ? <CampaignEditor campaign={undefined} metadata={metadata} settings={settings} admin={admin} onDone={() => edit(null)} /> : null}
      {campaigns && campaigns.length === 0 && open !== NEW ? <p className="cg-muted">No campaigns yet.</p> : null}
      {campaigns && campaigns.length > 0 ? (
        <div className="cg-table-wrap">
          <table className="cg-table">
            <thead>
              <tr>
                <th scope="col">Campaign</th>
                <th scope="col">Sync as</th>
                <th scope="col">Tags</th>
                <th scope="col">Add Person</th>
                <th scope="col">Project</th>
                <th scope="col">People</th>
                <th scope="col">
                  <span className="cg-sr">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) =>
                open === c.id ? (
                  <tr key={c.id}>
                    <td colSpan={7}>
                      <CampaignEditor campaign={c} metadata={metadata} settings={settings} admin={admin} onDone={() => edit(null)} />
                    </td>
                  </tr>
                ) : (
                  <tr key={c.id} className={c.archived ? "cg-archived" : undefined}>
                    <th scope="row">
                      {c.name}
                      {c.archived ? <span className="cg-tag">archived</span> : null}
                    </th>
                    <td>{c.options.syncAs ? SYNC_AS_LABELS[c.options.syncAs] : <span className="cg-muted">Team default</span>}</td>
                    <td>{c.options.tags.length ? c.options.tags.join(", ") : <span className="cg-muted">—</span>}</td>
                    <td>{c.options.addPersonWhen ? ADD_PERSON_WHEN_LABELS[c.options.addPersonWhen] : <span className="cg-muted">Team setting</span>}</td>
                    <td>{projectName(c.options.clockworkProjectId)}</td>
                    <td>{c.memberCount}</td>
                    <td>
                      <button type="button" className="cg-btn cg-btn-quiet" aria-label={`Edit campaign ${c.name}`} onClick={() => edit(c.id)}>
                        Edit
                      </button>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </Card>
  )
}
