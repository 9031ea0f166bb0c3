// The embedded default: PGlite (PostgreSQL compiled to wasm) in a local folder, served over the
// PostgreSQL wire protocol on 127.0.0.1 so the app uses the same pg driver, adapter and SQL as with
// a real server.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { AppError } from '../errors.ts';

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  /** True when the folder held no database before this start. */
  created: boolean;
  stop(): Promise<void>;
}

// initdb sizes shared_buffers for a server (128 MB), and PGlite touches all of it at start: that alone was
// about half of a one-shot `salesos ask`'s peak memory. The embedded database holds one organisation's demo or
// trial data (a few MB), so 16 MB keeps every page of it cached and the process ~115 MB smaller.
export const EMBEDDED_SETTINGS = ['-c', 'shared_buffers=16MB'];

export async function startEmbeddedDatabase(dataDir: string, opts: { maxConnections?: number } = {}): Promise<EmbeddedDatabase> {
  const dir = path.join(dataDir, 'pgdata');
  const created = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  fs.mkdirSync(dir, { recursive: true });
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir: dir, extensions: { pg_trgm }, startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS] });
  } catch (cause) {
    throw new AppError(
      'dependency_down',
      `The embedded database in ${dir} could not be opened. Is another SalesOS process using it? ` + 'Stop it, or set DATABASE_URL to use a PostgreSQL server.',
      { cause },
    );
  }
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: opts.maxConnections ?? 20 });
  await server.start();
  const conn = server.getServerConn(); // "127.0.0.1:PORT"
  return {
    url: `postgresql://postgres@${conn}/postgres?sslmode=disable`,
    dataDir: dir,
    created,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
