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
  target?: { text: string; met: boolean }
  note?: string
}

export interface BenchContext {
  /** Tiny sizes: `npm test` runs the bench this way so it never rots. */
  smoke: boolean
  root: string
  log: (line: string) => void
}
