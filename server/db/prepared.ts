// Prepared queries for the hot paths (every request authenticates; the preview reads settings,
// campaign, override and capture). Without them drizzle rebuilds the SQL and SQLite re-prepares it
// on every call, which was most of the cost of a cheap authenticated request.
import type { DbLike } from "./client"

/**
 * Memoises `build(db)` per database handle: the query is built and prepared once per handle and
 * run with placeholder values afterwards. A transaction handle gets its own (short-lived) copy.
 */
export function preparedPerDb<Q>(build: (db: DbLike) => Q): (db: DbLike) => Q {
  const cache = new WeakMap<DbLike, Q>()
  return (db) => {
    let query = cache.get(db)
    if (query === undefined) {
      query = build(db)
      cache.set(db, query)
    }
    return query
  }
}
