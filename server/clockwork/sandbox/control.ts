import { Hono, type Context } from "hono"
import * as z from "zod"
import { ApiError, notFound } from "./api-error"
import { FIRM_RE } from "../firm"
import { DEMO_FIRM, DEMO_SEED } from "./demo"
import { FaultsSchema, RateLimitSchema } from "./faults"
import { FirmSeedSchema } from "./seed"
import { candidacyJson, companyJson, isoDay } from "./serialize"
import type { FirmState } from "./state"
import type { SandboxStore } from "./store"
import type { SandboxEnv } from "./types"

/**
 * The sandbox's control API, mounted at `/_sandbox` (never under `/v3.0`). Unauthenticated: the
 * sandbox is a local test tool; bind it to loopback. Answers never contain firm credentials
 * except the seed answers, which echo what the caller sent.
 */
type Ctx = Context<SandboxEnv>

/** Parses a JSON body with a schema; 400/422 naming the field otherwise. */
async function json<S extends z.ZodType>(c: Ctx, schema: S): Promise<z.output<S>> {
  let body: unknown
  try {
    const text = await c.req.text()
    body = text.trim() ? JSON.parse(text) : {}
  } catch {
    throw new ApiError(400, "The request body must be JSON")
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, 10).map((i) => ({ field: i.path.map(String).join(".") || "(body)", message: i.message }))
    throw new ApiError(422, errors.map((e) => `${e.field}: ${e.message}`).join("; "), errors)
  }
  return parsed.data
}

/** Credential-free view of a firm's state. */
function redacted(s: FirmState): Omit<FirmState, "credentials"> & { credentials: { apiKeys: number } } {
  const { credentials, ...rest } = s
  return { ...structuredClone(rest), credentials: { apiKeys: credentials.apiKeys.length } }
}

/** Builds the control router over the store. */
export function controlRoutes(store: SandboxStore) {
  const firmOf = (name: string | undefined): FirmState => {
    if (!name || !FIRM_RE.test(name)) throw new ApiError(422, "firm: is required (a subdomain)", [{ field: "firm", message: "is required" }])
    const s = store.firm(name)
    if (!s) throw notFound("Firm", name)
    return s
  }
  const firmQuery = (c: Ctx) => firmOf(c.req.query("firm"))
  const firmBody = z.object({ firm: z.string() })

  const app = new Hono<SandboxEnv>()

  app.get("/health", (c) => c.json({ ok: true, firms: store.firmNames() }))

  app.get("/firms", (c) => c.json({ firms: store.firmNames().map((f) => ({ firm: f, people: Object.keys(store.firm(f)!.people).length })) }))

  app.post("/firms", async (c) => {
    const seed = await json(c, FirmSeedSchema)
    try {
      store.seedFirm(seed)
    } catch (err) {
      if (err instanceof ApiError) throw err
      throw new ApiError(422, `seed: ${err instanceof Error ? err.message : "invalid"}`)
    }
    return c.json({ firm: seed.firm, apiKey: seed.apiKey, apiSecret: seed.apiSecret, serviceKey: seed.serviceKey }, 201)
  })

  app.post("/demo", (c) => {
    store.seedFirm(DEMO_SEED)
    return c.json(DEMO_FIRM, 201)
  })

  app.delete("/firms/:firm", (c) => {
    if (!store.removeFirm(c.req.param("firm"))) throw notFound("Firm", c.req.param("firm"))
    return c.body(null, 204)
  })

  app.get("/state", (c) => c.json({ state: redacted(firmQuery(c)) }))

  app.post("/reset", async (c) => {
    const { firm } = await json(c, z.object({ firm: z.string().optional() }))
    if (firm !== undefined) firmOf(firm)
    store.reset(firm)
    return c.body(null, 204)
  })

  app.get("/ledger", (c) => {
    const firm = c.req.query("firm")
    if (firm !== undefined) firmOf(firm)
    const after = Number(c.req.query("after") ?? 0)
    return c.json({ entries: store.ledger(firm, Number.isFinite(after) ? after : 0) })
  })

  app.get("/faults", (c) => c.json({ faults: store.faultsOf(firmQuery(c).firm).config }))
  app.post("/faults", async (c) => {
    const body = await json(c, firmBody.and(FaultsSchema))
    const { firm, ...faults } = body
    return c.json({ faults: store.faultsOf(firmOf(firm).firm).set(faults) })
  })
  app.delete("/faults", (c) => {
    store.faultsOf(firmQuery(c).firm).set(null)
    return c.body(null, 204)
  })
  app.post("/rate_limit", async (c) => {
    const { firm, rateLimit } = await json(c, z.object({ firm: z.string(), rateLimit: RateLimitSchema.nullable() }))
    store.faultsOf(firmOf(firm).firm).setRateLimit(rateLimit)
    return c.json({ faults: store.faultsOf(firm).config })
  })

  app.get("/stats", (c) => c.json(store.faultsOf(firmQuery(c).firm).stats))

  app.post("/candidacies/:id/status", async (c) => {
    const { firm, statusId } = await json(c, z.object({ firm: z.string(), statusId: z.string().min(1) }))
    const rec = store.setCandidacyStatus(firmOf(firm), c.req.param("id"), statusId)
    return c.json({ candidacy: candidacyJson(rec) })
  })

  app.put("/companies/:id/do_not_contact", async (c) => {
    const body = await json(
      c,
      z.object({
        firm: z.string(),
        doNotContact: z.boolean(),
        reason: z.string().min(1).max(500).optional(),
        startDate: z.iso.date().nullable().optional(),
        endDate: z.iso.date().nullable().optional(),
      }),
    )
    const dnc = body.doNotContact ? { reason: body.reason ?? "Do Not Contact", startDate: body.startDate ?? null, endDate: body.endDate ?? null } : null
    const company = store.setCompanyDnc(firmOf(body.firm), c.req.param("id"), dnc)
    return c.json({ company: companyJson(company, isoDay(store.now())) })
  })

  app.get("/webhooks/deliveries", (c) => {
    const firm = c.req.query("firm")
    return c.json({ deliveries: store.webhooks.deliveries.filter((d) => firm === undefined || d.firm === firm) })
  })

  return app
}
