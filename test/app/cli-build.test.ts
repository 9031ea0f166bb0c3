// `salesos` runs the compiled dist/ when it was built from the sources as they are, and the sources (through
// tsx) when there is no build or a source changed since: never stale JavaScript. Exercised on a copy of the
// package, so the working tree's own dist/ is left alone.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBuildCurrent } from '../../bin/build-stamp.js';
import { ROOT } from '../support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { tracedRun } from '../support/traced-cli.ts';

let copy: string;
let db: TestDatabase;
const bin = () => path.join(copy, 'bin', 'salesos.js');
const build = () => execFileSync(process.execPath, [path.join(copy, 'scripts', 'build.mjs')], { encoding: 'utf8' });
// What the process really resolved (tracedRun's `resolved`, not the bundle's expanded inputs).
const ranFrom = (resolved: string[]) => ({
  dist: resolved.includes(`file://${copy}/dist/cli/cli.js`),
  sources: resolved.includes(`file://${copy}/app/cli.ts`),
});

beforeAll(async () => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-build-'));
  for (const entry of ['package.json', 'bin', 'scripts', 'app', 'bots', 'assistant', 'tools', 'core', 'prisma'])
    fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  fs.rmSync(path.join(copy, 'dist'), { recursive: true, force: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  db = await createTestDatabase();
});

afterAll(async () => {
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
  await db?.drop();
});

describe('the build and its fallback', () => {
  it('runs the sources without a build, dist/ once built, the sources again after an edit, dist/ after a rebuild', () => {
    expect(isBuildCurrent(copy)).toBe(false);
    let r = tracedRun(['--help'], {}, bin());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: salesos <command> [options]');
    expect(ranFrom(r.resolved)).toEqual({ dist: false, sources: true });

    expect(build()).toMatch(/compiled \d+ files/);
    expect(isBuildCurrent(copy)).toBe(true);
    r = tracedRun(['--help'], {}, bin());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: salesos <command> [options]');
    expect(ranFrom(r.resolved)).toEqual({ dist: true, sources: false });
    // No transpiler on the compiled path.
    expect(r.modules.some((m) => /\/node_modules\/(tsx|esbuild)\//.test(m))).toBe(false);

    // A developer edits a command's summary and runs salesos without rebuilding: the edit shows.
    const completion = path.join(copy, 'app', 'commands', 'completion.ts');
    fs.writeFileSync(completion, fs.readFileSync(completion, 'utf8').replace("summary: 'Print shell completion", "summary: 'Prints shell completion"));
    expect(isBuildCurrent(copy)).toBe(false);
    r = tracedRun(['--help'], {}, bin());
    expect(r.stdout).toContain('Prints shell completion');
    expect(ranFrom(r.resolved)).toEqual({ dist: false, sources: true });

    build();
    r = tracedRun(['--help'], {}, bin());
    expect(r.stdout).toContain('Prints shell completion');
    expect(ranFrom(r.resolved)).toEqual({ dist: true, sources: false });
  });

  it('a new or deleted source file makes the build stale', () => {
    build();
    expect(isBuildCurrent(copy)).toBe(true);
    const extra = path.join(copy, 'core', 'extra-module.ts');
    fs.writeFileSync(extra, 'export const extra = 1;\n');
    expect(isBuildCurrent(copy)).toBe(false);
    fs.rmSync(extra);
    expect(isBuildCurrent(copy)).toBe(true);
    fs.renameSync(path.join(copy, 'core', 'redact.ts'), path.join(copy, 'core', 'redact.ts.bak'));
    expect(isBuildCurrent(copy)).toBe(false);
    fs.renameSync(path.join(copy, 'core', 'redact.ts.bak'), path.join(copy, 'core', 'redact.ts'));
    expect(isBuildCurrent(copy)).toBe(true);
  });

  it('runs the CLI bundle: zod and the AI SDK inside it, the generated Prisma client and pg from their own files', () => {
    build();
    expect(fs.existsSync(path.join(copy, 'dist', 'cli', 'cli.js'))).toBe(true);
    expect(tracedRun(['seed', '--leads', '20'], { DATABASE_URL: db.url }, bin()).code).toBe(0);
    const r = tracedRun(['ask', 'find leads in fintech'], { DATABASE_URL: db.url }, bin());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/leads?/);
    expect(ranFrom(r.resolved)).toEqual({ dist: true, sources: false });
    // Bundled: resolved as no file of their own, but held by a bundle file the command loaded.
    for (const pkg of [/\/node_modules\/zod\//, /\/node_modules\/ai\//, /\/app\/commands\/ask\.ts$/]) {
      expect(
        r.resolved.some((m) => pkg.test(m)),
        String(pkg),
      ).toBe(false);
      expect(
        r.modules.some((m) => pkg.test(m)),
        String(pkg),
      ).toBe(true);
    }
    // Left to Node: the per-file build of the generated client (it finds its files next to itself), pg.
    expect(r.resolved).toContain(`file://${copy}/dist/core/db/generated/client.js`);
    expect(r.resolved.some((m) => /\/node_modules\/pg\//.test(m))).toBe(true);
    // Nothing else of the per-file build.
    expect(r.resolved.filter((m) => m.startsWith(`file://${copy}/dist/`) && !/\/dist\/(cli|core\/db\/generated)\//.test(m))).toEqual([]);
  });

  it('a build without its bundle is not current: the sources run', () => {
    build();
    fs.rmSync(path.join(copy, 'dist', 'cli'), { recursive: true });
    expect(isBuildCurrent(copy)).toBe(false);
    const r = tracedRun(['--help'], {}, bin());
    expect(r.code).toBe(0);
    expect(ranFrom(r.resolved)).toEqual({ dist: false, sources: true });
  });

  it('the compiled CLI finds the package’s files: its version, the migrations, the Teams manifest', async () => {
    build();
    const { SALESOS_VERSION } = (await import(path.join(copy, 'dist', 'core', 'version.js'))) as { SALESOS_VERSION: string };
    expect(SALESOS_VERSION).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    const status = tracedRun(['migrate', '--status'], { DATABASE_URL: db.url }, bin());
    expect(status.stderr).toBe('');
    const migrations = fs
      .readdirSync(path.join(copy, 'prisma', 'migrations'))
      .filter((d) => fs.existsSync(path.join(copy, 'prisma', 'migrations', d, 'migration.sql')));
    expect(status.stdout).toBe(`${migrations.length} migrations: ${migrations.length} applied, 0 pending\n`);
    expect(ranFrom(status.resolved).dist).toBe(true);

    const out = path.join(copy, 'teams.zip');
    const teams = tracedRun(['teams', 'package', '--app-id', '00000000-0000-4000-8000-000000000001', '--out', out], {}, bin());
    expect(teams.code, teams.stderr).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
    expect(ranFrom(teams.resolved).dist).toBe(true);
  });
});
