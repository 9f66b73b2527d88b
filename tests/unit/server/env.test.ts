import { describe, expect, it } from "vitest"
import { EnvError, parseEnv } from "../../../server/env"

describe("parseEnv", () => {
  it("fills in the documented defaults", () => {
    expect(parseEnv({})).toEqual({
      HOST: "127.0.0.1",
      PORT: 8787,
      DATABASE_PATH: "./data/cogsync.db",
      CLOCKWORK_API_URL: "https://api.clockworkrecruiting.com",
      LOG_LEVEL: "info",
      COGSYNC_SECRET_KEY_FILE: "./data/secret.key",
      SYNC_WORKER: true,
    })
  })

  it("reads the values it is given and treats empty strings as unset", () => {
    const env = parseEnv({ PORT: "9000", CLOCKWORK_API_URL: "http://127.0.0.1:4010", LOG_LEVEL: "debug", COGSYNC_SECRET_KEY: "", DATABASE_PATH: "/tmp/x.db" })
    expect(env.PORT).toBe(9000)
    expect(env.CLOCKWORK_API_URL).toBe("http://127.0.0.1:4010")
    expect(env.LOG_LEVEL).toBe("debug")
    expect(env.COGSYNC_SECRET_KEY).toBeUndefined()
    expect(env.DATABASE_PATH).toBe("/tmp/x.db")
  })

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["CLOCKWORK_API_URL", "not a url"],
    ["CLOCKWORK_API_URL", "ftp://example.com"],
    ["LOG_LEVEL", "loud"],
  ])("names %s when it is %j", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError)
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`${name}:`))
  })
})
