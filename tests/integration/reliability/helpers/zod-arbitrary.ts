// fast-check arbitraries derived from the route table's zod schemas (zod 4 internals: `_zod.def`).
//
// - `valid`: plain values of the schema's input shape (regex fields through `fc.stringMatching`,
//   lengths and ranges respected). Used for fixtures and to reach the handlers.
// - `hostile`: the same shapes, but strings are drawn from edge cases (lone surrogates, RTL
//   overrides, zero-width characters, NUL, control characters, emoji, combining marks, injection
//   payloads, strings at and past their maximum length), arrays run to their maximum and numbers
//   to their bounds. Most still pass the schema; the rest exercise its error paths.
// - `mutated`: a valid or hostile value with 1–3 schema-breaking edits at random places: wrong
//   types, missing required keys, unknown keys (`__proto__` among them), deep nesting, huge arrays.
// - `rawBody`: bodies no JSON.stringify produces: malformed, truncated, BOM, invalid UTF-8, huge,
//   deeply nested — with right and wrong content types.
//
// Refinements (`.refine`) are not modelled: a value may fail one, which the fuzz welcomes.
import fc from "fast-check"
import type * as z from "zod"

export type Mode = "valid" | "hostile"

/** Real values (ids of existing records, known emails…) offered for string fields by key name. */
export type KnownValues = Readonly<Record<string, readonly string[]>>

export interface ArbitraryOptions {
  mode: Mode
  known?: KnownValues
  /** Strings offered for any free-text field (e.g. canary credentials, to prove errors never echo input). */
  sprinkle?: readonly string[]
}

interface Def {
  type: string
  [key: string]: unknown
}
interface CheckDef {
  check: string
  [key: string]: unknown
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def
const checksOf = (def: Def): CheckDef[] => ((def.checks as { _zod: { def: CheckDef } }[] | undefined) ?? []).map((c) => c._zod.def)
/** Whether an object key may be left out of the input (optional, default, prefault). */
const optionalIn = (schema: unknown): boolean => (schema as { _zod: { optin?: string } })._zod.optin === "optional"

/** Strings that have broken parsers, databases, terminals and log pipelines. */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\t\n\r",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF",
  "x\uDBFFy",
  "\uDC00\uD800",
  "\u202Eevil\u202C",
  "\u202Dltr\u202E\u2066\u2067\u2069",
  "\u200B\u200C\u200D\u2060\uFEFF",
  "\u0085\u2028\u2029",
  "\u001b[31mred\u001b[0m",
  "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308",
  "👩‍👩‍👧‍👦🏳️‍🌈🇺🇳",
  "𝕳𝖊𝖑𝖑𝖔 𝟘𝟙",
  "ﷺ﷽",
  "ｄｅｍｏ",
  "раураl",
  "İıſK",
  "Ω≈ç√∫˜µ≤≥÷",
  "\r\nX-Injected: 1",
  "'; DROP TABLE campaigns; --",
  "\" OR \"1\"=\"1",
  "${jndi:ldap://127.0.0.1:1/a}",
  "{{7*7}}<%= 7*7 %>",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "%s%s%s%n",
  "%00%0d%0a",
  "%2e%2e%2f%2e%2e%2f",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "null",
  "undefined",
  "NaN",
  "-0",
  "1e309",
  "0x7f000001",
  "http://127.0.0.1:1/x",
  "http://169.254.169.254/latest/meta-data/",
  "javascript:alert(1)",
  "file:///etc/passwd",
  "\\\\evil\\share",
  "@evil.example",
  "a".repeat(64),
  "💩".repeat(40),
]

function clampString(s: string, min: number, max: number): string {
  let out = s.length > max ? s.slice(0, max) : s
  if (out.length < min) out = out + "x".repeat(min - out.length)
  return out
}

interface StringBounds {
  min: number
  max: number
  patterns: RegExp[]
  format: string | undefined
}

function stringBounds(def: Def): StringBounds {
  let min = 0
  let max = Infinity
  const patterns: RegExp[] = []
  let format = typeof def.format === "string" ? def.format : undefined
  if (def.pattern instanceof RegExp && format === "regex") patterns.push(def.pattern)
  for (const c of checksOf(def)) {
    if (c.check === "min_length") min = Math.max(min, c.minimum as number)
    if (c.check === "max_length") max = Math.min(max, c.maximum as number)
    if (c.check === "length_equals") min = max = c.length as number
    if (c.check === "string_format") {
      if (c.format === "regex" && c.pattern instanceof RegExp) patterns.push(c.pattern)
      else format ??= c.format as string
    }
  }
  if (format && format !== "regex" && def.pattern instanceof RegExp && patterns.length === 0 && format !== "email" && format !== "url") {
    patterns.push(def.pattern)
  }
  return { min, max, patterns, format }
}

/** A URL-shaped string: real web URLs and hostile ones (other schemes, loopback, credentials, IP literals). */
export function urlArbitrary(mode: Mode): fc.Arbitrary<string> {
  const web = fc.webUrl({ withQueryParameters: true, withFragments: true })
  if (mode === "valid") return web
  return fc.oneof(
    web,
    fc.constantFrom(
      "http://127.0.0.1:1/",
      "http://[::1]:1/",
      "http://0x7f000001/",
      "http://user:pass@evil.example/",
      "https://www.linkedin.com.evil.example/in/x",
      "https://evil.example/?u=https://www.linkedin.com/in/x",
      "javascript:alert(1)",
      "file:///etc/passwd",
      "data:text/html,<script>alert(1)</script>",
      "gopher://127.0.0.1:25/_HELO",
      "http://169.254.169.254/latest/meta-data/",
      `https://www.linkedin.com/in/${"a".repeat(2100)}`,
      "https://www.linkedin.com/in/%E0%A4%A",
      "https://www.linkedin.com/in/\u202Eevil",
    ),
  )
}

/** Hostile strings within [min, max] (most of the time), plus arbitrary full-unicode strings. */
export function hostileString(min = 0, max = 10_000): fc.Arbitrary<string> {
  const cap = Math.min(max, 10_000)
  const long = fc.constantFrom("A", "é", "😀", "\u200B", "\u0000", "\uD800").map((unit) => clampString(unit.repeat(Math.ceil(cap / unit.length) + 1), min, cap))
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map((s) => clampString(s, min, cap)) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: Math.min(cap, 64) }).map((s) => clampString(s, min, cap)) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: Math.min(cap, 32) }).map((s) => clampString(s, min, cap)) },
    { weight: 1, arbitrary: long },
  )
}

function stringArbitrary(schema: unknown, def: Def, key: string | undefined, opts: ArbitraryOptions): fc.Arbitrary<string> {
  const { min, max, patterns, format } = stringBounds(def)
  const cap = Number.isFinite(max) ? max : 10_000
  let base: fc.Arbitrary<string>
  if (patterns.length > 0) {
    base = fc.stringMatching(patterns[0]!).map((s) => clampString(s, min, cap)).filter((s) => patterns.every((p) => p.test(s)))
  } else if (format === "email" && def.pattern instanceof RegExp) {
    const emailPattern = def.pattern
    base = fc.stringMatching(emailPattern).filter((s) => s.length <= cap && emailPattern.test(s))
  } else if (format === "datetime") {
    base = fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString())
  } else if (format === "url" || (key !== undefined && /(url|website)$/i.test(key))) {
    base = urlArbitrary(opts.mode).map((s) => s.slice(0, cap))
  } else if (opts.mode === "valid") {
    base = fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(Math.min(cap, 24), Math.max(min, 1)), unit: "grapheme-ascii" }).map((s) => clampString(s.trim() || "x", min, cap))
  } else {
    base = hostileString(min, cap)
  }
  // Known values are offered only where the field's own schema accepts them ("email" is also a note-type key).
  const known = (key !== undefined ? opts.known?.[key] : undefined)?.filter((v) => (schema as z.ZodType).safeParse(v).success)
  const extras = [...(known ?? []), ...(opts.sprinkle ?? [])]
  if (extras.length === 0) return base
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...extras) }, { weight: 1, arbitrary: base })
}

function numberArbitrary(def: Def, opts: ArbitraryOptions): fc.Arbitrary<number> {
  let min = -1e9
  let max = 1e9
  let integer = false
  for (const c of checksOf(def)) {
    if (c.check === "greater_than") min = Math.max(min, (c.value as number) + (c.inclusive ? 0 : 1))
    if (c.check === "less_than") max = Math.min(max, (c.value as number) - (c.inclusive ? 0 : 1))
    if (c.check === "number_format") integer = true
  }
  const inRange = integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
  if (opts.mode === "valid") return inRange
  return fc.oneof({ weight: 3, arbitrary: inRange }, { weight: 1, arbitrary: fc.constantFrom(min, max, ...(min <= 0 && max >= 0 ? [0, -0] : [])) })
}

function arrayBounds(def: Def): { min: number; max: number } {
  let min = 0
  let max = Infinity
  for (const c of checksOf(def)) {
    if (c.check === "min_length") min = c.minimum as number
    if (c.check === "max_length") max = c.maximum as number
  }
  return { min, max }
}

/** The arbitrary of a zod schema's input; `key` is the object key it sits under (for known values). */
export function arbitraryOf(schema: z.ZodType | z.core.$ZodType, opts: ArbitraryOptions, key?: string, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema)
  const next = (s: unknown, k = key) => arbitraryOf(s as z.ZodType, opts, k, depth + 1)
  switch (def.type) {
    case "string":
      return stringArbitrary(schema, def, key, opts)
    case "number":
      return numberArbitrary(def, opts)
    case "boolean":
      return fc.boolean()
    case "null":
      return fc.constant(null)
    case "undefined":
    case "never":
    case "void":
      return fc.constant(undefined)
    case "enum":
      return fc.constantFrom(...Object.values(def.entries as Record<string, string | number>))
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]))
    case "optional":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
    case "catch":
      return next(def.innerType)
    case "nullable":
      return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: next(def.innerType) })
    case "pipe":
      return defOf(def.in).type === "transform" ? next(def.out) : next(def.in)
    case "lazy":
      return depth > 8 ? fc.constant(null) : next((def.getter as () => unknown)())
    case "union":
      return fc.oneof(...(def.options as unknown[]).map((o) => next(o)))
    case "object": {
      const shape = def.shape as Record<string, unknown>
      const entries = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, next(v, k)]))
      const requiredKeys = Object.entries(shape)
        .filter(([, v]) => !optionalIn(v))
        .map(([k]) => k)
      return fc.record(entries, { requiredKeys })
    }
    case "array": {
      const { min, max } = arrayBounds(def)
      const item = next(def.element)
      // NOTE: the only refinement our schemas put on arrays is "must not repeat".
      const unique = checksOf(def).some((c) => c.check === "custom")
      const list = (minLength: number, maxLength: number) =>
        unique ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(item, { minLength, maxLength })
      const small = list(min, Math.max(min, Math.min(max, 4)))
      // Lists of records stay short (huge arrays come from the mutations, with cheap items).
      const primitive = ["string", "number", "boolean", "enum", "literal", "template_literal"].includes(defOf(def.element).type)
      if (opts.mode === "valid" || unique || !primitive || !Number.isFinite(max) || max <= 4) return small
      return fc.oneof({ weight: 4, arbitrary: small }, { weight: 1, arbitrary: list(Math.max(min, max - 2), max) })
    }
    case "record": {
      const keyDef = defOf(def.keyType)
      const value = next(def.valueType)
      if (keyDef.type === "enum") {
        const keys = Object.values(keyDef.entries as Record<string, string>)
        const entries = Object.fromEntries(keys.map((k) => [k, next(def.valueType, k)]))
        return fc.record(entries, { requiredKeys: def.mode === "loose" || def.partial ? [] : keys })
      }
      // Keys never get sprinkled strings: an error names the key it refuses (that is its field).
      const key = arbitraryOf(def.keyType as z.ZodType, { ...opts, sprinkle: undefined }, undefined, depth + 1) as fc.Arbitrary<string>
      return fc.dictionary(key, value, { maxKeys: opts.mode === "valid" ? 3 : 8 })
    }
    case "template_literal": {
      const parts = (def.parts as unknown[]).map((p) => (typeof p === "object" && p !== null ? (next(p, undefined) as fc.Arbitrary<string>) : fc.constant(String(p))))
      return fc.tuple(...parts).map((xs) => xs.join(""))
    }
    case "transform":
      return fc.constant(undefined)
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

// ---- Mutations ---------------------------------------------------------------------------------

type Mutation =
  | { kind: "wrongType"; at: number; value: unknown }
  | { kind: "delete"; at: number }
  | { kind: "extraKey"; at: number; key: string; value: unknown }
  | { kind: "deepNest"; at: number; depth: number }
  | { kind: "hugeArray"; at: number; length: number }
  | { kind: "hostile"; at: number; value: string }

/** Every object or array inside a JSON value, with the key path to it; the root first. */
function containers(value: unknown): { parent: Record<string, unknown> | unknown[]; keys: string[] }[] {
  const out: { parent: Record<string, unknown> | unknown[]; keys: string[] }[] = []
  const walk = (v: unknown, depth: number) => {
    if (depth > 40 || out.length > 2_000) return
    if (Array.isArray(v)) {
      out.push({ parent: v, keys: v.map((_, i) => String(i)) })
      v.forEach((x) => walk(x, depth + 1))
    } else if (v && typeof v === "object") {
      out.push({ parent: v as Record<string, unknown>, keys: Object.keys(v) })
      Object.values(v).forEach((x) => walk(x, depth + 1))
    }
  }
  walk(value, 0)
  return out
}

function nested(depth: number): unknown {
  let v: unknown = "bottom"
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { n: v }
  return v
}

function setAt(parent: Record<string, unknown> | unknown[], key: string, value: unknown): void {
  // Computed keys define own properties, so "__proto__" becomes a real key of the JSON.
  if (Array.isArray(parent)) parent[Number(key)] = value
  else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true })
}

/**
 * Applies edits to a deep copy; the root itself may be replaced by a wrong type. Inserted values
 * are copied too (generated constants are shared between cases and must never be edited).
 */
export function applyMutations(value: unknown, mutations: readonly Mutation[]): unknown {
  let root: unknown = value === undefined ? undefined : structuredClone(value)
  for (const original of mutations) {
    const m = "value" in original && original.value !== undefined ? { ...original, value: structuredClone(original.value) } : original
    const all = containers(root)
    if (all.length === 0 || (m.kind === "wrongType" && m.at % 5 === 0)) {
      if (m.kind === "wrongType") root = m.value
      else if (m.kind === "extraKey") root = { [m.key]: m.value }
      continue
    }
    const target = all[m.at % all.length]!
    const key = target.keys.length ? target.keys[m.at % target.keys.length]! : undefined
    switch (m.kind) {
      case "wrongType":
        if (key !== undefined) setAt(target.parent, key, m.value)
        break
      case "delete":
        if (key !== undefined) {
          if (Array.isArray(target.parent)) target.parent.splice(Number(key), 1)
          else delete (target.parent as Record<string, unknown>)[key]
        }
        break
      case "extraKey":
        if (Array.isArray(target.parent)) target.parent.push(m.value)
        else setAt(target.parent, m.key, m.value)
        break
      case "deepNest":
        if (key !== undefined) setAt(target.parent, key, nested(m.depth))
        break
      case "hugeArray":
        if (key !== undefined) setAt(target.parent, key, Array.from({ length: m.length }, (_, i) => (i % 3 === 0 ? i : i % 3 === 1 ? "x" : { i })))
        break
      case "hostile":
        if (key !== undefined) setAt(target.parent, key, m.value)
        break
    }
  }
  return root
}

const wrongValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, "", "0", [], {}, [null], { "": "" }),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.jsonValue({ maxDepth: 3 }),
)

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("wrongType" as const), at: fc.nat(), value: wrongValue }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("extraKey" as const),
      at: fc.nat(),
      key: fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "toString", "", " ", "a.b", "\u0000", "\uD800", "x".repeat(300)), fc.string({ maxLength: 12 })),
      value: wrongValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deepNest" as const), at: fc.nat(), depth: fc.integer({ min: 50, max: 2_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("hugeArray" as const), at: fc.nat(), length: fc.integer({ min: 1_000, max: 30_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("hostile" as const), at: fc.nat(), value: hostileString(0, 5_000) }) },
)

/** A value of the schema with 1–3 schema-breaking edits. */
export function mutatedOf(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(base, fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 })).map(([v, ms]) => applyMutations(v, ms))
}

// ---- Raw bodies --------------------------------------------------------------------------------

export interface RawBody {
  bytes: string | Uint8Array
  /** null: no Content-Type header. */
  contentType: string | null
}

export const JSON_TYPES = ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/vnd.cogsync+json", "application/json;charset=latin1"] as const
export const WRONG_TYPES = [
  null,
  "text/plain",
  "text/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/jsonp",
  "*/*",
  "",
] as const

/** Bodies no serializer produces: truncated, malformed, huge, deeply nested, badly encoded. */
export function rawBodyOf(valid: fc.Arbitrary<unknown>): fc.Arbitrary<RawBody> {
  const jsonType = fc.constantFrom(...JSON_TYPES)
  const text = fc.oneof(
    valid.chain((v) => {
      const s = JSON.stringify(v) ?? "null"
      return fc.integer({ min: 0, max: Math.max(0, s.length - 1) }).map((cut) => s.slice(0, cut))
    }),
    fc.constantFrom(
      "",
      " ",
      "{",
      "}",
      "{not json",
      '{"a":}',
      '{"a":1,}',
      "{'a':1}",
      '{"a":NaN}',
      '{"a":Infinity}',
      '{"a":1e400}',
      '{"a":-0}',
      '{"a":123456789012345678901234567890}',
      '{"a":1}{"b":2}',
      '{"a":1} trailing',
      "/* comment */ {}",
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      '{"a":"\\x41"}',
      "\uFEFF{}",
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{"admin":true}}}',
      '{"a":1,"a":2,"a":{"b":[]}}',
      "null",
      "true",
      "0",
      '"just a string"',
      "[]",
      "[{}]",
    ),
    fc.integer({ min: 1_000, max: 200_000 }).map((d) => "[".repeat(d) + "]".repeat(d)),
    fc.integer({ min: 1_000, max: 50_000 }).map((d) => '{"a":'.repeat(d) + "1" + "}".repeat(d)),
    fc.integer({ min: 10_000, max: 200_000 }).map((n) => `[${Array.from({ length: n }, () => "0").join(",")}]`),
    fc.integer({ min: 100_000, max: 900_000 }).map((n) => JSON.stringify({ name: "x".repeat(n) })),
  )
  const bytes = fc.constantFrom(
    new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]),
    new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
    new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
    new Uint8Array([0x1f, 0x8b, 0x08, 0x00]),
    new Uint8Array([0x00, 0x00, 0x00]),
  )
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ bytes: text, contentType: jsonType }) },
    { weight: 1, arbitrary: fc.record({ bytes, contentType: jsonType }) },
    {
      weight: 2,
      arbitrary: fc.record({ bytes: valid.map((v) => JSON.stringify(v) ?? "null"), contentType: fc.constantFrom(...WRONG_TYPES) }),
    },
  )
}

/** Top-level keys an input schema declares (through wrappers, unions and arrays). */
export function topLevelKeys(schema: z.ZodType | z.core.$ZodType | undefined): { keys: Set<string>; arrays: boolean } {
  const keys = new Set<string>()
  let arrays = false
  const walk = (s: unknown, depth: number): void => {
    if (!s || depth > 10) return
    const def = defOf(s)
    switch (def.type) {
      case "object":
        Object.keys(def.shape as object).forEach((k) => keys.add(k))
        return
      case "array":
        arrays = true
        walk(def.element, depth + 1)
        return
      case "union":
        ;(def.options as unknown[]).forEach((o) => walk(o, depth + 1))
        return
      case "pipe":
        walk(def.in, depth + 1)
        return
      case "optional":
      case "default":
      case "prefault":
      case "nullable":
      case "readonly":
      case "catch":
        walk(def.innerType, depth + 1)
        return
      case "record":
        walk(def.keyType, depth + 1)
        return
      case "enum":
        Object.values(def.entries as Record<string, string>).forEach((k) => keys.add(String(k)))
        return
    }
  }
  walk(schema, 0)
  return { keys, arrays }
}
