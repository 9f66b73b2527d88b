// The server's decision preview: what a push would write, field by field.
import type { DecisionPreviewResponse } from "@shared/api"
import type { FieldPlanEntry } from "@shared/decision"
import { FIELD_WHY_LABELS } from "~lib/labels"

function headline(preview: DecisionPreviewResponse): string {
  const d = preview.decision
  switch (d.action) {
    case "create":
      return "Creates a new Person in Clockwork"
    case "update":
      return `Updates ${preview.existing?.name ?? "the Clockwork person"}`
    case "note_only":
      return "Adds a note only"
    case "blocked":
      return "Blocked: nothing is written"
    case "skip":
      return "Nothing is written"
  }
}

function resultClass(f: FieldPlanEntry): string {
  if (f.op === "set") return "cs-op cs-op-set"
  if (f.why === "protected") return "cs-op cs-op-protected"
  return "cs-op cs-op-keep"
}

export function DecisionPreview({ preview, loading, error, labels }: { preview: DecisionPreviewResponse | null; loading: boolean; error: string | null; labels: Record<string, string> }) {
  const rows = preview?.decision.fieldPlan.filter((f) => f.op === "set" || f.displayed || f.mandatory || f.why === "protected") ?? []
  return (
    <section className="cs-preview" aria-labelledby="cs-preview-title" aria-busy={loading} data-testid="preview">
      <h3 id="cs-preview-title" className="cs-h3">
        If you push now
      </h3>
      {!preview ? (
        <p className="cs-muted" role="status">
          {error ? `Preview unavailable: ${error}` : loading ? "Working out what a push would write…" : ""}
        </p>
      ) : (
        <>
          <p className={`cs-verdict cs-verdict-${preview.decision.action}`} data-testid="preview-action">
            {headline(preview)}
          </p>
          {/* Create and update are said by the verdict; other actions explain themselves. */}
          {preview.decision.action !== "create" && preview.decision.action !== "update" && preview.decision.reasons.length ? (
            <ul className="cs-reasons">
              {preview.decision.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          ) : null}
          {rows.length ? (
            <table className="cs-table">
              <caption className="cs-sr">Field by field</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Value</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((f) => (
                  <tr key={f.field}>
                    <th scope="row">{labels[f.field] ?? f.field}</th>
                    <td className="cs-val" title={f.value ?? undefined}>
                      {f.value ?? "—"}
                    </td>
                    <td>
                      <span className={resultClass(f)}>{FIELD_WHY_LABELS[f.why].short}</span>
                      <span className="cs-why-cell" title={f.current ? `Clockwork has “${f.current}”` : undefined}>
                        {f.current && f.op === "keep" && f.why !== "unchanged" ? `Clockwork has “${f.current}”` : FIELD_WHY_LABELS[f.why].why}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {preview.decision.tags.length ? (
            <p className="cs-small">
              <span className="cs-muted">Tags:</span> {preview.decision.tags.join(", ")}
            </p>
          ) : null}
          {loading ? (
            <p className="cs-small cs-muted" role="status">
              Updating…
            </p>
          ) : error ? (
            <p className="cs-small cs-stale" role="status" data-testid="preview-stale">
              Not updated with your latest edits: {error}
            </p>
          ) : null}
        </>
      )}
    </section>
  )
}
