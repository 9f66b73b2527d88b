import { InvalidInputError } from "./errors"

/** A Clockwork firm subdomain: what a user types before `.clockworkrecruiting.com`. */
export const FIRM_RE = /^[a-z0-9][a-z0-9-]{0,62}$/

/** The real API's host; the sandbox replaces it in tests and demos. */
export const DEFAULT_BASE_URL = "https://api.clockworkrecruiting.com"

/** API version segment of every path. */
export const API_VERSION = "v3.0"

/** Returns the firm unchanged when it is a valid subdomain; throws InvalidInputError otherwise. */
export function assertValidFirm(firm: string): string {
  if (typeof firm !== "string" || !FIRM_RE.test(firm)) {
    throw new InvalidInputError("firm", "must be your Clockwork subdomain: lower-case letters, digits and hyphens, at most 63")
  }
  return firm
}

// NOTE: credentials go into HTTP headers; fetch rejects control characters with an error message
// that quotes the value, so we refuse them first with a message that does not.
const HEADER_SAFE_RE = /^[\x21-\x7e]{1,400}$/

/** Throws InvalidInputError (without echoing the value) unless the credential is printable ASCII. */
export function assertHeaderSafe(field: string, value: string): string {
  if (typeof value !== "string" || !HEADER_SAFE_RE.test(value)) {
    throw new InvalidInputError(field, "must be 1–400 printable characters without spaces")
  }
  return value
}

/**
 * Parses and checks the configured base URL: http(s), no credentials, query or fragment. A path
 * prefix is allowed (e.g. a sandbox mounted under `/clockwork`).
 */
export function normalizeBaseUrl(baseUrl: string): URL {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new InvalidInputError("baseUrl", "is not a URL")
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new InvalidInputError("baseUrl", "must be http or https")
  if (url.username || url.password) throw new InvalidInputError("baseUrl", "must not contain credentials")
  if (url.search || url.hash) throw new InvalidInputError("baseUrl", "must not contain a query or fragment")
  return url
}

/** Encodes one path segment; refuses empty, "." and ".." (URL parsers collapse those, even encoded). */
export function encodeSegment(field: string, value: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 200) {
    throw new InvalidInputError(field, "must be 1–200 characters")
  }
  const decodedDots = value.replace(/%2e/gi, ".")
  if (decodedDots === "." || decodedDots === "..") throw new InvalidInputError(field, "must not be a dot segment")
  return encodeURIComponent(value)
}

/**
 * Builds the absolute URL of `/v3.0/{firm}/{segments…}` under the base URL and checks that it still
 * points at the base URL's origin and prefix, so no firm or id can send a request elsewhere.
 */
export function buildApiUrl(base: URL, firm: string, segments: ReadonlyArray<readonly [field: string, value: string]>): URL {
  const prefix = `${base.pathname.replace(/\/+$/, "")}/${API_VERSION}/${encodeURIComponent(assertValidFirm(firm))}`
  const path = segments.map(([field, value]) => `/${encodeSegment(field, value)}`).join("")
  const url = new URL(base.href)
  url.pathname = `${prefix}${path}`
  if (url.origin !== base.origin || !url.pathname.startsWith(`${prefix}/`)) {
    throw new InvalidInputError("path", "would leave the Clockwork API")
  }
  return url
}
