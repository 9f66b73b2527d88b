// Targets of issue 8, each checked against the figure measured in this run. A missed target says
// by how much, so the closing note of results.md can quote it.
import { fmt } from "./report"
import type { Target } from "./types"

/** How far a value is from its limit: in points for a percentage, else in its unit and relative to the limit. */
function gap(diff: number, limit: number, unit: string, side: "over" | "short"): string {
  if (unit.startsWith("%")) return `by ${fmt(diff)} points`
  return `by ${fmt(diff)}${unit ? ` ${unit}` : ""} (${fmt((diff / limit) * 100)} % ${side})`
}

/** value ≤ limit. */
export function atMost(value: number, limit: number, unit: string, text = `≤ ${fmt(limit)} ${unit}`.trim()): Target {
  const met = Number.isFinite(value) && value <= limit
  const now = `${fmt(value)} ${unit}`.trim()
  return met ? { text, met, now } : { text, met, now, missedBy: gap(value - limit, limit, unit, "over") }
}

/** value ≥ limit. */
export function atLeast(value: number, limit: number, unit: string, text = `≥ ${fmt(limit)} ${unit}`.trim()): Target {
  const met = Number.isFinite(value) && value >= limit
  const now = `${fmt(value)} ${unit}`.trim()
  return met ? { text, met, now } : { text, met, now, missedBy: gap(limit - value, limit, unit, "short") }
}

/** value === expected. */
export function exactly(value: number, expected: number, unit: string): Target {
  const met = value === expected
  const text = `= ${expected}${unit ? ` ${unit}` : ""}`
  const now = `${fmt(value)}${unit ? ` ${unit}` : ""}`
  return met ? { text, met, now } : { text, met, now, missedBy: `by ${fmt(value - expected)}${unit ? ` ${unit}` : ""}` }
}
