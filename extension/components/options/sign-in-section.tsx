// Sign-in: the Cogsync server's URL and the user's token, checked before they are stored.
import { useState } from "react"
import { DEFAULT_SERVER_URL } from "@shared/messages"
import { useSessionStore } from "~stores/session-store"
import { Card, FieldError, FormFoot, StatusDot } from "../ui/controls"

export function SignInSection() {
  const { session, busy, errors, signIn, signOut } = useSessionStore()
  const [editing, setEditing] = useState(false)
  const [serverUrl, setServerUrl] = useState(session?.serverUrl ?? DEFAULT_SERVER_URL)
  const [token, setToken] = useState("")
  const me = session?.me
  const signedIn = Boolean(session?.signedIn && me)

  if (signedIn && me && !editing) {
    return (
      <Card id="section-account" title="Account" actions={<button type="button" className="cg-btn" onClick={() => void signOut()}>Sign out</button>}>
        <div className="cg-account">
          <p>
            Signed in as <strong data-testid="account-name">{me.user.name}</strong> ({me.user.role === "admin" ? "Admin" : "Recruiter"}) on team <strong>{me.team.name}</strong>.
          </p>
          <p className="cg-muted">
            <StatusDot tone={session?.reachable === false ? "red" : "green"} />
            {session?.serverUrl}
            {session?.reachable === false ? " · not reachable right now" : ""}
          </p>
          {session?.error ? <p className="cg-error-text">{session.error.message}</p> : null}
          <button type="button" className="cg-btn cg-btn-quiet" onClick={() => setEditing(true)}>
            Use another server or token
          </button>
        </div>
      </Card>
    )
  }

  return (
    <Card id="section-account" title="Sign in to Cogsync">
      <p className="cg-help">Your admin gives you a token (it starts with cgs_). It is stored in this browser only and sent only to your Cogsync server.</p>
      {session?.error && session.signedIn ? <p className="cg-error-text">{session.error.message}</p> : null}
      <form
        className="cg-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void signIn(serverUrl, token).then((ok) => {
            if (ok) {
              setToken("")
              setEditing(false)
            }
          })
        }}
      >
        <div className="cg-field">
          <label htmlFor="sign-in-url">Server URL</label>
          <input
            id="sign-in-url"
            className="cg-input"
            type="url"
            inputMode="url"
            autoComplete="url"
            value={serverUrl}
            aria-invalid={errors["serverUrl"] ? true : undefined}
            aria-describedby={errors["serverUrl"] ? "sign-in-url-error" : "sign-in-url-help"}
            onChange={(e) => setServerUrl(e.currentTarget.value)}
          />
          <p id="sign-in-url-help" className="cg-help">
            Where your Cogsync server runs; {DEFAULT_SERVER_URL} when it runs on this computer.
          </p>
          <FieldError id="sign-in-url-error" message={errors["serverUrl"]} />
        </div>
        <div className="cg-field">
          <label htmlFor="sign-in-token">Token</label>
          <input
            id="sign-in-token"
            className="cg-input cg-mono"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            aria-invalid={errors["token"] ? true : undefined}
            aria-describedby={errors["token"] ? "sign-in-token-error" : undefined}
            onChange={(e) => setToken(e.currentTarget.value)}
          />
          <FieldError id="sign-in-token-error" message={errors["token"]} />
        </div>
        <FieldError id="sign-in-error" message={errors["form"]} />
        <FormFoot label="Sign in" busyLabel="Checking…" busy={busy} onCancel={editing ? () => setEditing(false) : undefined} />
      </form>
    </Card>
  )
}
