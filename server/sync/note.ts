// Notes as Cogsync writes them: the activity's text, HTML-escaped, and an invisible marker naming
// the team and event, so a note whose creation may have landed can be found instead of written twice.
import type { NotePlan } from "@shared/index"

const CHANNEL_LABEL: Record<NotePlan["channel"], string> = {
  email: "Email",
  linkedin_message: "LinkedIn message",
  inmail: "InMail",
  call: "Call",
  sms: "SMS",
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")
}

/**
 * The marker of one event's note. NOTE: an HTML comment is assumed to survive in Clockwork's note
 * content (the sandbox keeps content as sent); if the real API strips comments, switch to a
 * visually hidden element.
 */
export function noteMarker(teamId: string, eventId: string): string {
  return `<!-- cogsync:${teamId}:${eventId} -->`
}

/** Note content: each paragraph of the body escaped, line breaks kept, then the marker. */
export function renderNote(note: NotePlan, teamId: string, eventId: string): { content: string; subject?: string } {
  const body = note.body.trim() || `${CHANNEL_LABEL[note.channel]} (no text)`
  const paragraphs = body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, "<br>")}</p>`)
    .join("")
  const subject = note.subject?.trim().slice(0, 300)
  return { content: `${paragraphs}${noteMarker(teamId, eventId)}`, ...(subject ? { subject } : {}) }
}
