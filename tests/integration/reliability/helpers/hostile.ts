// Hostile subdomains and ids for the SSRF suite: dots and dot segments, slashes and backslashes,
// `@` and userinfo, ports, query and fragment markers, percent-encoded (and double-encoded)
// separators, IP literals in every spelling, unicode look-alikes, control and zero-width
// characters, and very long values. `attacker` is a loopback host:port that counts connections.
import fc from "fast-check"

const SEPARATORS = [
  ".", "..", "/", "//", "\\", "@", ":", "?", "#", ";", ",", "%", "_", "+", "*", "'", "\"", "<", ">", "|", "~", "!", "$", "&", "(", ")", "=", "[", "]", "{", "}", " ",
  "\t", "\n", "\r\n", "\u0000", "\u007f", "%2e", "%2E", "%2e%2e", "%2f", "%2F", "%5c", "%40", "%3a", "%3f", "%23", "%00", "%0a", "%0d%0a", "%252e", "%252f", "%u002e",
  "\u3002", "\uff0e", "\uff0f", "\u2024", "\u2215", "\u2044", "\ufe52", "\u200b", "\u200d", "\u2060", "\ufeff", "\u202e", "\u00ad",
]

/** Look-alikes of ASCII letters and digits that do not lower-case into ASCII. */
const LOOK_ALIKES: Record<string, string[]> = {
  a: ["\u0430", "\u03b1", "\uff41", "\u0251", "\u{1d41a}"],
  c: ["\u0441", "\u03f2", "\uff43", "\u217d"],
  d: ["\u0501", "\u217e", "\uff44"],
  e: ["\u0435", "\u03b5", "\uff45", "\u212e"],
  i: ["\u0456", "\u0131", "\u03b9", "\uff49", "\u2170"],
  l: ["\u04cf", "\u217c", "\uff4c"],
  m: ["\u217f", "\uff4d"],
  o: ["\u043e", "\u03bf", "\uff4f", "\u0585", "\u2134"],
  p: ["\u0440", "\u03c1", "\uff50"],
  s: ["\u0455", "\uff53", "\u017f"],
  x: ["\u0445", "\u03c7", "\uff58", "\u2179"],
  y: ["\u0443", "\u03b3", "\uff59"],
  0: ["\u039f", "\u041e", "\uff10", "\u{1d7ce}"],
  1: ["\u0399", "\uff11", "\u2160"],
}

const label = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/)

/** Replaces one character of a label with a look-alike (a label without look-alike gets a Cyrillic "а" prefix). */
const lookAlike = fc.tuple(label, fc.nat(), fc.nat()).map(([l, at, pick]) => {
  const chars = [...l]
  const candidates = chars.map((c, i) => [c, i] as const).filter(([c]) => LOOK_ALIKES[c])
  if (candidates.length === 0) return `\u0430${l}`
  const [c, i] = candidates[at % candidates.length]!
  const options = LOOK_ALIKES[c]!
  chars[i] = options[pick % options.length]!
  return chars.join("")
})

const percentEncodedAll = label.map((l) => [...l].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join(""))

/**
 * IP literals in the spellings URL parsers accept, with and without the attacker's port. (Spellings
 * of letters and digits only, such as 0x7f000001, are valid subdomains and ids: they only ever
 * become a path segment under the configured host, so they are not hostile here.)
 */
export function ipLiterals(attacker: string): string[] {
  const port = attacker.split(":")[1] ?? "80"
  return [
    attacker,
    `localhost:${port}`,
    "127.0.0.1",
    "127.1",
    "0x7f.0.0.1",
    "0177.0.0.01",
    "2130706433.",
    "[::1]",
    `[::1]:${port}`,
    "[::ffff:127.0.0.1]",
    "::1",
    "0:0:0:0:0:ffff:7f00:1",
    "169.254.169.254",
    "metadata.google.internal",
    "10.0.0.1",
    "192.168.0.1:22",
    "127.0.0.1.nip.io",
    "0.0.0.0",
    "①②⑦.⓪.⓪.①",
  ]
}

/** A hostile subdomain: every one is invalid once trimmed and lower-cased. */
export function hostileSubdomain(attacker: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(label, fc.constantFrom(...SEPARATORS), label).map(([a, sep, b]) => `${a}${sep}${b}`) },
    { weight: 2, arbitrary: fc.tuple(label, fc.constantFrom(...SEPARATORS)).map(([a, sep]) => `${a}${sep}`) },
    { weight: 2, arbitrary: fc.tuple(label, fc.constantFrom(...ipLiterals(attacker))).map(([a, ip]) => `${a}@${ip}`) },
    { weight: 2, arbitrary: fc.constantFrom(...ipLiterals(attacker)) },
    { weight: 1, arbitrary: fc.tuple(label, fc.constantFrom(...ipLiterals(attacker))).map(([a, ip]) => `${ip}/${a}`) },
    { weight: 3, arbitrary: lookAlike },
    { weight: 1, arbitrary: percentEncodedAll },
    { weight: 1, arbitrary: label.map((l) => `-${l}`) },
    { weight: 1, arbitrary: fc.integer({ min: 64, max: 5_000 }).map((n) => "a".repeat(n)) },
    { weight: 1, arbitrary: fc.constantFrom("", " ", "\t", "-", "--", "\u200b", "\u00a0demo") },
    { weight: 1, arbitrary: fc.tuple(label, label).map(([a, b]) => `https://${a}.example/${b}`) },
    { weight: 1, arbitrary: fc.tuple(label, label).map(([a, b]) => `${a}.clockworkrecruiting.com/v3.0/${b}`) },
  )
}

/** A hostile Clockwork id (project, note type, status, person…). */
export function hostileId(attacker: string): fc.Arbitrary<string> {
  const idPart = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/)
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(idPart, fc.constantFrom(...SEPARATORS), idPart).map(([a, sep, b]) => `${a}${sep}${b}`) },
    { weight: 2, arbitrary: fc.constantFrom(".", "..", "%2e", "%2e%2e", ".%2e", "%2e.", "...", "./", "../", "..\\", "../../../people", "..%2f..%2fother-firm") },
    { weight: 2, arbitrary: fc.constantFrom(...ipLiterals(attacker)) },
    { weight: 2, arbitrary: fc.tuple(idPart, fc.constantFrom(...ipLiterals(attacker))).map(([a, ip]) => `${a}@${ip}`) },
    { weight: 1, arbitrary: fc.tuple(idPart, fc.constantFrom(...ipLiterals(attacker))).map(([a, ip]) => `//${ip}/${a}`) },
    { weight: 1, arbitrary: fc.constantFrom(`http://${attacker}/x`, `https://${attacker}`, `//${attacker}`, `\\\\${attacker}\\x`) },
    { weight: 2, arbitrary: lookAlike },
    { weight: 1, arbitrary: percentEncodedAll },
    { weight: 1, arbitrary: fc.integer({ min: 101, max: 5_000 }).map((n) => "a".repeat(n)) },
    { weight: 1, arbitrary: fc.constantFrom("", " ", "\u0000", "\u200b", "a b") },
  )
}
