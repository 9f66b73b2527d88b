// The secret key file under every one of the 512 permission modes (504 of them give group or others a bit): refused (naming chmod 600, never
// the key) whenever group or others have any bit; otherwise loaded, or refused as unreadable.
import { randomBytes } from "node:crypto"
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { SecretKeyError, loadSecretKey } from "../../../server/secrets"
import { writeFigures } from "../../integration/reliability/helpers/figures"

describe("the secret key file's permissions", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cogsync-modes-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("is refused for each of the 504 modes that give group or others any access, and only for those", () => {
    const key = randomBytes(32)
    const text = key.toString("base64")
    const tally = { refusedOpen: 0, loaded: 0, unreadable: 0 }
    for (let mode = 0; mode < 0o1000; mode++) {
      const keyFile = path.join(dir, `key-${mode.toString(8)}`)
      writeFileSync(keyFile, `${text}\n`, { mode: 0o600 })
      chmodSync(keyFile, mode)
      let outcome: { key: Buffer } | Error
      try {
        outcome = loadSecretKey({ keyFile })
      } catch (err) {
        outcome = err as Error
      }
      const where = `mode ${mode.toString(8)}`
      if (mode & 0o077) {
        expect(outcome, where).toBeInstanceOf(SecretKeyError)
        expect((outcome as Error).message, where).toMatch(/group or others .*chmod 600/)
        tally.refusedOpen++
      } else if (outcome instanceof Error) {
        // Without owner read permission (and not running as root) the file cannot be read.
        expect(outcome, where).toBeInstanceOf(SecretKeyError)
        expect(outcome.message, where).toMatch(/Cannot read/)
        tally.unreadable++
      } else {
        expect(outcome.key.equals(key), where).toBe(true)
        tally.loaded++
      }
      if (outcome instanceof Error) {
        for (const form of [text, key.toString("hex"), key.toString("base64url"), text.slice(4, 16)]) expect(outcome.message, where).not.toContain(form)
      }
    }
    writeFigures("key-modes", "secret key file modes", tally)
    expect(tally.refusedOpen).toBe(504)
    expect(tally.loaded + tally.unreadable).toBe(8)
    expect(tally.loaded).toBeGreaterThanOrEqual(4)
  })
})
