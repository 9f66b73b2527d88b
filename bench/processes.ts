// Child processes of the bench: the Clockwork sandbox and the Cogsync server each run in their own
// Node process, so the load generator (this process) shares an event loop with neither.
// NOTE: children are spawned as `node --import tsx <file>`, not through the `tsx` CLI, which runs
// the program in a grandchild: the pid we measure (RSS) and stop must be the program's own.
import { spawn, type ChildProcess } from "node:child_process"
import { closeSync, openSync, readFileSync } from "node:fs"
import path from "node:path"
import { sleep } from "./stats"

export interface NodeChild {
  pid: number
  process: ChildProcess
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>
  /** Stops it (SIGTERM, then SIGKILL after `graceMs`) and waits for the exit. */
  stop(graceMs?: number): Promise<void>
}

export interface SpawnOptions {
  root: string
  env?: Record<string, string>
  /** stderr goes here (a file), so a failing child can be diagnosed. */
  logFile: string
  /** Resolves `ready` with the first stdout line for which this returns a value. */
  readyWhen: (line: string) => string | undefined
  timeoutMs?: number
  /** Extra Node flags, e.g. `--cpu-prof`. */
  execArgv?: string[]
}

/** Spawns `node <script>` (a .mjs bundle) or `node --import tsx <script>` with `args`, and waits until a stdout line says it is ready. */
export async function spawnNode(script: string, args: string[], opts: SpawnOptions): Promise<NodeChild & { ready: string; startedAt: number }> {
  const errFd = openSync(opts.logFile, "a")
  const startedAt = performance.now()
  // A bundle (.mjs) runs in plain Node; TypeScript goes through tsx.
  const loader = script.endsWith(".mjs") ? [] : ["--import", "tsx"]
  const child = spawn(process.execPath, [...(opts.execArgv ?? []), ...loader, script, ...args], {
    cwd: opts.root,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", errFd],
  })
  closeSync(errFd)
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
  const ready = await new Promise<string>((resolve, reject) => {
    let buffered = ""
    const timer = setTimeout(() => reject(new Error(`${script} did not get ready within ${opts.timeoutMs ?? 30_000} ms (see ${opts.logFile})`)), opts.timeoutMs ?? 30_000)
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8")
      let nl: number
      while ((nl = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, nl)
        buffered = buffered.slice(nl + 1)
        const value = opts.readyWhen(line)
        if (value !== undefined) {
          clearTimeout(timer)
          // Keep draining stdout so the child never blocks on a full pipe.
          child.stdout!.off("data", onData)
          child.stdout!.resume()
          resolve(value)
          return
        }
      }
    }
    child.stdout!.on("data", onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited (${code}) before it was ready; see ${opts.logFile}: ${tail(opts.logFile)}`))
    })
  })
  return {
    pid: child.pid!,
    process: child,
    exited,
    ready,
    startedAt,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill("SIGTERM")
      const killed = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])
      if (!killed) {
        child.kill("SIGKILL")
        await exited
      }
    },
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").slice(-1500)
  } catch {
    return "(no log)"
  }
}

/** Resident set size of a process in bytes (VmRSS of /proc/<pid>/status); NaN when unreadable. */
export function rssBytes(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))
    return m ? Number(m[1]) * 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

export interface SandboxProcess extends NodeChild {
  url: string
  /** Calls the sandbox's control API (`/_sandbox/…`). */
  control<T>(method: string, pathAndQuery: string, body?: unknown): Promise<T>
}

/** The Clockwork sandbox (`server/clockwork/sandbox/main.ts`, demo firm seeded) on a free loopback port. */
export async function startSandboxProcess(root: string, logDir: string, seed = 1): Promise<SandboxProcess> {
  const child = await spawnNode("server/clockwork/sandbox/main.ts", ["--port", "0", "--seed", String(seed)], {
    root,
    logFile: path.join(logDir, "sandbox.log"),
    readyWhen: (line) => /listening on (http:\/\/\S+)/.exec(line)?.[1],
  })
  const url = child.ready
  return {
    ...child,
    url,
    async control<T>(method: string, pathAndQuery: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}/_sandbox${pathAndQuery}`, {
        method,
        ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
      })
      const text = await res.text()
      if (!res.ok) throw new Error(`sandbox ${method} ${pathAndQuery} answered ${res.status}: ${text.slice(0, 300)}`)
      return (text ? JSON.parse(text) : undefined) as T
    },
  }
}

export interface ServerProcess extends NodeChild {
  /** Where every request of the bench goes: the bare route and, behind it, the Cogsync app. */
  url: string
}

/**
 * The Cogsync server through `bench/server-entry.ts` (the real `startServer`, configured from the
 * environment like `server/index.ts`, plus the bench's bare reference route).
 */
export async function startServerProcess(root: string, logDir: string, env: Record<string, string>, name = "server", execArgv: string[] = []): Promise<ServerProcess> {
  const child = await spawnNode("bench/server-entry.ts", [], {
    root,
    execArgv,
    env: { HOST: "127.0.0.1", PORT: "0", ...env },
    logFile: path.join(logDir, `${name}.log`),
    readyWhen: (line) => {
      try {
        const parsed = JSON.parse(line) as { benchUrl?: unknown }
        return typeof parsed.benchUrl === "string" ? parsed.benchUrl : undefined
      } catch {
        return undefined
      }
    },
    timeoutMs: 60_000,
  })
  return { ...child, url: child.ready }
}
