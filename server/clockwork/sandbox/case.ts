/**
 * NOTE: Clockwork request bodies mix snake_case and camelCase (`postalCode` beside `street_2` and
 * `region_id`; `doNotContact` beside `tag_ids`). The sandbox normalises every key to camelCase
 * before validating, so both spellings of every field are accepted.
 */

/** `street_2` → `street2`, `region_id` → `regionId`, `person_tag` → `personTag`; camelCase stays. */
export function snakeToCamel(key: string): string {
  return key.replace(/(?<=[A-Za-z0-9])_+([A-Za-z0-9])/g, (_m, c: string) => c.toUpperCase())
}

/** Deep copy of a JSON value with every object key in camelCase. */
export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys)
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [snakeToCamel(k), camelizeKeys(v)]))
  }
  return value
}
