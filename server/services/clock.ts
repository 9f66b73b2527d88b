// Injectable time and ids: services take a Clock so tests control "now".
import { randomBytes } from "node:crypto"

export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A random id such as `cmp_3fQ…`: prefix, underscore, 16 url-safe base64 characters. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`
}
