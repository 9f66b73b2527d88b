import { describe, expect, it } from "vitest"
import { camelizeKeys, snakeToCamel } from "../../../server/clockwork/sandbox/case"

describe("snake_case → camelCase normalisation of request bodies", () => {
  it.each([
    ["street_2", "street2"],
    ["region_id", "regionId"],
    ["person_tag", "personTag"],
    ["tag_ids", "tagIds"],
    ["postalCode", "postalCode"],
    ["doNotContact", "doNotContact"],
    ["hook_url", "hookUrl"],
    ["custom_field_values", "customFieldValues"],
    ["_private", "_private"],
  ])("%s → %s", (from, to) => {
    expect(snakeToCamel(from)).toBe(to)
  })

  it("rewrites keys at every depth, including inside arrays, and leaves values alone", () => {
    expect(
      camelizeKeys({ person: { tag_ids: ["a_b"], custom_field_values: [{ custom_field_id: "cf_x", value: "snake_value" }], noRelocation: true } }),
    ).toEqual({ person: { tagIds: ["a_b"], customFieldValues: [{ customFieldId: "cf_x", value: "snake_value" }], noRelocation: true } })
  })

  it("passes scalars and null through", () => {
    expect(camelizeKeys(null)).toBeNull()
    expect(camelizeKeys("x_y")).toBe("x_y")
    expect(camelizeKeys([1, "a"])).toEqual([1, "a"])
  })
})
