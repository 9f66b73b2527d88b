import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { inspect } from "node:util"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { SecretBox, SecretDecryptError, SecretKeyError, loadSecretKey } from "../../../server/secrets"

const KEY = Buffer.alloc(32, 7)

describe("SecretBox", () => {
  const box = new SecretBox(KEY)

  it("decrypts what it encrypted for the same team and field", () => {
    const blob = box.encrypt("team_a", "apiKey", "cwk_live_abcdef123456")
    expect(box.decrypt("team_a", "apiKey", blob)).toBe("cwk_live_abcdef123456")
  })

  it("never stores the plaintext in the ciphertext and uses a fresh IV each time", () => {
    const a = box.encrypt("team_a", "apiSecret", "cws_secret_value_42")
    const b = box.encrypt("team_a", "apiSecret", "cws_secret_value_42")
    expect(a).not.toContain("cws_secret_value_42")
    expect(a).not.toBe(b)
  })

  it.each([
    ["another team", "team_b", "apiKey"],
    ["another field", "team_a", "serviceKey"],
  ] as const)("refuses a ciphertext moved to %s", (_what, team, field) => {
    const blob = box.encrypt("team_a", "apiKey", "cwk_live_abcdef123456")
    expect(() => box.decrypt(team, field, blob)).toThrow(SecretDecryptError)
  })

  it.each([1, 2, 3])("refuses a ciphertext whose part %i was altered", (part) => {
    const parts = box.encrypt("team_a", "apiKey", "cwk_live_abcdef123456").split(".")
    const bytes = Buffer.from(parts[part]!, "base64url")
    bytes[0] = bytes[0]! ^ 0x01
    parts[part] = bytes.toString("base64url")
    expect(() => box.decrypt("team_a", "apiKey", parts.join("."))).toThrow(SecretDecryptError)
  })

  it("refuses a ciphertext made with another key", () => {
    const blob = new SecretBox(Buffer.alloc(32, 9)).encrypt("team_a", "apiKey", "x")
    expect(() => box.decrypt("team_a", "apiKey", blob)).toThrow(SecretDecryptError)
  })

  it("refuses text that is not a ciphertext", () => {
    expect(() => box.decrypt("team_a", "apiKey", "plain-text")).toThrow(SecretDecryptError)
  })

  it("does not show its key when inspected or serialized", () => {
    expect(inspect(box)).not.toContain(KEY.toString("hex"))
    expect(JSON.stringify({ box })).toBe('{"box":"[SecretBox]"}')
  })
})

describe("loadSecretKey", () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "cogsync-key-"))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it("creates a key file with mode 0600 on first run and reads the same key afterwards", () => {
    const keyFile = path.join(dir, "nested", "secret.key")
    const first = loadSecretKey({ keyFile })
    expect(first.source).toBe("created")
    expect(first.key).toHaveLength(32)
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    const second = loadSecretKey({ keyFile })
    expect(second.source).toBe("file")
    expect(second.key.equals(first.key)).toBe(true)
  })

  it("prefers the environment's key over the file", () => {
    const keyFile = path.join(dir, "secret.key")
    const loaded = loadSecretKey({ base64Key: KEY.toString("base64"), keyFile })
    expect(loaded.source).toBe("env")
    expect(loaded.key.equals(KEY)).toBe(true)
  })

  it("refuses a key file that group or others can read", () => {
    const keyFile = path.join(dir, "secret.key")
    writeFileSync(keyFile, KEY.toString("base64"), { mode: 0o644 })
    chmodSync(keyFile, 0o644)
    expect(() => loadSecretKey({ keyFile })).toThrow(/group or others/)
  })

  it("refuses a key file holding fewer than 32 bytes", () => {
    const keyFile = path.join(dir, "secret.key")
    writeFileSync(keyFile, Buffer.alloc(16, 1).toString("base64"), { mode: 0o600 })
    expect(() => loadSecretKey({ keyFile })).toThrow(/too short/)
  })

  it("refuses a key file it cannot read", () => {
    const keyFile = path.join(dir, "secret.key")
    mkdirSync(keyFile, { mode: 0o700 })
    expect(() => loadSecretKey({ keyFile })).toThrow(/Cannot read/)
  })

  it.each([
    ["short", Buffer.alloc(31, 1).toString("base64"), /too short/],
    ["long", Buffer.alloc(33, 1).toString("base64"), /too long/],
    ["not base64", "this is not base64!", /not base64/],
  ])("refuses a %s key from the environment without echoing it", (_what, value, message) => {
    let error: unknown
    try {
      loadSecretKey({ base64Key: value, keyFile: path.join(dir, "unused.key") })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(SecretKeyError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain(value)
  })

  it("keeps an existing key file when two servers start at once", () => {
    const keyFile = path.join(dir, "secret.key")
    const a = loadSecretKey({ keyFile })
    const b = loadSecretKey({ keyFile })
    expect(readFileSync(keyFile, "utf8").trim()).toBe(a.key.toString("base64"))
    expect(b.key.equals(a.key)).toBe(true)
  })
})
