// Bundles the server for plain Node: `npm run build:server` → build/server/index.mjs (+ source map).
// The server's own code (server/, shared/) goes into one ES module; packages stay in node_modules.
// Under tsx every module the server imports, its dependencies' included, passes through tsx's
// loader thread, which made a cold start take about 0.8 s here; the bundle starts in plain Node.
// The bundle reads its data files (migrations, demo pages) from server/ (server/paths.ts).
import path from "node:path"
import { build } from "esbuild"

const root = path.resolve(import.meta.dirname, "..")

/** Bundles `entry` (relative to the project) to `outfile`; returns the output path. */
export async function buildServer(entry = "server/index.ts", outfile = path.join(root, "build/server/index.mjs")) {
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  })
  return outfile
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const out = await buildServer(process.argv[2], process.argv[3] && path.resolve(process.argv[3]))
  console.log(`built ${path.relative(root, out)}`)
}
