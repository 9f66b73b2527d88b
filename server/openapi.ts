// The OpenAPI 3.1 document and the HTML API page, generated from the route table (server/routes/table.ts)
// and the shared zod schemas with z.toJSONSchema. Request bodies are described as the server reads
// them (zod input, components suffixed `Input`), responses as it writes them (zod output).
import * as z from "zod"
import * as shared from "@shared/index"
import { ROUTE_LIST, type RouteEntry } from "./routes/table"

type Json = Record<string, unknown>

/** Every exported shared schema by name (`CampaignSchema` → `Campaign`); the first name of a schema wins. */
function sharedSchemaNames(): Map<z.ZodType, string> {
  const names = new Map<z.ZodType, string>()
  for (const [exportName, value] of Object.entries(shared)) {
    if (exportName.endsWith("Schema") && value instanceof z.ZodType && !names.has(value)) names.set(value, exportName.slice(0, -"Schema".length))
  }
  return names
}

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid input: `error.field` names the first offending field, `error.issues` lists all",
  401: "Missing, malformed or revoked token",
  403: "Signed in, but not allowed (admin only)",
  404: "Not found in your team",
  409: "Conflict with the current state",
  413: "Body larger than 1 MB",
  415: "Body is not application/json",
  422: "Refused: locked by your admin, not a displayed field, or rejected by Clockwork",
  429: "Clockwork asked us to slow down; retry after Retry-After seconds",
  500: "Server error (no internals are disclosed)",
  502: "Clockwork could not be reached or answered unexpectedly",
}

function errorStatuses(route: RouteEntry): number[] {
  const statuses = new Set<number>([...(route.errors ?? []), 500])
  if (route.access !== "public") statuses.add(401)
  if (route.access === "admin") statuses.add(403)
  if (route.params || route.query || route.body) statuses.add(400)
  if (route.body) {
    statuses.add(413)
    statuses.add(415)
  }
  return [...statuses].sort((a, b) => a - b)
}

function strip(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema
  return rest
}

function collectRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, into))
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") into.add(v.slice(v.lastIndexOf("/") + 1))
      else collectRefs(v, into)
    }
  }
}

/** Generates component schemas for one direction and returns a function that names or inlines a schema. */
function componentBuilder(io: "input" | "output", names: Map<z.ZodType, string>) {
  const suffix = io === "input" ? "Input" : ""
  const registry = z.registry<{ id: string }>()
  for (const [schema, name] of names) registry.add(schema, { id: name })
  const all = z.toJSONSchema(registry, { io, unrepresentable: "any", uri: (id) => `#/components/schemas/${id}${suffix}` }).schemas as Record<string, Json>
  const used = new Set<string>()
  const use = (name: string) => {
    if (used.has(name)) return
    used.add(name)
    const refs = new Set<string>()
    collectRefs(all[name], refs)
    for (const ref of refs) use(ref.slice(0, ref.length - suffix.length))
  }
  return {
    ref(schema: z.ZodType): Json {
      const name = names.get(schema)
      if (name && all[name]) {
        use(name)
        return { $ref: `#/components/schemas/${name}${suffix}` }
      }
      return strip(z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json)
    },
    components(): Record<string, Json> {
      return Object.fromEntries([...used].sort().map((name) => [`${name}${suffix}`, strip(all[name]!)]))
    },
  }
}

/** Path and query parameters of a route, one per property of its params/query object. */
function parameters(schema: z.ZodType | undefined, where: "path" | "query"): Json[] {
  if (!schema) return []
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json
  const props = (json.properties ?? {}) as Record<string, Json>
  const required = new Set((json.required as string[] | undefined) ?? [])
  return Object.entries(props).map(([name, s]) => ({ name, in: where, required: where === "path" || required.has(name), schema: s }))
}

const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, "{$1}")

export function buildOpenApi(version: string): Json {
  const names = sharedSchemaNames()
  const input = componentBuilder("input", names)
  const output = componentBuilder("output", names)
  const errorRef = output.ref(shared.ApiErrorSchema)
  const paths: Record<string, Record<string, Json>> = {}
  for (const route of ROUTE_LIST) {
    const responses: Record<string, Json> = {}
    const contentType = route.contentType ?? "application/json"
    responses[String(route.status)] = route.response
      ? { description: "Success", content: { [contentType]: { schema: output.ref(route.response) } } }
      : { description: "Success (no body)" }
    for (const status of errorStatuses(route)) {
      responses[String(status)] = { description: ERROR_TEXT[status] ?? "Error", content: { "application/json": { schema: errorRef } } }
    }
    const op: Json = {
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ""))}`,
      tags: [route.tag],
      summary: route.summary,
      ...(route.notes ? { description: route.notes } : {}),
      "x-access": route.access,
      security: route.access === "public" ? [] : [{ bearerAuth: [] }],
      parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
      ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: input.ref(route.body) } } } } : {}),
      responses,
    }
    ;(paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = op
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Cogsync server API",
      version,
      description:
        "Team settings, encrypted Clockwork credentials, campaigns, overrides and sync decisions. Every route except /health, /openapi.json and /docs needs `Authorization: Bearer cgs_…`. `x-access` says who may call a route: public, user (any team member) or admin.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "A personal Cogsync token: cgs_ + 43 url-safe base64 characters" } },
      schemas: { ...output.components(), ...input.components() },
    },
    paths,
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

function schemaLabel(schema: Json | undefined): string {
  if (!schema) return "—"
  const ref = typeof schema.$ref === "string" ? schema.$ref.slice(schema.$ref.lastIndexOf("/") + 1) : undefined
  return ref ? `<a href="#schema-${escapeHtml(ref)}"><code>${escapeHtml(ref)}</code></a>` : `<code>${escapeHtml(String(schema.type ?? "inline"))}</code>`
}

/** The readable API page: every route grouped by resource, then every schema. Self-contained (no CDN). */
export function renderDocsPage(doc: Json): string {
  const info = doc.info as { title: string; version: string; description: string }
  const paths = doc.paths as Record<string, Record<string, Json>>
  const schemas = (doc.components as { schemas: Record<string, Json> }).schemas
  const byTag = new Map<string, string[]>()
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const responses = op.responses as Record<string, Json>
      const [okStatus, ok] = Object.entries(responses)[0]!
      const okSchema = (ok.content as Record<string, { schema: Json }> | undefined)?.["application/json"]?.schema
      const body = (op.requestBody as { content: Record<string, { schema: Json }> } | undefined)?.content["application/json"]?.schema
      const params = (op.parameters as { name: string; in: string; required: boolean }[])
        .map((p) => `<code>${escapeHtml(p.name)}</code> <small>(${p.in}${p.required ? ", required" : ""})</small>`)
        .join(", ")
      const errors = Object.keys(responses).slice(1).join(", ")
      const html = `<tr>
  <td><span class="m m-${method}">${method.toUpperCase()}</span></td>
  <td><code>${escapeHtml(path)}</code></td>
  <td><span class="a a-${op["x-access"] as string}">${op["x-access"] as string}</span></td>
  <td>${escapeHtml(op.summary as string)}${op.description ? `<br><small>${escapeHtml(op.description as string)}</small>` : ""}${params ? `<br><small>Parameters: ${params}</small>` : ""}</td>
  <td>${schemaLabel(body)}</td>
  <td>${okStatus} ${schemaLabel(okSchema)}<br><small>errors: ${errors}</small></td>
</tr>`
      const tag = (op.tags as string[])[0] ?? "Other"
      byTag.set(tag, [...(byTag.get(tag) ?? []), html])
    }
  }
  const sections = [...byTag]
    .map(
      ([tag, rows]) => `<section><h2>${escapeHtml(tag)}</h2>
<table><thead><tr><th>Method</th><th>Path</th><th>Access</th><th>What it does</th><th>Request body</th><th>Response</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></section>`,
    )
    .join("\n")
  const schemaList = Object.entries(schemas)
    .map(
      ([name, s]) =>
        `<details id="schema-${escapeHtml(name)}"><summary><code>${escapeHtml(name)}</code></summary><pre>${escapeHtml(JSON.stringify(s, null, 2))}</pre></details>`,
    )
    .join("\n")
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2430}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border-bottom:1px solid #dde2ea;padding:.45rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f8;font-weight:600}code{font-family:ui-monospace,monospace;font-size:.92em}small{color:#555f6d}
.m{font:600 .8em ui-monospace,monospace;padding:.1rem .4rem;border-radius:4px;color:#fff}.m-get{background:#2f6f3e}.m-post{background:#1f5fa8}.m-put{background:#8a5a00}.m-patch{background:#6b4fa0}.m-delete{background:#a32c2c}
.a{font-size:.8em;padding:.05rem .4rem;border-radius:4px;border:1px solid #b8c0cc}.a-admin{border-color:#a32c2c;color:#a32c2c}.a-public{color:#2f6f3e;border-color:#2f6f3e}
pre{background:#f6f8fa;padding:.75rem;overflow:auto;font-size:.85em}details{margin:.25rem 0}
</style></head>
<body>
<h1>${escapeHtml(info.title)} <small>v${escapeHtml(info.version)}</small></h1>
<p>${escapeHtml(info.description)}</p>
<p>Errors always have the body <code>{"error":{"code","message","field?","issues?"}}</code>. The machine-readable document is at <a href="/openapi.json"><code>/openapi.json</code></a>.</p>
${sections}
<section><h2>Schemas</h2>${schemaList}</section>
</body></html>`
}
