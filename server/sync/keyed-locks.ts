// In-process locks keyed by strings. The sync engine holds one per identity (person key, LinkedIn
// slug, email) of the person a job writes, so two jobs about the same human — even under two person
// keys — never look up and create at the same time.

export class KeyedLocks {
  readonly #tails = new Map<string, Promise<void>>()

  /** Runs `fn` holding every key (taken in sorted order, so two holders never deadlock). */
  async with<T>(keys: Iterable<string>, fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort()
    const releases: (() => void)[] = []
    try {
      for (const key of sorted) releases.push(await this.#take(key))
      return await fn()
    } finally {
      for (const release of releases.reverse()) release()
    }
  }

  async #take(key: string): Promise<() => void> {
    const previous = this.#tails.get(key) ?? Promise.resolve()
    let release!: () => void
    const mine = new Promise<void>((resolve) => (release = resolve))
    const tail = previous.then(() => mine)
    this.#tails.set(key, tail)
    await previous
    return () => {
      release()
      if (this.#tails.get(key) === tail) this.#tails.delete(key)
    }
  }
}
