import { defineConfig } from 'drizzle-kit';

// Migrations are generated from every module's schema.ts and committed; both engines apply the same files.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema.ts',
  out: './src/server/db/migrations',
});
