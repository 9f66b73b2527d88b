// The Clockwork integration: a green "Connected" box, or (admins) the activation form with API
// Key, API Secret, Subdomain and Service Key. The credentials go to the Cogsync server, which
// checks them with Clockwork and stores them encrypted; the extension never keeps them.
import { useState } from "react"
import type { ActivateIntegrationRequest } from "@shared/api"
import { timeAgo } from "~lib/format"
import { useIntegrationStore } from "~stores/integration-store"
import { useSettingsStore } from "~stores/settings-store"
import { Card, FieldError, FormFoot } from "../ui/controls"
import { AlertIcon, CheckIcon } from "../ui/icons"

const EMPTY: ActivateIntegrationRequest = { apiKey: "", apiSecret: "", subdomain: "", serviceKey: "" }

const FIELDS: { key: keyof ActivateIntegrationRequest; label: string; secret: boolean; help?: string }[] = [
  { key: "apiKey", label: "API Key", secret: false },
  { key: "apiSecret", label: "API Secret", secret: true },
  { key: "subdomain", label: "Subdomain", secret: false, help: "The first part of your Clockwork address: acme for acme.clockworkrecruiting.com." },
  { key: "serviceKey", label: "Service Key", secret: true },
]

export function ClockworkSection({ admin }: { admin: boolean }) {
  const { status, busy, errors, activate, disconnect } = useIntegrationStore()
  const refreshMetadata = useSettingsStore((s) => s.refreshMetadata)
  const [form, setForm] = useState(EMPTY)
  const [editing, setEditing] = useState(false)
  const connected = status?.state === "connected"
  const attention = status?.state === "needs_attention"
  const showForm = admin && (!connected || editing)

  return (
    <Card id="section-clockwork" title="Clockwork integration">
      {connected ? (
        <div className="cg-connected" role="status" data-testid="clockwork-connected">
          <CheckIcon />
          <div>
            <strong>Connected</strong>
            <p>
              {status.firm ? `${status.firm}.clockworkrecruiting.com` : "Clockwork"}
              {status.apiKeyLast4 ? ` · API key ••••${status.apiKeyLast4}` : ""}
              {status.connectedBy ? ` · by ${status.connectedBy}` : ""}
              {status.connectedAt ? ` ${timeAgo(status.connectedAt)}` : ""}
            </p>
            {status.paused ? <p>Syncing is paused.</p> : null}
          </div>
        </div>
      ) : attention ? (
        <div className="cg-attention" role="alert" data-testid="clockwork-attention">
          <AlertIcon />
          <div>
            <strong>Needs attention</strong>
            <p>{status.lastError ?? "Clockwork stopped accepting requests."}</p>
          </div>
        </div>
      ) : status ? (
        <p className="cg-muted">{admin ? "Not connected yet. Enter your Clockwork API credentials to activate the integration." : "Clockwork is not connected yet. Ask your team admin to connect it."}</p>
      ) : (
        <p className="cg-muted">{errors["form"] ?? "Loading…"}</p>
      )}

      {admin && connected && !editing ? (
        <div className="cg-form-foot">
          <button type="button" className="cg-btn" onClick={() => void refreshMetadata()}>
            Refresh fields and statuses
          </button>
          <button type="button" className="cg-btn" onClick={() => setEditing(true)}>
            Update credentials
          </button>
          <button type="button" className="cg-btn cg-btn-danger" disabled={busy} onClick={() => void disconnect()}>
            Disconnect
          </button>
        </div>
      ) : null}

      {showForm ? (
        <form
          className="cg-form"
          aria-label="Activate Clockwork"
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            void activate(form).then((ok) => {
              if (ok) {
                setForm(EMPTY)
                setEditing(false)
                void refreshMetadata()
              }
            })
          }}
        >
          <p className="cg-help">Clockwork charges monthly for an API key. Generate one in Clockwork (or ask Clockwork support), then enter it here.</p>
          <div className="cg-grid-2">
            {FIELDS.map((f) => (
              <div className="cg-field" key={f.key}>
                <label htmlFor={`cw-${f.key}`}>{f.label}</label>
                <input
                  id={`cw-${f.key}`}
                  className="cg-input cg-mono"
                  type={f.secret ? "password" : "text"}
                  autoComplete="off"
                  spellCheck={false}
                  value={form[f.key]}
                  aria-invalid={errors[f.key] ? true : undefined}
                  aria-describedby={[f.help ? `cw-${f.key}-help` : "", errors[f.key] ? `cw-${f.key}-error` : ""].filter(Boolean).join(" ") || undefined}
                  onChange={(e) => setForm({ ...form, [f.key]: e.currentTarget.value })}
                />
                {f.help ? (
                  <p id={`cw-${f.key}-help`} className="cg-help">
                    {f.help}
                  </p>
                ) : null}
                <FieldError id={`cw-${f.key}-error`} message={errors[f.key]} />
              </div>
            ))}
          </div>
          {errors["form"] && status ? (
            <div className="cg-attention" role="alert" data-testid="activation-error">
              <AlertIcon />
              <div>{errors["form"]}</div>
            </div>
          ) : null}
          <FormFoot label="Activate" busyLabel="Activating…" busy={busy} onCancel={editing ? () => setEditing(false) : undefined} />
        </form>
      ) : null}
    </Card>
  )
}
