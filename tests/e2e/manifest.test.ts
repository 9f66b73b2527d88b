// Manifest audit (issue 9, item 8): the built extension asks for exactly what it needs. A new
// permission, host permission, content-script match or web-accessible resource fails this test
// until it is added to the allowlist below, in a reviewed change.
import { existsSync, readFileSync } from "node:fs"
import path from "node:path"
import { describe, expect, it } from "vitest"
import { EXTENSION_DIR } from "./helpers/browser"

const ALLOWED = {
  permissions: ["storage", "alarms"],
  host_permissions: ["https://www.linkedin.com/*", "https://github.com/*", "http://localhost/*", "http://127.0.0.1/*"],
  // A Cogsync server on another origin is asked for at sign-in, origin by origin.
  optional_host_permissions: ["https://*/*", "http://*/*"],
  content_script_matches: ["https://www.linkedin.com/*", "https://github.com/*", "http://localhost/demo/*", "http://127.0.0.1/demo/*"],
  web_accessible_resources: [] as string[],
}

/** Keys that would widen who can talk to the extension or what it may run. */
const FORBIDDEN_KEYS = ["externally_connectable", "content_security_policy", "optional_permissions", "sandbox", "oauth2", "key", "update_url"]

interface Manifest {
  manifest_version: number
  permissions?: string[]
  host_permissions?: string[]
  optional_host_permissions?: string[]
  content_scripts?: { matches?: string[]; all_frames?: boolean; world?: string; match_about_blank?: boolean }[]
  web_accessible_resources?: ({ resources?: string[]; matches?: string[] } | string)[]
  [key: string]: unknown
}

function manifest(): Manifest {
  const file = path.join(EXTENSION_DIR, "manifest.json")
  if (!existsSync(file)) throw new Error(`${file} is missing: build the extension first (npm run build)`)
  return JSON.parse(readFileSync(file, "utf8")) as Manifest
}

const beyond = (actual: readonly string[] | undefined, allowed: readonly string[]) => (actual ?? []).filter((v) => !allowed.includes(v))

describe("the built manifest", () => {
  const m = manifest()

  it("is Manifest V3", () => {
    expect(m.manifest_version).toBe(3)
  })

  it("asks for no permission beyond the allowlist", () => {
    expect(beyond(m.permissions, ALLOWED.permissions)).toEqual([])
  })

  it("asks for no host permission beyond the allowlist", () => {
    expect(beyond(m.host_permissions, ALLOWED.host_permissions)).toEqual([])
    expect(beyond(m.optional_host_permissions, ALLOWED.optional_host_permissions)).toEqual([])
  })

  it("runs its content script only on the allowed sites, in its own world and top frames", () => {
    const scripts = m.content_scripts ?? []
    expect(beyond(scripts.flatMap((s) => s.matches ?? []), ALLOWED.content_script_matches)).toEqual([])
    for (const s of scripts) {
      expect(s.world ?? "ISOLATED").toBe("ISOLATED")
      expect(s.all_frames ?? false).toBe(false)
      expect(s.match_about_blank ?? false).toBe(false)
    }
  })

  it("exposes no web-accessible resource beyond the allowlist", () => {
    const resources = (m.web_accessible_resources ?? []).flatMap((w) => (typeof w === "string" ? [w] : [...(w.resources ?? []), ...(w.matches ?? []).map((x) => `matches:${x}`)]))
    expect(beyond(resources, ALLOWED.web_accessible_resources)).toEqual([])
  })

  it("has none of the keys that would let pages or other extensions in, or change what it may run", () => {
    expect(FORBIDDEN_KEYS.filter((k) => k in m)).toEqual([])
  })
})
