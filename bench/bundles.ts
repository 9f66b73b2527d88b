// Section 1a — what the extension ships: bytes, raw and gzip (level 9), of each bundle of the
// production build (content script, popup, options, background), each against the floor of
// React + ReactDOM alone built the same way (bench/build.ts). A page's bundle is its scripts and
// stylesheets as its HTML loads them; the content script carries its CSS inside its JavaScript.
import { readFileSync } from "node:fs"
import path from "node:path"
import { gzipSync } from "node:zlib"
import { extensionBuild, floorBuild } from "./build"
import { atMost } from "./targets"
import type { BenchContext, Figure } from "./types"

interface Manifest {
  content_scripts?: { js?: string[]; css?: string[] }[]
  background?: { service_worker?: string }
  action?: { default_popup?: string }
  options_ui?: { page?: string }
  options_page?: string
}

interface Size {
  files: string[]
  raw: number
  gzip: number
}

function sizeOf(dir: string, files: string[]): Size {
  let raw = 0
  let gzip = 0
  for (const f of files) {
    const buf = readFileSync(path.join(dir, f.replace(/^\//, "")))
    raw += buf.length
    gzip += gzipSync(buf, { level: 9 }).length
  }
  return { files, raw, gzip }
}

/** The scripts and stylesheets an extension page loads. */
function pageAssets(dir: string, page: string): string[] {
  const html = readFileSync(path.join(dir, page), "utf8")
  return [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!)
}

function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest
}

/** The extension's bundles by kind. Exported for the smoke test. */
export function extensionBundles(dir: string): Record<"content" | "popup" | "options" | "background", Size> {
  const m = manifestOf(dir)
  const cs = m.content_scripts?.[0]
  const options = m.options_ui?.page ?? m.options_page
  if (!cs?.js?.length || !m.background?.service_worker || !m.action?.default_popup || !options) throw new Error(`unexpected manifest in ${dir}`)
  return {
    content: sizeOf(dir, [...cs.js, ...(cs.css ?? [])]),
    popup: sizeOf(dir, pageAssets(dir, m.action.default_popup)),
    options: sizeOf(dir, pageAssets(dir, options)),
    background: sizeOf(dir, [m.background.service_worker]),
  }
}

export async function benchBundles(ctx: BenchContext): Promise<Figure[]> {
  const ext = extensionBundles(extensionBuild(ctx))
  const floorDir = floorBuild(ctx)
  const floorCs = manifestOf(floorDir).content_scripts?.[0]?.js ?? []
  const floor = sizeOf(floorDir, floorCs)
  const kb = (n: number) => n / 1024
  const labels = { content: "Content script (picker)", popup: "Popup", options: "Options page", background: "Background service worker" } as const
  const figures: Figure[] = []
  for (const kind of ["content", "popup", "options", "background"] as const) {
    const s = ext[kind]
    const files = s.files.map((f) => path.basename(f)).join(" + ")
    figures.push(
      {
        id: `bundles.${kind}.gzip`,
        label: `${labels[kind]}: gzip`,
        value: kb(s.gzip),
        unit: "KiB",
        reference: kb(floor.gzip),
        referenceLabel: "React + ReactDOM floor, gzip",
        ratio: s.gzip / floor.gzip,
        ...(kind === "content" ? { target: atMost(s.gzip / floor.gzip, 1.3, "× floor") } : {}),
        note: files,
      },
      {
        id: `bundles.${kind}.raw`,
        label: `${labels[kind]}: raw`,
        value: kb(s.raw),
        unit: "KiB",
        reference: kb(floor.raw),
        referenceLabel: "React + ReactDOM floor, raw",
        ratio: s.raw / floor.raw,
      },
    )
  }
  return figures
}
