import { defineConfig } from 'prisma/config';

// Used only by the Prisma CLI when authoring migrations and generating the client.
// The running app never calls the CLI: it applies prisma/migrations itself (app/db/migrator.server.ts).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/integrity_compact_dev' },
});
