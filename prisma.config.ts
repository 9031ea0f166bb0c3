// Prisma CLI configuration. No native engine can be downloaded here, so the CLI runs its wasm schema
// engine through @prisma/adapter-pg (engine: "js"). The application applies migrations itself
// (core/db/migrate.ts); the CLI is used for `prisma generate` and `prisma migrate diff`.
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

// The schema needs DATABASE_URL to exist, or the CLI falls back to downloading a query engine.
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres';

// adapter-pg cannot decode PostgreSQL catalog types (name, "char", regproc...) that the schema engine
// reads while introspecting (prisma/orm#27403). In this CLI process only, hand them over as text.
const CATALOG_TYPE_OIDS = new Set([18, 19, 24, 28, 29, 194, 2202, 2203, 2204, 2205, 2206, 3734, 3769, 4089, 4096]);
const Result = (pg as unknown as { Result: { prototype: { addFields(fields: { dataTypeID: number }[]): void } } }).Result;
const addFields = Result.prototype.addFields;
Result.prototype.addFields = function (fields) {
  for (const f of fields) if (CATALOG_TYPE_OIDS.has(f.dataTypeID)) f.dataTypeID = 25;
  return addFields.call(this, fields);
};

function adapterFor(url: string) {
  // Discrete fields: pg lets connectionString override `database`, which would turn a shadow database
  // into the real one.
  const u = new URL(url);
  return new PrismaPg({
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1) || 'postgres'),
  });
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => adapterFor(process.env.DATABASE_URL!),
});
