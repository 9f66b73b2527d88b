// With a SQLite file the sandbox keeps firms, writes and the ledger across restarts.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterEach, expect, it } from "vitest"
import { DEMO_FIRM, createClockworkClient, createSandbox } from "../../../server/clockwork/index"

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** Starts a sandbox on the file and returns a client of the demo firm. */
async function boot(file: string) {
  const sandbox = createSandbox({ persistPath: file })
  const listener = await sandbox.listen(0)
  const client = createClockworkClient({ baseUrl: listener.url, credentials: DEMO_FIRM, retries: 0 })
  return { sandbox, client }
}

it("restores exactly the state it had, whatever collections the writes touched", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cw-sandbox-"))
  dirs.push(dir)
  const file = path.join(dir, "sandbox.db")
  const first = await boot(file)
  first.sandbox.seedDemoFirm()
  const c = first.client
  const jane = await c.createPerson({ name: "Jane Cooper", tagNames: ["Brand new tag"] })
  await c.addPosition(jane.id, { title: "Staff Engineer", companyName: "A Company Nobody Knew" })
  await c.createNote(jane.id, { content: "hello", noteTypeId: "nt-call" })
  const cand = await c.addCandidacy("proj-demo-vpe", { personId: jane.id })
  await c.updateCandidacyStatus("proj-demo-vpe", cand.id, "st-qualifying")
  const hook = await c.createWebhook("https://hooks.example.com/a")
  await c.createWebhook("https://hooks.example.com/b")
  await c.deleteWebhook(hook.id)
  await c.removeTag("p-robert-fox", "tag-engineering")
  first.sandbox.setCompanyDoNotContact("demo", "co-initech", { reason: "Client", startDate: null, endDate: null })
  const before = first.sandbox.state("demo")
  await first.sandbox.close()

  const second = await boot(file)
  expect(second.sandbox.state("demo")).toEqual(before)
  expect(Object.keys(second.sandbox.state("demo")!.people)).toEqual(Object.keys(before!.people))
  await second.sandbox.close()
})

it("keeps the demo firm, a created person and the ledger across a restart, and resets to the seed afterwards", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cw-sandbox-"))
  dirs.push(dir)
  const file = path.join(dir, "nested", "sandbox.db")

  const first = await boot(file)
  expect(first.sandbox.hasFirm("demo")).toBe(false)
  first.sandbox.seedDemoFirm()
  const jane = await first.client.createPerson({ name: "Jane Cooper" })
  await first.client.addEmail(jane.id, { address: "jane.cooper@example.com" })
  await first.sandbox.close()

  const second = await boot(file)
  expect(second.sandbox.hasFirm("demo")).toBe(true)
  expect((await second.client.getPerson(jane.id))?.emails.map((e) => e.address)).toEqual(["jane.cooper@example.com"])
  expect(second.sandbox.ledger("demo").map((e) => [e.seq, e.kind])).toEqual([
    [1, "person.create"],
    [2, "email.create"],
  ])
  const tag = await second.client.createTag("After restart")
  expect(second.sandbox.ledger("demo").at(-1)).toMatchObject({ seq: 3, kind: "tag.create", resourceId: tag.id })

  second.sandbox.reset("demo")
  expect(await second.client.getPerson(jane.id)).toBeUndefined()
  await second.sandbox.close()

  const third = await boot(file)
  expect(await third.client.getPerson(jane.id)).toBeUndefined()
  expect(await third.client.getPerson("p-robert-fox")).toBeDefined()
  expect(third.sandbox.ledger("demo")).toEqual([])
  await third.sandbox.close()
})
