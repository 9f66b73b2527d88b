// Where the server's files are: the same from its sources (server/…) and from its bundle
// (build/server/index.mjs, `npm run build:server`), so data files are never looked up next to the
// module that reads them.
import { existsSync } from "node:fs"
import path from "node:path"

function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "server", "db", "migrations"))) return dir
    if (path.dirname(dir) === dir) throw new Error(`Cogsync's project folder was not found above ${from}`)
  }
}

/** The project folder: package.json, server/, extension/ … */
export const PROJECT_ROOT = projectRoot(import.meta.dirname)
/** The server's source folder, whose data files (migrations, demo pages) the server reads. */
export const SERVER_DIR = path.join(PROJECT_ROOT, "server")
