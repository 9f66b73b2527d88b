// `npm run sandbox` (server/clockwork/sandbox/main.ts) starts with one command, seeds the demo firm
// and prints working credentials.
import { spawn } from "node:child_process"
import path from "node:path"
import { expect, it } from "vitest"
import { createClockworkClient } from "../../../server/clockwork/index"

const root = path.resolve(import.meta.dirname, "../../..")

it("starts on a free port, prints the base URL and demo credentials that a client can use, and stops on SIGTERM", async () => {
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server/clockwork/sandbox/main.ts", "--port", "0"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] })
  let out = ""
  child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")))
  child.stderr.on("data", (d: Buffer) => (out += d.toString("utf8")))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${out}`)), 30_000)
    child.stdout.on("data", () => {
      if (/Service Key/.test(out)) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}:\n${out}`)))
  })
  const field = (label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(out)?.[1] ?? ""
  const baseUrl = /listening on (http:\/\/\S+)/.exec(out)?.[1] ?? ""
  const client = createClockworkClient({
    baseUrl,
    credentials: { firm: field("Subdomain"), apiKey: field("API Key"), apiSecret: field("API Secret"), serviceKey: field("Service Key") },
  })
  expect(await client.verifyCredentials()).toEqual({ status: "valid" })
  expect((await client.getPerson("p-robert-fox"))?.name).toBe("Robert Fox")
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
  child.kill("SIGTERM")
  expect(await exited).toBe(0)
})

it("refuses an unknown option with the usage line", async () => {
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server/clockwork/sandbox/main.ts", "--prot", "1"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] })
  let err = ""
  child.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")))
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)))
  expect(code).toBe(2)
  expect(err).toContain("usage: npm run sandbox")
})
