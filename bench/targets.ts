// Targets of issue 8, each checked against the figure measured in this run. A missed target says
// by how much, so the closing note of results.md can quote it.
import type { Target } from "./types"

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2))

/** How far a value is from its limit: in points for a percentage, else in its unit and relative to the limit. */
function gap(diff: number, limit: number, unit: string, side: "over" | "short"): string {
  if (unit.startsWith("%")) return `by ${fmt(diff)} points`
  return `by ${fmt(diff)}${unit ? ` ${unit}` : ""} (${fmt((diff / limit) * 100)} % ${side})`
}

/** value ≤ limit. */
export function atMost(value: number, limit: number, unit: string, text = `≤ ${fmt(limit)} ${unit}`.trim()): Target {
  const met = Number.isFinite(value) && value <= limit
  return met ? { text, met } : { text, met, missedBy: gap(value - limit, limit, unit, "over") }
}

/** value ≥ limit. */
export function atLeast(value: number, limit: number, unit: string, text = `≥ ${fmt(limit)} ${unit}`.trim()): Target {
  const met = Number.isFinite(value) && value >= limit
  return met ? { text, met } : { text, met, missedBy: gap(limit - value, limit, unit, "short") }
}

/** value === expected. */
export function exactly(value: number, expected: number, unit: string): Target {
  const met = value === expected
  return met ? { text: `= ${expected}${unit ? ` ${unit}` : ""}`, met } : { text: `= ${expected}${unit ? ` ${unit}` : ""}`, met, missedBy: `by ${fmt(value - expected)}${unit ? ` ${unit}` : ""}` }
}
