import type { Context } from "hono"
import { Hono } from "hono"
import type * as z from "zod"
import { ApiError, invalid, notFound } from "./api-error"
import * as B from "./bodies"
import { camelizeKeys } from "./case"
import * as ops from "./ops"
import { attachmentJson, candidacyJson, companyJson, isoDay, noteJson, personJson, positionJson, sub } from "./serialize"
import type { FirmState } from "./state"
import type { SandboxStore, WriteResult } from "./store"
import type { SandboxEnv } from "./types"

/**
 * The Clockwork v3.0 REST API of one firm, mounted at `/v3.0/:firm`. Auth, rate limits and faults
 * run before these handlers (app.ts); `c.var.firmState` is the authenticated firm.
 * Lists answer under resource-named keys; single records under their camelCase resource name
 * (`{ "person": {…} }`, `{ "personEmailAddress": {…} }`). See docs/clockwork-sandbox.md.
 */
type Ctx = Context<SandboxEnv>

/** Reads the JSON body, normalises keys to camelCase, unwraps `wrapper` and validates it. */
async function readBody<S extends z.ZodType>(
  c: Ctx,
  wrappers: string[] | null,
  schema: S,
  label: string,
  opts: { bareAllowed?: boolean } = {},
): Promise<{ value: z.output<S>; raw: unknown }> {
  let json: unknown
  try {
    json = JSON.parse(await c.req.text())
  } catch {
    throw new ApiError(400, "The request body must be JSON")
  }
  const body = camelizeKeys(json)
  let inner: unknown = body
  if (wrappers) {
    const obj = body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
    const key = wrappers.find((w) => obj[w] !== undefined)
    inner = key === undefined ? (opts.bareAllowed ? body : undefined) : obj[key]
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) throw invalid(label, `is required: send {"${label}": {…}}`)
  }
  const parsed = schema.safeParse(inner)
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, 10).map((i) => {
      const keys = i.code === "unrecognized_keys" ? `.${i.keys.join(",")}` : ""
      return { field: [label, ...i.path.map(String)].filter(Boolean).join(".") + keys, message: i.message }
    })
    throw new ApiError(422, errors.map((e) => `${e.field}: ${e.message}`).join("; "), errors)
  }
  return { value: parsed.data, raw: body }
}

/** Parses limit/offset/page (default 25 per page, at most 100) into a slice. */
function paging(c: Ctx): { offset: number; limit: number; page: number } {
  const q = B.PageQuery.safeParse(c.req.query())
  if (!q.success) throw invalid(String(q.error.issues[0]?.path[0] ?? "limit"), "must be a non-negative integer")
  const limit = Math.min(q.data.limit ?? 25, 100)
  const offset = q.data.offset ?? ((q.data.page ?? 1) - 1) * limit
  return { offset, limit, page: Math.floor(offset / limit) + 1 }
}

/** Path under `/v3.0/{firm}`. */
function relPath(c: Ctx): string {
  const firm = c.req.param("firm") ?? ""
  return c.req.path.slice(`/v3.0/${firm}`.length) || "/"
}

/** Builds the v3.0 router over the store. */
export function apiRoutes(store: SandboxStore) {
  const day = () => isoDay(store.now())
  const fs = (c: Ctx): FirmState => c.var.firmState

  /** Runs an accepted write through the store (ledger + persistence). */
  const write = <T>(c: Ctx, kind: string, body: unknown, fn: (s: FirmState, ctx: ops.OpContext) => WriteResult<T>): T =>
    store.write(fs(c), { method: c.req.method, path: relPath(c), kind, body }, fn)

  const person = (c: Ctx) => ops.getPerson(fs(c), c.req.param("id") ?? "")

  /** One sub-resource create: parse the body, apply `op`, answer 201 under `key`. */
  const addSub = <S extends z.ZodType, R extends { id: string }>(
    kind: string,
    wrappers: string[],
    label: string,
    schema: S,
    op: (s: FirmState, ctx: ops.OpContext, personId: string, body: z.output<S>) => R,
    key: string,
    render: (s: FirmState, rec: R) => unknown,
  ) =>
    async (c: Ctx) => {
      const personId = person(c).id
      const { value, raw } = await readBody(c, wrappers, schema, label)
      const rec = write(c, kind, raw, (s, ctx) => {
        const r = op(s, ctx, personId, value)
        return { value: r, resourceId: r.id, personId }
      })
      return c.json({ [key]: render(fs(c), rec) }, 201)
    }

  const app = new Hono<SandboxEnv>()

  // ---- People -------------------------------------------------------------------------------
  app.get("/people", (c) => {
    const { offset, limit } = paging(c)
    const people = Object.values(fs(c).people).slice(offset, offset + limit)
    return c.json({ people: people.map((p) => personJson(fs(c), p, day())) })
  })

  app.get("/people_search", (c) => {
    const { offset, limit, page } = paging(c)
    const q = c.req.query("q") ?? ""
    const hits = Object.values(fs(c).people).filter((p) => ops.matchesQuery(p, q))
    return c.json({ peopleSearch: hits.slice(offset, offset + limit).map((p) => personJson(fs(c), p, day())), meta: { total: hits.length, page } })
  })

  app.get("/people/:id", (c) => c.json({ person: personJson(fs(c), person(c), day()) }))

  app.post("/people", async (c) => {
    const { value, raw } = await readBody(c, ["person"], B.PersonCreateBody, "person")
    const p = write(c, "person.create", raw, (s, ctx) => {
      const rec = ops.createPerson(s, ctx, value)
      return { value: rec, resourceId: rec.id, personId: rec.id }
    })
    return c.json({ person: personJson(fs(c), p, day()) }, 201)
  })

  const update = async (c: Ctx) => {
    const id = person(c).id
    const { value, raw } = await readBody(c, ["person"], B.PersonUpdateBody, "person")
    const p = write(c, "person.update", raw, (s, ctx) => ({ value: ops.updatePerson(s, ctx, id, value), resourceId: id, personId: id }))
    return c.json({ person: personJson(fs(c), p, day()) })
  }
  app.patch("/people/:id", update)
  app.put("/people/:id", update)

  app.post("/people/:id/email_addresses", addSub("email.create", ["email", "emailAddress"], "email", B.EmailBody, ops.addEmail, "personEmailAddress", (_s, r) => sub.email(r)))
  app.post("/people/:id/phone_numbers", addSub("phone.create", ["phoneNumber"], "phone_number", B.PhoneBody, ops.addPhone, "personPhoneNumber", (_s, r) => sub.phone(r)))
  app.post("/people/:id/addresses", addSub("address.create", ["address"], "address", B.AddressBody, ops.addAddress, "personAddress", (s, r) => sub.address(s, r)))
  app.post("/people/:id/linkedin_urls", addSub("linkedin_url.create", ["linkedinUrl"], "linkedin_url", B.LinkedinUrlBody, ops.addLinkedinUrl, "personLinkedinUrl", (_s, r) => sub.linkedinUrl(r)))
  app.post("/people/:id/web_sites", addSub("web_site.create", ["webSite"], "web_site", B.WebSiteBody, ops.addWebSite, "personWebSite", (_s, r) => sub.webSite(r)))
  app.post("/people/:id/positions", addSub("position.create", ["position"], "position", B.PositionBody, ops.addPosition, "position", positionJson))
  app.post("/people/:id/education", addSub("education.create", ["education"], "education", B.EducationBody, ops.addEducation, "personEducation", (_s, r) => sub.education(r)))
  app.post("/people/:id/attachments", addSub("attachment.create", ["attachment"], "attachment", B.AttachmentBody, ops.addAttachment, "attachment", (_s, r) => attachmentJson(r)))
  app.post("/people/:id/notes", addSub("note.create", ["note"], "note", B.NoteBody, ops.createNote, "note", noteJson))

  app.get("/people/:id/positions", (c) => c.json({ personPositions: person(c).positions.map((x) => positionJson(fs(c), x)) }))
  app.get("/people/:id/education", (c) => c.json({ personEducations: person(c).education.map(sub.education) }))
  app.get("/people/:id/attachments", (c) => c.json({ attachments: person(c).attachments.map(attachmentJson) }))
  app.get("/people/:id/notes", (c) => {
    const id = person(c).id
    const { offset, limit } = paging(c)
    const notes = Object.values(fs(c).notes)
      .filter((n) => n.personId === id)
      .reverse()
    return c.json({ notes: notes.slice(offset, offset + limit).map((n) => noteJson(fs(c), n)) })
  })

  app.delete("/people/:id/positions/:positionId", (c) => {
    const id = person(c).id
    const positionId = c.req.param("positionId")
    write(c, "position.delete", null, (s, ctx) => ({ value: ops.deletePosition(s, ctx, id, positionId), resourceId: positionId, personId: id }))
    return c.body(null, 204)
  })

  app.delete("/people/:id/education/:educationId", (c) => {
    const id = person(c).id
    const educationId = c.req.param("educationId")
    write(c, "education.delete", null, (s, ctx) => ({ value: ops.deleteEducation(s, ctx, id, educationId), resourceId: educationId, personId: id }))
    return c.body(null, 204)
  })

  app.post("/people/:id/tags", async (c) => {
    const id = person(c).id
    const { value, raw } = await readBody(c, ["personTag"], B.PersonTagBody, "person_tag")
    const { rec, created } = write(c, "tag.add", raw, (s, ctx) => {
      const r = ops.addTag(s, ctx, id, value.tagId)
      return { value: r, resourceId: r.rec.id, personId: id, changed: r.created }
    })
    return c.json({ personTag: sub.tag(fs(c), rec) }, created ? 201 : 200)
  })

  app.delete("/people/:id/tags/:tagId", (c) => {
    const id = person(c).id
    const tagId = c.req.param("tagId")
    write(c, "tag.remove", null, (s, ctx) => ({ value: ops.removeTag(s, ctx, id, tagId), resourceId: tagId, personId: id }))
    return c.body(null, 204)
  })

  app.get("/notes/:noteId", (c) => {
    const note = fs(c).notes[c.req.param("noteId")]
    if (!note) throw notFound("Note", c.req.param("noteId"))
    return c.json({ note: noteJson(fs(c), note) })
  })

  // ---- Firm metadata ------------------------------------------------------------------------
  const listed = <T>(c: Ctx, key: string, items: T[], render: (x: T) => unknown = (x) => x) => {
    const { offset, limit } = paging(c)
    return c.json({ [key]: items.slice(offset, offset + limit).map(render) })
  }
  app.get("/tags", (c) => listed(c, "tags", Object.values(fs(c).tags)))
  app.post("/tags", async (c) => {
    const { value, raw } = await readBody(c, ["tag"], B.TagBody, "tag")
    const { tag, created } = write(c, "tag.create", raw, (s, ctx) => {
      const r = ops.ensureTag(s, ctx, value.name)
      return { value: r, resourceId: r.tag.id, changed: r.created }
    })
    return c.json({ tag }, created ? 201 : 200)
  })
  app.get("/regions", (c) => listed(c, "regions", Object.values(fs(c).regions)))
  app.get("/companies", (c) => listed(c, "companies", Object.values(fs(c).companies), (co) => companyJson(co, day())))
  app.get("/statuses", (c) => c.json({ statuses: fs(c).statuses }))
  app.get("/note_types", (c) => c.json({ noteTypes: Object.values(fs(c).noteTypes) }))
  app.get("/custom_fields", (c) => c.json({ customFields: Object.values(fs(c).customFields).map((f) => ({ ...f, entity: "person" })) }))

  // ---- Projects and candidacies -------------------------------------------------------------
  const projectOf = (c: Ctx) => {
    const project = fs(c).projects[c.req.param("projectId") ?? ""]
    if (!project) throw notFound("Project", c.req.param("projectId") ?? "")
    return project
  }
  app.get("/projects", (c) => listed(c, "projects", Object.values(fs(c).projects)))
  app.get("/projects/:projectId", (c) => c.json({ project: projectOf(c) }))
  app.get("/projects/:projectId/candidacies", (c) => {
    const project = projectOf(c)
    const withPerson = (c.req.query("include") ?? "").split(",").includes("person")
    const items = Object.values(fs(c).candidacies).filter((x) => x.projectId === project.id)
    return listed(c, "candidacies", items, (x) => {
      const p = fs(c).people[x.personId]
      return withPerson && p ? { ...candidacyJson(x), person: personJson(fs(c), p, day()) } : candidacyJson(x)
    })
  })
  app.post("/projects/:projectId/candidacies", async (c) => {
    const project = projectOf(c)
    const { value, raw } = await readBody(c, ["candidacy"], B.CandidacyCreateBody, "candidacy")
    const rec = write(c, "candidacy.create", raw, (s, ctx) => {
      const r = ops.addCandidacy(s, ctx, project.id, value)
      return { value: r, resourceId: r.id, personId: r.personId }
    })
    store.webhooks.candidacyUpdated(fs(c).firm, Object.values(fs(c).webhooks), rec)
    return c.json({ candidacy: candidacyJson(rec) }, 201)
  })
  const updateCandidacy = async (c: Ctx) => {
    const project = projectOf(c)
    const id = c.req.param("candidacyId") ?? ""
    const { value, raw } = await readBody(c, ["candidacy"], B.CandidacyUpdateBody, "candidacy")
    const before = fs(c).candidacies[id]?.statusId
    const rec = write(c, "candidacy.update", raw, (s, ctx) => {
      const r = ops.updateCandidacy(s, ctx, project.id, id, value)
      return { value: r, resourceId: r.id, personId: r.personId }
    })
    if (rec.statusId !== before) store.webhooks.candidacyUpdated(fs(c).firm, Object.values(fs(c).webhooks), rec)
    return c.json({ candidacy: candidacyJson(rec) })
  }
  app.patch("/projects/:projectId/candidacies/:candidacyId", updateCandidacy)
  app.put("/projects/:projectId/candidacies/:candidacyId", updateCandidacy)

  // ---- Webhooks -----------------------------------------------------------------------------
  app.get("/webhooks", (c) => c.json({ webhooks: Object.values(fs(c).webhooks) }))
  app.post("/webhooks", async (c) => {
    // NOTE: Pipedream sends `{hook_url}` bare; `{webhook:{hook_url}}` is accepted too.
    const { value, raw } = await readBody(c, ["webhook"], B.WebhookBody, "webhook", { bareAllowed: true })
    const hook = write(c, "webhook.create", raw, (s, ctx) => {
      const r = ops.createWebhook(s, ctx, value.hookUrl)
      return { value: r, resourceId: r.id }
    })
    return c.json(hook, 201)
  })
  app.delete("/webhooks/:webhookId", (c) => {
    const id = c.req.param("webhookId")
    write(c, "webhook.delete", null, (s, ctx) => ({ value: ops.deleteWebhook(s, ctx, id), resourceId: id }))
    return c.body(null, 204)
  })

  app.notFound((c) => c.json({ message: "Not found" }, 404))
  return app
}
