// Fails when prisma/schema.prisma and prisma/migrations disagree. `migrate diff --from-url` and
// `--from-schema-datasource` are refused when prisma.config.ts defines an adapter, so the check replays
// the migrations into a shadow database (`--from-migrations`) through test/prisma/prisma.drift.config.ts.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TEST_SERVER_URL } from '../support/db.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

async function diffExitCode(schemaPath: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(
      'npx',
      [
        'prisma',
        'migrate',
        'diff',
        '--config',
        'test/prisma/prisma.drift.config.ts',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema-datamodel',
        schemaPath,
        '--exit-code',
      ],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: TEST_SERVER_URL }, timeout: 120_000 },
    );
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('prisma migrations', () => {
  it('produce exactly the database schema.prisma describes', async () => {
    const { code, out } = await diffExitCode('prisma/schema.prisma');
    expect(out).toContain('No difference detected');
    expect(code).toBe(0);
  }, 180_000);

  it('are reported as drifted when the schema gains an index they lack', async () => {
    const schema = fs
      .readFileSync(path.join(ROOT, 'prisma/schema.prisma'), 'utf8')
      .replace('  @@index([companyDomain])', '  @@index([companyDomain])\n  @@index([linkedinUrl])');
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-drift-')), 'schema.prisma');
    fs.writeFileSync(tmp, schema);
    try {
      const { code, out } = await diffExitCode(tmp);
      expect(out).toMatch(/Added index on columns \(linkedinUrl\)/);
      expect(code).toBe(2);
    } finally {
      fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
    }
  }, 180_000);
});
