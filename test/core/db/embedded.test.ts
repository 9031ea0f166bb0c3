// The embedded database: a PGlite folder served over the wire protocol, sized for one organisation's data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase } from '../../../core/db/embedded.ts';

describe('the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-embedded-db-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('creates its folder, answers over the wire protocol with 16 MB of shared buffers (not the 128 MB initdb picks), and reopens what it wrote', async () => {
    const first = await startEmbeddedDatabase(dataDir);
    expect(first.created).toBe(true);
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    try {
      expect((await client.query('SHOW shared_buffers')).rows[0].shared_buffers).toBe('16MB');
      await client.query('CREATE TABLE kept (v text)');
      await client.query("INSERT INTO kept VALUES ('still here')");
    } finally {
      await client.end();
      await first.stop();
    }

    const again = await startEmbeddedDatabase(dataDir);
    expect(again.created).toBe(false);
    const reader = new pg.Client({ connectionString: again.url });
    await reader.connect();
    try {
      expect((await reader.query('SELECT v FROM kept')).rows).toEqual([{ v: 'still here' }]);
    } finally {
      await reader.end();
      await again.stop();
    }
  }, 120_000);
});
