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
    ["a secret six levels down", { a: { b: { c: { d: { e: { password: "pw_live_secret" } } } } } }],
    ["a secret inside an array", { attempts: [{ ok: true }, { headers: { "X-Api-Key": "cwf_live_secret" } }] }],
    ["Authorization in any case", { headers: { Authorization: "Bearer cgs_live_secret" } }],
    ["a secret that is an object", { secret: { value: "live_secret" } }],
  ])("censors %s wherever it appears", (_key, fields) => {
    const { logger, lines } = capture()
    logger.info(fields, "something happened")
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toMatch(/live_secret/)
    expect(lines[0]).toContain("[redacted]")
  })

  it("censors secrets in an error's fields and in a child logger's bindings", () => {
    const { logger, lines } = capture()
    const err = Object.assign(new Error("Clockwork said no"), { apiSecret: "cws_live_secret" })
    logger.child({ reqId: "r-1", token: "cgs_live_secret" }).error({ err }, "failed")
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toMatch(/live_secret/)
    const line = JSON.parse(lines[0]!) as { token: string; reqId: string; err: { message: string; apiSecret: string } }
    expect(line).toMatchObject({ reqId: "r-1", token: "[redacted]", err: { message: "Clockwork said no", apiSecret: "[redacted]" } })
  })

  it("leaves a message that only mentions a secret's name as it is", () => {
    const { logger, lines } = capture()
    logger.info({ field: "apiKey" }, 'the "token": field was missing')
    expect(JSON.parse(lines[0]!)).toMatchObject({ field: "apiKey", msg: 'the "token": field was missing' })
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
