// Secrets at rest: a tampered ciphertext is refused (never decrypted, never sent to Clockwork, never
// a 500 with internals), whether altered through SQL or by flipping one bit of the database file;
// and the server refuses to start with a key file others can read, without printing the key.
import { randomBytes } from "node:crypto"
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { ApiErrorSchema, type IntegrationStatus } from "@shared/index"
import { SecretKeyError } from "../../../server/secrets"
import { startServer } from "../../../server/start-server"
import { writeFigures } from "./helpers/figures"
import { CLOCKWORK_URL, startHarness, type Harness } from "./helpers/harness"
import { LeakScanner } from "./helpers/leaks"

type Column = "api_key_enc" | "api_secret_enc" | "service_key_enc"
const COLUMNS: Column[] = ["api_key_enc", "api_secret_enc", "service_key_enc"]

/** Flips the lowest bit of a base64url character, keeping it in the alphabet ("A" ↔ "B", "-" ↔ "_"…). */
function flipChar(c: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
  return alphabet[alphabet.indexOf(c) ^ 1]!
}

function flipPart(blob: string, part: number): string {
  const parts = blob.split(".")
  parts[part] = flipChar(parts[part]![0]!) + parts[part]!.slice(1)
  return parts.join(".")
}

/** Ways to tamper with one stored ciphertext, given the row and the other team's row. */
const TAMPERINGS: { name: string; apply: (blob: string, ctx: { other: string; sibling: string; plaintext: string }) => string }[] = [
  { name: "a bit of the IV flipped", apply: (b) => flipPart(b, 1) },
  { name: "a bit of the auth tag flipped", apply: (b) => flipPart(b, 2) },
  { name: "a bit of the ciphertext flipped", apply: (b) => flipPart(b, 3) },
  { name: "the format version changed", apply: (b) => b.replace(/^v1\./, "v2.") },
  { name: "the ciphertext truncated", apply: (b) => b.slice(0, -4) },
  { name: "the tag emptied", apply: (b) => b.split(".").map((p, i) => (i === 2 ? "" : p)).join(".") },
  { name: "another team's ciphertext of the same field", apply: (_b, ctx) => ctx.other },
  { name: "the same team's ciphertext of another field", apply: (_b, ctx) => ctx.sibling },
  { name: "the plaintext credential itself (a downgrade)", apply: (_b, ctx) => ctx.plaintext },
  { name: "an empty value", apply: () => "" },
]

const PLAINTEXT_OF: Record<Column, "apiKey" | "apiSecret" | "serviceKey"> = { api_key_enc: "apiKey", api_secret_enc: "apiSecret", service_key_enc: "serviceKey" }
const SIBLING_OF: Record<Column, Column> = { api_key_enc: "api_secret_enc", api_secret_enc: "service_key_enc", service_key_enc: "api_key_enc" }

const row = (h: Harness, teamId: string) =>
  h.server.db.$client.prepare("select api_key_enc, api_secret_enc, service_key_enc from integrations where team_id = ?").get(teamId) as Record<Column, string>

/** The refusal every Clockwork-backed call must give after tampering: 409, no internals, nothing sent. */
async function expectRefused(h: Harness, where: string, token = h.team.tokens.admin): Promise<void> {
  const before = h.outgoing.length
  for (const [method, urlPath] of [
    ["POST", "/clockwork/metadata/refresh"],
    ["GET", "/lookup?email=robert.fox%40example.com"],
  ] as const) {
    const res = await h.request(method, urlPath, { token })
    expect(res.status, `${where}: ${method} ${urlPath}`).toBe(409)
    const error = ApiErrorSchema.parse(res.body).error
    expect(error.code).toBe("integration_not_connected")
    expect(error.message).toMatch(/cannot be decrypted/)
    expect(res.text).not.toMatch(/SecretDecryptError|aes|gcm|stack|at \w+ \(|v1\.[A-Za-z0-9_-]{8,}/i)
  }
  const status = await h.request<IntegrationStatus>("GET", "/integration", { token })
  expect(status.body.state, where).toBe("needs_attention")
  expect(status.body.lastError, where).toMatch(/cannot be decrypted/)
  expect(h.outgoing.length - before, `${where}: a request reached Clockwork`).toBe(0)
}

describe("a tampered ciphertext", () => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })
  const figures: { column: Column; tampering: string; refused: boolean; recovered: boolean }[] = []

  it.each(COLUMNS.flatMap((column) => TAMPERINGS.map((t) => [column, t.name, t] as const)))("refuses %s with %s, and works again once it is restored", async (column, name, tampering) => {
    h = await startHarness()
    const sqlite = h.server.db.$client
    const original = row(h, h.team.id)
    const other = row(h, h.otherTeam.id)
    const tampered = tampering.apply(original[column], { other: other[column], sibling: original[SIBLING_OF[column]], plaintext: h.canaries.team[PLAINTEXT_OF[column]] })
    expect(tampered).not.toBe(original[column])
    sqlite.prepare(`update integrations set ${column} = ? where team_id = ?`).run(tampered, h.team.id)

    await expectRefused(h, `${column}: ${name}`)
    // The other team is untouched; restoring the value brings the integration back.
    expect((await h.request("POST", "/clockwork/metadata/refresh", { token: h.otherTeam.tokens.admin })).status).toBe(200)
    sqlite.prepare(`update integrations set ${column} = ? where team_id = ?`).run(original[column], h.team.id)
    expect((await h.request("POST", "/clockwork/metadata/refresh")).status).toBe(200)
    expect((await h.request<IntegrationStatus>("GET", "/integration")).body.state).toBe("connected")
    expect(h.scanner.scan({ logs: h.logs })).toEqual([])
    figures.push({ column, tampering: name, refused: true, recovered: true })
    writeFigures("tamper", "tampered ciphertexts", figures)
  })

  it("refuses the credentials after one bit of the database file flips, across a restart", async () => {
    const first = await startHarness({ storage: "file" })
    const { databasePath, secretKey, dataDir } = first
    const stored = row(first, first.team.id).api_secret_enc
    const adminToken = first.team.tokens.admin
    await first.server.close()
    expect(readdirSync(dataDir!).filter((f) => f.endsWith("-wal") && readFileSync(path.join(dataDir!, f)).length > 0)).toEqual([])
    // Every copy of the ciphertext in the file gets one bit flipped (normally there is one).
    const bytes = readFileSync(databasePath)
    const needle = Buffer.from(stored.split(".")[3]!, "latin1")
    let copies = 0
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1), copies++) {
      bytes[at] = flipChar(String.fromCharCode(bytes[at]!)).charCodeAt(0)
    }
    expect(copies).toBeGreaterThan(0)
    writeFileSync(databasePath, bytes)

    h = await startHarness({ databasePath, secretKey, activate: false })
    await expectRefused(h, "after a bit flip on disk", adminToken)
    await h.close()
    h = undefined
    await first.sandbox.close()
    rmSync(dataDir!, { recursive: true, force: true })
  })
})

describe("the secret key file", () => {
  let dir: string
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  // Every permission bit for group and others, alone and in the usual combinations.
  const MODES = [0o640, 0o620, 0o610, 0o604, 0o602, 0o601, 0o644, 0o660, 0o664, 0o666, 0o755, 0o777]

  it.each(MODES.map((m) => [m.toString(8), m] as const))("refuses to start with a key file of mode %s, naming the fix and not the key", async (_mode, mode) => {
    dir = mkdtempSync(path.join(tmpdir(), "cogsync-key-"))
    const key = randomBytes(32)
    const keyFile = path.join(dir, "secret.key")
    writeFileSync(keyFile, `${key.toString("base64")}\n`)
    chmodSync(keyFile, mode)
    const logs: string[] = []
    let error: unknown
    try {
      await startServer({ databasePath: path.join(dir, "cogsync.db"), clockworkApiUrl: CLOCKWORK_URL, secretKeyFile: keyFile, logLevel: "trace", logDestination: { write: (l: string) => void logs.push(l) } })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(SecretKeyError)
    const message = (error as Error).message
    expect(message).toContain("chmod 600")
    expect(message).toContain(`mode ${mode.toString(8)}`)
    const scanner = new LeakScanner([{ apiKey: `k_canary_${key.toString("base64")}`, apiSecret: `s_canary_${key.toString("hex")}`, serviceKey: `x_canary_${key.toString("base64url")}` }])
    expect(scanner.find(message)).toBeUndefined()
    expect(scanner.scan({ logs })).toEqual([])
    expect(existsSync(path.join(dir, "cogsync.db"))).toBe(false)
  })

  it("starts with a key file of mode 600 or 400, and never logs the key it created", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "cogsync-key-"))
    for (const mode of [0o600, 0o400]) {
      const keyFile = path.join(dir, `secret-${mode.toString(8)}.key`)
      writeFileSync(keyFile, `${randomBytes(32).toString("base64")}\n`)
      chmodSync(keyFile, mode)
      const server = await startServer({ databasePath: path.join(dir, `db-${mode.toString(8)}.db`), clockworkApiUrl: CLOCKWORK_URL, secretKeyFile: keyFile, logLevel: "silent" })
      await server.close()
    }
    const created = path.join(dir, "new", "secret.key")
    const logs: string[] = []
    const server = await startServer({ databasePath: path.join(dir, "new.db"), clockworkApiUrl: CLOCKWORK_URL, secretKeyFile: created, logLevel: "trace", logDestination: { write: (l: string) => void logs.push(l) } })
    await server.close()
    const key = readFileSync(created, "utf8").trim()
    expect(logs.some((l) => l.includes("created a new secret key file"))).toBe(true)
    const scanner = new LeakScanner([{ apiKey: `k_canary_${key}`, apiSecret: `s_canary_${Buffer.from(key, "base64").toString("hex")}`, serviceKey: `x_canary_${key}` }])
    expect(scanner.scan({ logs })).toEqual([])
  })
})
