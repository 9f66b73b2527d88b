import { describe, expect, it } from "vitest"
import { createLogger } from "../../../server/logger"

function capture() {
  const lines: string[] = []
  const logger = createLogger({ level: "debug", destination: { write: (line: string) => void lines.push(line) } })
  return { logger, lines }
}

describe("createLogger", () => {
  it.each([
    ["apiKey", { apiKey: "cwk_live_secret" }],
    ["apiSecret", { body: { apiSecret: "cws_live_secret" } }],
    ["serviceKey", { req: { body: { serviceKey: "cwf_live_secret" } } }],
    ["authorization", { headers: { authorization: "Bearer cgs_live_secret" } }],
    ["x-api-key", { req: { headers: { "x-api-key": "cwf_live_secret" } } }],
    ["token", { user: { token: "cgs_live_secret" } }],
    ["apiKey three levels down", { a: { b: { c: { apiKey: "cwk_live_secret" } } } }],
  ])("censors %s wherever it appears", (_key, fields) => {
    const { logger, lines } = capture()
    logger.info(fields, "something happened")
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toMatch(/live_secret/)
    expect(lines[0]).toContain("[redacted]")
  })

  it("keeps ordinary fields", () => {
    const { logger, lines } = capture()
    logger.info({ teamId: "team_1", firm: "demo" }, "integration activated")
    expect(JSON.parse(lines[0]!)).toMatchObject({ teamId: "team_1", firm: "demo", msg: "integration activated", level: 30 })
  })

  it("writes nothing below its level", () => {
    const lines: string[] = []
    const logger = createLogger({ level: "warn", destination: { write: (line: string) => void lines.push(line) } })
    logger.info("quiet")
    logger.warn("loud")
    expect(lines).toHaveLength(1)
  })
})
