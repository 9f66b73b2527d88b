// The person-key rules as plain functions, with no dependency at all (not even zod), so the
// extension's content script can compute keys without bundling zod. `person-key.ts` re-exports
// them beside `PersonKeySchema`; import from there everywhere else.

const EMAIL_RE = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:".]{2,}$/

/** Lower-cases and trims an email; undefined when it is not an email address. */
export function normalizeEmail(input: string): string | undefined {
  const email = input.trim().replace(/^mailto:/i, "").toLowerCase()
  return EMAIL_RE.test(email) ? email : undefined
}

function parseUrl(input: string): URL | undefined {
  const trimmed = input.trim()
  if (!trimmed) return undefined
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed.replace(/^\/+/, "")}`
  try {
    return new URL(withScheme)
  } catch {
    return undefined
  }
}

function isLinkedInHost(host: string): boolean {
  return host === "linkedin.com" || host.endsWith(".linkedin.com")
}

function decodeSlug(raw: string): string | undefined {
  let slug: string
  try {
    slug = decodeURIComponent(raw)
  } catch {
    slug = raw
  }
  slug = slug.trim().toLowerCase()
  // Public slugs are 3–100 characters of letters (any script), digits and hyphens.
  return /^[\p{L}\p{N}_-]{2,100}$/u.test(slug) ? slug : undefined
}

/**
 * The canonical public LinkedIn slug of a URL, or undefined when the URL carries none.
 * Handles `/in/<slug>` with or without `www`/country subdomains, trailing slashes, queries,
 * fragments, locale and detail sub-paths, percent-encoding, and Recruiter / Sales Navigator URLs
 * that carry the public profile URL in a query parameter.
 */
export function linkedInSlug(input: string): string | undefined {
  const url = parseUrl(input)
  if (!url || !isLinkedInHost(url.hostname.toLowerCase())) return undefined
  const parts = url.pathname.split("/").filter(Boolean)
  const inAt = parts.findIndex((p) => p.toLowerCase() === "in")
  if (inAt >= 0 && parts[inAt + 1]) return decodeSlug(parts[inAt + 1]!)
  for (const value of url.searchParams.values()) {
    if (/linkedin\.com\/in\//i.test(value)) {
      const nested = linkedInSlug(value)
      if (nested) return nested
    }
  }
  return undefined
}

/** Member token of a Recruiter (`/talent/profile/<t>`, `/talent/hire/<id>/manage/all/profile/<t>`, `/recruiter/profile/<t>,…`) or Sales Navigator (`/sales/people|lead/<t>,…`) URL. */
function linkedInMemberToken(input: string): string | undefined {
  const url = parseUrl(input)
  if (!url || !isLinkedInHost(url.hostname.toLowerCase())) return undefined
  const m = /^\/(?:talent\/(?:hire\/[^/]+\/(?:[^/]+\/){0,4})?profile|recruiter\/profile|sales\/(?:people|lead))\/([A-Za-z0-9_-]{4,200})/i.exec(
    url.pathname,
  )
  return m?.[1]
}

/** GitHub paths that are not users. */
const GITHUB_RESERVED = new Set(["orgs", "settings", "explore", "topics", "marketplace", "login", "join", "about", "features", "pricing", "search", "notifications", "issues", "pulls", "sponsors"])

function gitHubLogin(input: string): string | undefined {
  const url = parseUrl(input)
  if (!url) return undefined
  const host = url.hostname.toLowerCase()
  if (host !== "github.com" && host !== "www.github.com") return undefined
  const parts = url.pathname.split("/").filter(Boolean)
  if (parts.length !== 1) return undefined
  const login = parts[0]!.toLowerCase()
  return /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/.test(login) && !GITHUB_RESERVED.has(login) ? login : undefined
}

/** Canonical public LinkedIn profile URL for a slug. */
export function linkedInUrlForSlug(slug: string): string {
  return `https://www.linkedin.com/in/${encodeURIComponent(slug)}`
}

/**
 * Turns any LinkedIn URL shape, GitHub user URL or email address into its person key.
 * Returns undefined when the input identifies nobody.
 */
export function toPersonKey(input: string): string | undefined {
  const email = normalizeEmail(input)
  if (email && !/^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim())) return `email:${email}`
  const slug = linkedInSlug(input)
  if (slug) return `li:${slug}`
  const token = linkedInMemberToken(input)
  if (token) return `lir:${token}`
  const login = gitHubLogin(input)
  if (login) return `gh:${login}`
  return undefined
}

/**
 * The key for a person given everything known about them: a LinkedIn slug beats a Recruiter
 * token beats the first email beats a GitHub login, so the same person keeps one key as pages add detail.
 */
export function personKeyFrom(ids: { linkedinUrl?: string | undefined; emails?: readonly string[]; url?: string | undefined }): string | undefined {
  const candidates = [ids.linkedinUrl, ids.url].filter((v): v is string => typeof v === "string")
  for (const c of candidates) {
    const slug = linkedInSlug(c)
    if (slug) return `li:${slug}`
  }
  for (const c of candidates) {
    const token = linkedInMemberToken(c)
    if (token) return `lir:${token}`
  }
  for (const e of ids.emails ?? []) {
    const email = normalizeEmail(e)
    if (email) return `email:${email}`
  }
  for (const c of candidates) {
    const login = gitHubLogin(c)
    if (login) return `gh:${login}`
  }
  return undefined
}
