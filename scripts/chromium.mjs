// Finds a Chromium for the end-to-end tests and benchmarks: CHROME_PATH, then the usual places.
// As root on Debian it installs Debian's chromium with apt; otherwise it says how to get one.
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"]

export function findChromium({ install = false } = {}) {
  const fromEnv = process.env.CHROME_PATH
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv
    console.error(`CHROME_PATH is set to ${fromEnv}, but no file is there.`)
    return undefined
  }
  const found = CANDIDATES.find((p) => existsSync(p))
  if (found) return found
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  if (install && isRoot && existsSync("/usr/bin/apt-get")) {
    console.log("No Chromium found: installing Debian's chromium with apt-get (about 30 s)…")
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" }
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env })
    const r = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env })
    if (r.status === 0 && existsSync("/usr/bin/chromium")) return "/usr/bin/chromium"
  }
  console.error(
    [
      "The end-to-end tests need Chromium and none was found.",
      "  Debian/Ubuntu: sudo apt-get install -y chromium",
      "  macOS:         brew install --cask chromium",
      "  or point CHROME_PATH at any Chrome/Chromium binary: CHROME_PATH=/path/to/chrome npm test",
    ].join("\n"),
  )
  return undefined
}
