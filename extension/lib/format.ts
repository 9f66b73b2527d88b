// Small formatting helpers shared by the picker, popup and options page.

/** "just now", "5 min ago", "3 h ago", "2 d ago", else a date. `now` is an argument for tests. */
export function timeAgo(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return ""
  const then = new Date(iso)
  if (Number.isNaN(then.getTime())) return ""
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000)
  if (seconds < 45) return "just now"
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${hours} h ago`
  const days = Math.round(hours / 24)
  if (days < 14) return `${days} d ago`
  return then.toLocaleDateString()
}

/** A person key as a reader sees it: "jane-cooper (LinkedIn)". */
export function personKeyLabel(personKey: string): string {
  const [kind, ...rest] = personKey.split(":")
  const value = rest.join(":")
  const where: Record<string, string> = { li: "LinkedIn", lir: "LinkedIn Recruiter", email: "email", gh: "GitHub" }
  return where[kind ?? ""] ? `${value} (${where[kind ?? ""]})` : personKey
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
