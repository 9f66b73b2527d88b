// drizzle-kit: `npm run db:generate -- --name <what_changed>` writes a new migration into server/db/migrations.
// Never `push`; never edit a migration that has been committed.
import { defineConfig } from "drizzle-kit"

export default defineConfig({
  dialect: "sqlite",
  schema: "./server/db/schema.ts",
  out: "./server/db/migrations",
  casing: "snake_case",
})
