// Firm tag ids by name, cached per firm for a short while so tagging existing people costs one
// `GET /tags` per firm per minute, not one per person. Missing tags are created once (serialised per
// name), since Clockwork tags people by id.
import type { ClockworkClient } from "../clockwork/index"
import type { KeyedLocks } from "./keyed-locks"

const TTL_MS = 60_000

export class TagCache {
  readonly #byFirm = new Map<string, { loadedAt: number; ids: Map<string, string> }>()
  readonly #locks: KeyedLocks
  readonly #now: () => number

  constructor(locks: KeyedLocks, now: () => number) {
    this.#locks = locks
    this.#now = now
  }

  /** Tag ids for these names (case-insensitive), creating the tags the firm lacks. */
  async ids(client: ClockworkClient, names: readonly string[], onCreated: (id: string) => void): Promise<Map<string, string>> {
    const firm = client.firm
    let entry = this.#byFirm.get(firm)
    const now = this.#now()
    if (!entry || now - entry.loadedAt > TTL_MS) {
      const tags = await client.listTags()
      entry = { loadedAt: now, ids: new Map(tags.map((t) => [t.name.trim().toLowerCase(), t.id])) }
      this.#byFirm.set(firm, entry)
    }
    const ids = entry.ids
    const out = new Map<string, string>()
    for (const name of names) {
      const key = name.trim().toLowerCase()
      let id = ids.get(key)
      if (!id) {
        id = await this.#locks.with([`tag:${firm}:${key}`], async () => {
          const known = ids.get(key)
          if (known) return known
          // NOTE: the sandbox answers an existing name with that tag (assumed of Clockwork too).
          const created = await client.createTag(name.trim())
          ids.set(key, created.id)
          onCreated(created.id)
          return created.id
        })
      }
      out.set(name, id)
    }
    return out
  }

  /** Drops the firm's cached tags (e.g. after Clockwork refused a tag id). */
  invalidate(firm: string): void {
    this.#byFirm.delete(firm)
  }
}
