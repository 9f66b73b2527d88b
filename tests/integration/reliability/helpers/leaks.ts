// Canary credentials and the scan that looks for them. A canary is a unique random credential
// planted at activation; it must never come back in a response, header, log line, error or the
// database files — neither verbatim nor in a common encoding (URL, JSON, base64/base64url at any
// byte alignment, hex, the `Token base64(key:secret)` header Clockwork receives) nor as a
// 10-character fragment of its random part.
import { randomBytes } from "node:crypto"
import { activationBody, type ClockworkCredentials } from "../../../../server/clockwork/index"

export type CanaryCredentials = ClockworkCredentials
export { activationBody }

const FRAGMENT = 10

/** Fresh canary credentials for a firm: printable, header-safe, ≥ 30 characters each. */
export function makeCanaries(firm: string): CanaryCredentials {
  const random = () => randomBytes(18).toString("base64url")
  return { firm, apiKey: `cwk_canary_${random()}`, apiSecret: `cws_canary_${random()}`, serviceKey: `cwf_canary_${random()}` }
}

/** The middle of a base64 text, dropping the 4-character groups the prefix or the padding touch. */
function b64Middles(bytes: Buffer): string[] {
  const out: string[] = []
  for (let offset = 0; offset < 3; offset++) {
    const b64 = Buffer.concat([Buffer.alloc(offset, 0x41), bytes]).toString("base64")
    const middle = b64.slice(offset === 0 ? 0 : 4, b64.length - 4)
    out.push(middle, middle.replace(/\+/g, "-").replace(/\//g, "_"))
  }
  return out
}

/** Every form of one secret the scan looks for. */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8")
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    bytes.toString("hex"),
    bytes.toString("hex").toUpperCase(),
    ...b64Middles(bytes),
  ])
  // Fragments of the random part (after "canary_", else all of it): a truncated secret is still a leak.
  const marker = secret.indexOf("canary_")
  const tail = marker >= 0 ? secret.slice(marker + "canary_".length) : secret
  for (let i = 0; i + FRAGMENT <= tail.length; i++) forms.add(tail.slice(i, i + FRAGMENT))
  return [...forms].filter((f) => f.length >= FRAGMENT)
}

/** Forms of a credential set, including the Authorization header value Clockwork receives. */
export function credentialForms(c: Omit<CanaryCredentials, "firm">): Map<string, string> {
  const forms = new Map<string, string>()
  for (const name of ["apiKey", "apiSecret", "serviceKey"] as const) for (const form of secretForms(c[name])) forms.set(form, name)
  for (const form of b64Middles(Buffer.from(`${c.apiKey}:${c.apiSecret}`, "utf8"))) forms.set(form, "Authorization header")
  return forms
}

/** Finds any of the forms in texts; compiled once, used for many texts. */
export class LeakScanner {
  readonly #forms: Map<string, string>
  readonly #re: RegExp | undefined

  constructor(credentials: Iterable<Omit<CanaryCredentials, "firm">>) {
    this.#forms = new Map()
    for (const c of credentials) for (const [form, name] of credentialForms(c)) this.#forms.set(form, name)
    const alternatives = [...this.#forms.keys()].map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    this.#re = alternatives.length ? new RegExp(alternatives.join("|")) : undefined
  }

  /** How many distinct forms are searched for. */
  get formCount(): number {
    return this.#forms.size
  }

  /** A description of the first leak in `text`, or undefined. Never quotes the secret. */
  find(text: string): string | undefined {
    const m = this.#re?.exec(text)
    if (!m) return undefined
    return `a form of the ${this.#forms.get(m[0]) ?? "credential"} (…${m[0].slice(-3)}) at offset ${m.index}`
  }

  /** Every leak in the named groups of texts, as "where[i]: what". */
  scan(groups: Record<string, readonly string[]>): string[] {
    const found: string[] = []
    for (const [where, texts] of Object.entries(groups)) {
      texts.forEach((t, i) => {
        const what = this.find(t)
        if (what) found.push(`${where}[${i}]: ${what}`)
      })
    }
    return found
  }
}
