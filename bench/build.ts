// Production builds for the bench, made outside the repository so they never race another
// engineer's `npm run build` (Plasmo writes `.plasmo/` and `build/` in its project directory):
// - the extension: a copy of the sources Plasmo reads, built the way `npm run build` does
//   (`plasmo build --src-path=extension --hoist`);
// - the floor: a Plasmo project whose only content script renders one React element, built the
//   same way, plus an empty service worker (the reference for size and memory).
// Each build is cached under the system temp directory, keyed by a hash of its inputs, so a
// second run with unchanged sources reuses it. Projects resolve packages through a symlink to the
// repository's node_modules.
import { spawnSync } from "node:child_process"
import { createHash, randomBytes } from "node:crypto"
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import type { BenchContext } from "./types"

export const CACHE_DIR = path.join(os.tmpdir(), "cogsync-bench-cache")

/** Files that decide the extension build, relative to the repository root. */
const EXTENSION_INPUTS = ["extension", "shared", "assets", "package.json", "package-lock.json", ".browserslistrc", "tsconfig.json"]

function listFiles(root: string, rel: string): string[] {
  const abs = path.join(root, rel)
  if (!existsSync(abs)) return []
  if (!statSync(abs).isDirectory()) return [rel]
  return readdirSync(abs)
    .sort()
    .flatMap((name) => listFiles(root, path.join(rel, name)))
}

function hashOf(parts: { name: string; content: string | Buffer }[]): string {
  const h = createHash("sha256")
  for (const p of parts) h.update(p.name).update("\0").update(p.content).update("\0")
  return h.digest("hex").slice(0, 16)
}

/** Runs Plasmo's production build in `project`; returns the output directory. */
function plasmoBuild(ctx: BenchContext, project: string, srcPath: string): string {
  const started = performance.now()
  const r = spawnSync(path.join(ctx.root, "node_modules/.bin/plasmo"), ["build", `--src-path=${srcPath}`, "--hoist"], { cwd: project, encoding: "utf8" })
  const out = path.join(project, "build/chrome-mv3-prod")
  // NOTE: with no network Plasmo prints an ERROR about its version check and still exits 0.
  if (r.status !== 0 || !existsSync(path.join(out, "manifest.json"))) {
    throw new Error(`plasmo build failed in ${project} (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-3000)}`)
  }
  ctx.log(`  built ${path.basename(project)} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return out
}

/** Builds into `<cache>/<name>` unless it is there: `populate(dir)` writes the project first. */
function cachedBuild(ctx: BenchContext, name: string, srcPath: string, populate: (dir: string) => void): string {
  const final = path.join(CACHE_DIR, name)
  if (existsSync(path.join(final, "build/chrome-mv3-prod/manifest.json"))) return path.join(final, "build/chrome-mv3-prod")
  mkdirSync(CACHE_DIR, { recursive: true })
  const work = `${final}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`
  mkdirSync(work, { recursive: true })
  try {
    populate(work)
    symlinkSync(path.join(ctx.root, "node_modules"), path.join(work, "node_modules"), "dir")
    plasmoBuild(ctx, work, srcPath)
    // Another process (a parallel smoke test) may have finished the same build first: keep its copy,
    // which a browser may already be using.
    if (!existsSync(final)) renameSync(work, final)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  // Builds of the same kind from other sources, a day old or more, are of no further use.
  const kind = name.split("-")[0]
  for (const other of readdirSync(CACHE_DIR)) {
    const dir = path.join(CACHE_DIR, other)
    if (other !== name && other.startsWith(`${kind}-`) && Date.now() - statSync(dir).mtimeMs > 86_400_000) rmSync(dir, { recursive: true, force: true })
  }
  return path.join(final, "build/chrome-mv3-prod")
}

/** The production build of the working tree's extension (cached by a hash of its sources). */
export function extensionBuild(ctx: BenchContext): string {
  const files = EXTENSION_INPUTS.flatMap((rel) => listFiles(ctx.root, rel))
  const hash = hashOf(files.map((f) => ({ name: f, content: readFileSync(path.join(ctx.root, f)) })))
  return cachedBuild(ctx, `extension-${hash}`, "extension", (dir) => {
    for (const rel of EXTENSION_INPUTS) if (existsSync(path.join(ctx.root, rel))) cpSync(path.join(ctx.root, rel), path.join(dir, rel), { recursive: true })
  })
}

const FLOOR_CONTENT_SCRIPT = `// The floor: React + ReactDOM rendering one element through Plasmo's content-script UI.
export const config = { matches: ["http://127.0.0.1/demo/*", "http://localhost/demo/*"] }
export default function Floor() {
  return <div>Cogsync</div>
}
`
const FLOOR_BACKGROUND = `// An empty service worker: the floor for the extension's worker memory.
export {}
`

function versionOf(root: string, pkg: string): string {
  return (JSON.parse(readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version
}

/** The React + ReactDOM floor, built like the extension (cached by its sources and package versions). */
export function floorBuild(ctx: BenchContext): string {
  const versions = { react: versionOf(ctx.root, "react"), "react-dom": versionOf(ctx.root, "react-dom"), plasmo: versionOf(ctx.root, "plasmo") }
  const packageJson = JSON.stringify(
    {
      name: "cogsync-bench-floor",
      displayName: "Cogsync bench floor",
      version: "0.0.1",
      description: "React + ReactDOM in a Plasmo content script, nothing else",
      private: true,
      type: "module",
      engines: { node: ">=20.19 <23" },
      // Plasmo picks its UI runtime from these dependencies.
      dependencies: { plasmo: versions.plasmo, react: versions.react, "react-dom": versions["react-dom"] },
      manifest: { host_permissions: ["http://127.0.0.1/*"] },
    },
    null,
    2,
  )
  const tsconfig = JSON.stringify({ compilerOptions: { strict: true, jsx: "react-jsx", module: "esnext", moduleResolution: "bundler", target: "ES2022", skipLibCheck: true }, include: ["src"] })
  const browserslist = readFileSync(path.join(ctx.root, ".browserslistrc"), "utf8")
  const hash = hashOf([
    { name: "package.json", content: packageJson },
    { name: "tsconfig.json", content: tsconfig },
    { name: "content", content: FLOOR_CONTENT_SCRIPT },
    { name: "background", content: FLOOR_BACKGROUND },
    { name: ".browserslistrc", content: browserslist },
  ])
  return cachedBuild(ctx, `floor-${hash}`, "src", (dir) => {
    mkdirSync(path.join(dir, "src/contents"), { recursive: true })
    mkdirSync(path.join(dir, "assets"), { recursive: true })
    writeFileSync(path.join(dir, "package.json"), packageJson)
    writeFileSync(path.join(dir, "tsconfig.json"), tsconfig)
    writeFileSync(path.join(dir, ".browserslistrc"), browserslist)
    writeFileSync(path.join(dir, "src/contents/floor.tsx"), FLOOR_CONTENT_SCRIPT)
    writeFileSync(path.join(dir, "src/background.ts"), FLOOR_BACKGROUND)
    cpSync(path.join(ctx.root, "assets/icon.png"), path.join(dir, "assets/icon.png"))
  })
}
