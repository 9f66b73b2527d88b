// Encryption at rest of Clockwork credentials: AES-256-GCM with a random 12-byte IV, bound to the
// team and field through the additional data, so a ciphertext copied to another team or field
// fails to decrypt. The key comes from COGSYNC_SECRET_KEY (base64) or a key file created on first run.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto"
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from "node:fs"
import path from "node:path"

export const SECRET_KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
const FORMAT = "v1"

/** The server refuses to start with this error; the message never contains key material. */
export class SecretKeyError extends Error {
  override name = "SecretKeyError"
}

/** A ciphertext that is malformed, was tampered with, or belongs to another team or field. */
export class SecretDecryptError extends Error {
  override name = "SecretDecryptError"
}

function decodeKey(text: string, where: string): Buffer {
  const trimmed = text.trim()
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) throw new SecretKeyError(`${where} is not base64`)
  const key = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64")
  if (key.length < SECRET_KEY_BYTES) {
    throw new SecretKeyError(`${where} is too short: it must hold ${SECRET_KEY_BYTES} bytes (base64), it holds ${key.length}`)
  }
  if (key.length > SECRET_KEY_BYTES) {
    throw new SecretKeyError(`${where} is too long: it must hold exactly ${SECRET_KEY_BYTES} bytes (base64), it holds ${key.length}`)
  }
  return key
}

export interface LoadSecretKeyOptions {
  /** Base64 key from the environment; wins over the file. */
  base64Key?: string | undefined
  /** Key file; created with mode 0600 (holding a fresh random key) when it does not exist. */
  keyFile: string
}

/**
 * Loads the 32-byte secret key. Throws SecretKeyError when the key is short, long or not base64,
 * or when the key file is unreadable or readable by group or others.
 */
export function loadSecretKey(opts: LoadSecretKeyOptions): { key: Buffer; source: "env" | "file" | "created" } {
  if (opts.base64Key !== undefined) return { key: decodeKey(opts.base64Key, "COGSYNC_SECRET_KEY"), source: "env" }
  const file = path.resolve(opts.keyFile)
  let created = false
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
    // "wx" fails when the file exists, so two processes starting together never overwrite each other's key.
    const fd = openSync(file, "wx", 0o600)
    try {
      writeSync(fd, `${randomBytes(SECRET_KEY_BYTES).toString("base64")}\n`)
    } finally {
      closeSync(fd)
    }
    created = true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") {
      throw new SecretKeyError(`Cannot create the secret key file ${file}: ${(err as NodeJS.ErrnoException).code ?? "error"}`)
    }
  }
  let text: string
  try {
    const mode = statSync(file).mode
    if ((mode & 0o077) !== 0) {
      throw new SecretKeyError(`The secret key file ${file} is accessible by group or others (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it`)
    }
    text = readFileSync(file, "utf8")
  } catch (err) {
    if (err instanceof SecretKeyError) throw err
    throw new SecretKeyError(`Cannot read the secret key file ${file}: ${(err as NodeJS.ErrnoException).code ?? "error"}`)
  }
  return { key: decodeKey(text, `The secret key file ${file}`), source: created ? "created" : "file" }
}

/** The credential fields stored encrypted. */
export type SecretField = "apiKey" | "apiSecret" | "serviceKey"

function aad(teamId: string, field: SecretField): Buffer {
  return Buffer.from(`team:${teamId}|field:${field}`, "utf8")
}

/** Encrypts and decrypts team secrets with one key. Holds the key; never logs or exposes it. */
export class SecretBox {
  readonly #key: Buffer

  constructor(key: Buffer) {
    if (key.length !== SECRET_KEY_BYTES) throw new SecretKeyError(`The secret key must be ${SECRET_KEY_BYTES} bytes`)
    this.#key = Buffer.from(key)
  }

  /** Returns `v1.<iv>.<tag>.<ciphertext>` (base64url parts). */
  encrypt(teamId: string, field: SecretField, plaintext: string): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv)
    cipher.setAAD(aad(teamId, field))
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()])
    const tag = cipher.getAuthTag()
    return [FORMAT, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".")
  }

  /** Throws SecretDecryptError when the blob is malformed, tampered with, or bound to another team or field. */
  decrypt(teamId: string, field: SecretField, blob: string): string {
    const parts = blob.split(".")
    if (parts.length !== 4 || parts[0] !== FORMAT) throw new SecretDecryptError(`The stored ${field} is not a Cogsync ciphertext`)
    const iv = Buffer.from(parts[1]!, "base64url")
    const tag = Buffer.from(parts[2]!, "base64url")
    const ciphertext = Buffer.from(parts[3]!, "base64url")
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptError(`The stored ${field} is not a Cogsync ciphertext`)
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#key, iv, { authTagLength: TAG_BYTES })
      decipher.setAAD(aad(teamId, field))
      decipher.setAuthTag(tag)
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8")
    } catch {
      throw new SecretDecryptError(`The stored ${field} cannot be decrypted (wrong key, or the data was altered)`)
    }
  }

  /** Keeps the key out of console.log / util.inspect output. */
  toJSON(): string {
    return "[SecretBox]"
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "[SecretBox]"
  }
}
