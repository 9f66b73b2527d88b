// Targets of issue 8, each checked against the figure measured in this run. A missed target says
// by how much, so the closing note of results.md can quote it.
import type { Target } from "./types"

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2))

/** value ≤ limit. */
export function atMost(value: number, limit: number, unit: string, text = `≤ ${fmt(limit)} ${unit}`.trim()): Target {
  const met = Number.isFinite(value) && value <= limit
  return met ? { text, met } : { text, met, missedBy: `by ${fmt(value - limit)} ${unit} (${fmt(((value - limit) / limit) * 100)} % over)`.replace("  ", " ") }
}

/** value ≥ limit. */
export function atLeast(value: number, limit: number, unit: string, text = `≥ ${fmt(limit)} ${unit}`.trim()): Target {
  const met = Number.isFinite(value) && value >= limit
  return met ? { text, met } : { text, met, missedBy: `by ${fmt(limit - value)} ${unit} (${fmt(((limit - value) / limit) * 100)} % short)`.replace("  ", " ") }
}

/** value === expected. */
export function exactly(value: number, expected: number, unit: string): Target {
  const met = value === expected
  return met ? { text: `= ${expected}${unit ? ` ${unit}` : ""}`, met } : { text: `= ${expected}${unit ? ` ${unit}` : ""}`, met, missedBy: `by ${fmt(value - expected)}${unit ? ` ${unit}` : ""}` }
}
