import { defineConfig } from "prisma/config";

// The datasource URL is only needed by Prisma CLI commands that connect; our
// migrations are applied by lib/db/migrate.ts, so generate works without one.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
