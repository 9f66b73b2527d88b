// Form controls shared by the popup and the options page.
import type { ReactNode } from "react"
import { LockIcon } from "./icons"

/** A switch: a real checkbox with role="switch", labelled by its visible text. */
export function Toggle(props: { id: string; label: string; description?: string; checked: boolean; disabled?: boolean; error?: string | undefined; onChange(checked: boolean): void }) {
  const describedBy = [props.description ? `${props.id}-desc` : "", props.error ? `${props.id}-error` : ""].filter(Boolean).join(" ")
  return (
    <div className="cg-toggle-row">
      <input
        id={props.id}
        type="checkbox"
        role="switch"
        className="cg-switch"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={describedBy || undefined}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <div>
        <label htmlFor={props.id} className="cg-toggle-label">
          {props.label}
        </label>
        {props.description ? (
          <p id={`${props.id}-desc`} className="cg-help">
            {props.description}
          </p>
        ) : null}
        <FieldError id={`${props.id}-error`} message={props.error} />
      </div>
    </div>
  )
}

/**
 * The admin's lock on one setting. Admins get a toggle button ("Lock Sync as"); recruiters see a
 * lock icon with text when the setting is locked, nothing otherwise.
 */
export function LockToggle(props: { label: string; locked: boolean; editable: boolean; onChange(locked: boolean): void }) {
  if (!props.editable) {
    return props.locked ? (
      <span className="cg-lock cg-lock-on" title={`${props.label} is locked by your admin`}>
        <LockIcon /> Locked
      </span>
    ) : null
  }
  return (
    <button
      type="button"
      className={props.locked ? "cg-lock cg-lock-btn cg-lock-on" : "cg-lock cg-lock-btn"}
      aria-pressed={props.locked}
      aria-label={`Lock ${props.label}`}
      title={props.locked ? "Locked: campaigns and individual overrides cannot change this" : "Unlocked: campaigns and overrides may change this"}
      onClick={() => props.onChange(!props.locked)}
    >
      <LockIcon /> {props.locked ? "Locked" : "Lock"}
    </button>
  )
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null
  return (
    <p id={id} className="cg-error" role="alert">
      {message}
    </p>
  )
}

export function StatusDot({ tone }: { tone: "green" | "amber" | "red" | "gray" }) {
  return <span className={`cg-dot cg-dot-${tone}`} aria-hidden="true" />
}

export function Card({ title, actions, children, id }: { title: ReactNode; actions?: ReactNode; children: ReactNode; id?: string }) {
  return (
    <section className="cg-card" aria-labelledby={id ? `${id}-title` : undefined} id={id}>
      <header className="cg-card-head">
        <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
        {actions ? <div className="cg-card-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  )
}

/** A form's footer: its submit button (saying what it is doing while busy), an optional Cancel, and status text. */
export function FormFoot(props: { label: string; busyLabel: string; busy: boolean; onCancel?: (() => void) | undefined; children?: ReactNode }) {
  return (
    <div className="cg-form-foot">
      <button type="submit" className="cg-btn cg-btn-primary" disabled={props.busy}>
        {props.busy ? props.busyLabel : props.label}
      </button>
      {props.onCancel ? (
        <button type="button" className="cg-btn cg-btn-quiet" onClick={props.onCancel}>
          Cancel
        </button>
      ) : null}
      {props.children}
    </div>
  )
}
