/** One measured figure, reported beside its reference measured in the same run. */
export interface Figure {
  id: string
  label: string
  value: number
  unit: string
  reference?: number
  referenceLabel?: string
  /** value / reference, when a ratio is meaningful. */
  ratio?: number
  target?: Target
  note?: string
  /** When the target is missed: what stands in the way (quoted in the closing note of results.md). */
  blocker?: string
  /**
   * The table section the figure belongs to, when not its module's own (e.g. the extension's
   * memory is measured by the browser section but reported under the footprint).
   */
  group?: SectionId
}

export interface Target {
  /** e.g. "≤ 150 ms". */
  text: string
  met: boolean
  /** When missed: by how much, e.g. "by 48 ms (32 % over)". */
  missedBy?: string
  /** The checked quantity as the target states it, when it is not the figure's value (e.g. "2.86 % of bare"). */
  now: string
}

export type SectionId = "bundles" | "picker" | "resolver" | "server" | "bulk" | "footprint"

export interface BenchContext {
  /** Tiny sizes: `npm test` runs the bench this way so it never rots. */
  smoke: boolean
  root: string
  log: (line: string) => void
  /** Scratch space for this run (databases, logs, profiles); removed at the end. */
  tmpDir: string
  /** Facts about the run a section wants in results.json (e.g. the Chromium version). */
  facts: Record<string, string | number>
}

/** A section of the bench: one module returning its figures. */
export interface Section {
  id: SectionId
  title: string
  run(ctx: BenchContext): Promise<Figure[]>
}
