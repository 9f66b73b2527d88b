// GET /openapi.json and GET /docs (public), both generated once from the route table.
import { Hono } from "hono"
import type { AppEnv } from "../http/context"
import type { AppContext } from "../deps"
import { buildOpenApi, renderDocsPage } from "../openapi"

export const docsRoutes = (app: AppContext) => {
  let doc: Record<string, unknown> | undefined
  let page: string | undefined
  const openApi = () => (doc ??= buildOpenApi(app.config.version))
  return new Hono<AppEnv>()
    .get("/openapi.json", (c) => c.json(openApi()))
    .get("/docs", (c) => c.html((page ??= renderDocsPage(openApi()))))
}
