// The fuzz's generators, checked against the schemas they are derived from: "valid" values pass
// every request schema of the route table (so fuzzing reaches the handlers), "hostile" ones still
// mostly pass (hostile but legal), and mutated ones mostly fail (so the validators are exercised).
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { ROUTE_LIST } from "../../../server/routes/table"
import { HOSTILE_STRINGS, applyMutations, arbitraryOf, mutatedOf, topLevelKeys } from "../../integration/reliability/helpers/zod-arbitrary"

const SCHEMAS = ROUTE_LIST.flatMap((r) =>
  (["params", "query", "body"] as const).flatMap((part) => (r[part] ? [[`${r.key} ${part}`, r[part]!] as const] : [])),
)
const share = (schema: (typeof SCHEMAS)[number][1], arb: fc.Arbitrary<unknown>, n = 200) =>
  fc.sample(arb, { numRuns: n, seed: 7 }).filter((v) => schema.safeParse(v).success).length / n

describe("generators derived from the route table's schemas", () => {
  it("covers every request schema of the table", () => {
    expect(SCHEMAS.length).toBeGreaterThanOrEqual(20)
  })

  it.each(SCHEMAS)("makes valid values for %s", (_name, schema) => {
    expect(share(schema, arbitraryOf(schema, { mode: "valid" }))).toBeGreaterThanOrEqual(0.9)
  })

  it.each(SCHEMAS)("makes mutated values %s mostly refuses", (_name, schema) => {
    expect(share(schema, mutatedOf(arbitraryOf(schema, { mode: "hostile" })))).toBeLessThanOrEqual(0.7)
  })

  it("offers known values only where the field's own schema accepts them", () => {
    const body = ROUTE_LIST.find((r) => r.key === "PATCH /settings")!.body!
    const values = fc.sample(arbitraryOf(body, { mode: "valid", known: { email: ["someone@example.com"] } }), { numRuns: 300, seed: 3 })
    expect(values.every((v) => body.safeParse(v).success)).toBe(true)
  })

  it("keeps the edge cases it promises", () => {
    for (const s of ["\uD800", "\u202Eevil\u202C", "\u200B\u200C\u200D\u2060\uFEFF", "a\u0000b", "👩‍👩‍👧‍👦🏳️‍🌈🇺🇳"]) expect(HOSTILE_STRINGS).toContain(s)
  })

  it("puts an unknown key such as __proto__ into the JSON as an own key", () => {
    const mutated = applyMutations({ a: 1 }, [{ kind: "extraKey", at: 1, key: "__proto__", value: { admin: true } }])
    expect(JSON.stringify(mutated)).toBe('{"a":1,"__proto__":{"admin":true}}')
  })

  it("knows the top-level keys an error may name", () => {
    const keys = topLevelKeys(ROUTE_LIST.find((r) => r.key === "POST /campaigns")!.body)
    expect([...keys.keys].sort()).toEqual(["name", "options"])
    expect(topLevelKeys(ROUTE_LIST.find((r) => r.key === "POST /events")!.body).arrays).toBe(true)
  })
})
