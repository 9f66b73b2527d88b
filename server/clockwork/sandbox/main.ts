// `npm run sandbox -- [--port 4010] [--host 127.0.0.1] [--persist ./data/sandbox.db] [--seed 1]`
// Starts the Clockwork sandbox on its own port, seeds the demo firm when it is not there yet, and
// prints the base URL and the demo credentials (public fixtures). Ctrl-C stops it.
import { parseArgs } from "node:util"
import { DEMO_FIRM, createSandbox } from "./index"

const USAGE = "usage: npm run sandbox -- [--port 4010] [--host 127.0.0.1] [--persist ./data/sandbox.db] [--seed 1]"

/** Parses the command line; exits with the usage line on bad input. */
function options(): { port: number; host: string; persist: string | undefined; seed: number } {
  try {
    const { values } = parseArgs({
      options: {
        port: { type: "string", default: "4010" },
        host: { type: "string", default: "127.0.0.1" },
        persist: { type: "string" },
        seed: { type: "string", default: "1" },
        help: { type: "boolean", default: false },
      },
      strict: true,
    })
    if (values.help) {
      console.log(USAGE)
      process.exit(0)
    }
    const port = Number(values.port)
    const seed = Number(values.seed)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("--port must be 0–65535")
    if (!Number.isInteger(seed)) throw new Error("--seed must be an integer")
    return { port, host: values.host, persist: values.persist, seed }
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`)
    process.exit(2)
  }
}

const opts = options()
const sandbox = createSandbox({ seed: opts.seed, ...(opts.persist ? { persistPath: opts.persist } : {}) })
const seeded = !sandbox.hasFirm(DEMO_FIRM.firm)
if (seeded) sandbox.seedDemoFirm()
const listener = await sandbox.listen(opts.port, opts.host)

console.log(
  [
    `Clockwork sandbox listening on ${listener.url}`,
    `  Base URL     ${listener.url}   (requests go to ${listener.url}/v3.0/${DEMO_FIRM.firm}/…)`,
    `  Subdomain    ${DEMO_FIRM.firm}${seeded ? "" : "   (loaded from the persisted state)"}`,
    `  API Key      ${DEMO_FIRM.apiKey}`,
    `  API Secret   ${DEMO_FIRM.apiSecret}`,
    `  Service Key  ${DEMO_FIRM.serviceKey}`,
    `  Control API  ${listener.url}/_sandbox  (ledger, faults, stats, reset — see docs/clockwork-sandbox.md)`,
    opts.persist ? `  State        ${opts.persist}` : "  State        in memory (pass --persist <file> to keep it)",
  ].join("\n"),
)

let stopping = false
/** Closes the listener and the database, then exits. */
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  await sandbox.close()
  process.exit(0)
}
process.on("SIGINT", () => void stop())
process.on("SIGTERM", () => void stop())
