// Prisma CLI config for the drift check only (test/prisma/migrations-in-sync.test.ts). It extends the
// project's prisma.config.ts with two fixes `migrate diff --from-migrations` needs with the wasm engine:
// - oid columns (type 26) must arrive as integers: relabelled as text the engine panics ("unreachable")
//   while reading foreign keys;
// - adapter-pg drops the shadow database before closing its pool ("being accessed by other users"),
//   so the drop is forced.
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres';

const CATALOG_TYPE_OIDS = new Set([18, 19, 24, 28, 29, 194, 2202, 2203, 2204, 2205, 2206, 3734, 3769, 4089, 4096]);
const Result = (pg as unknown as { Result: { prototype: { addFields(fields: { dataTypeID: number }[]): void } } }).Result;
const addFields = Result.prototype.addFields;
Result.prototype.addFields = function (fields) {
  for (const f of fields) {
    if (f.dataTypeID === 26) f.dataTypeID = 20;
    else if (CATALOG_TYPE_OIDS.has(f.dataTypeID)) f.dataTypeID = 25;
  }
  return addFields.call(this, fields);
};

// The forced drop ends the shadow pool's idle connections; without a listener their 'error' would crash.
const poolProto = pg.Pool.prototype as unknown as { emit(ev: string | symbol, ...a: unknown[]): boolean; listenerCount(ev: string): number };
const emit = poolProto.emit;
poolProto.emit = function (ev, ...a) {
  if (ev === 'error' && this.listenerCount('error') === 0) return false;
  return emit.call(this, ev, ...a);
};

type Conn = { executeScript(sql: string): Promise<void> };

function adapterFor(url: string) {
  const u = new URL(url);
  const factory = new PrismaPg({
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1) || 'postgres'),
  });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const conn = (await connect()) as Awaited<ReturnType<typeof connect>> & Conn;
    const run = conn.executeScript.bind(conn);
    conn.executeScript = (sql: string) => run(sql.replace(/^DROP DATABASE ("[^"]+")$/, 'DROP DATABASE IF EXISTS $1 WITH (FORCE)'));
    return conn;
  };
  return factory;
}

export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => adapterFor(process.env.DATABASE_URL!),
});
