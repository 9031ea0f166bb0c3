// The layer rules of README "Architecture", checked on every import instead of remembered: app → bots →
// tools → core, one platform never imports another, only core/db touches Prisma, and each platform SDK
// stays inside its own bot folder (botbuilder inside bots/teams/adapter.ts alone).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.ts';

const RANK: Record<string, number> = { core: 1, tools: 2, bots: 3, app: 4 };

interface Import {
  file: string;
  spec: string;
  /** Repo-relative path of a relative import's target; undefined for a package. */
  target?: string;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated' && entry.name !== 'node_modules') sources(p, out);
    } else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

const imports: Import[] = Object.keys(RANK).flatMap((layer) =>
  sources(path.join(ROOT, layer)).flatMap((abs) => {
    const file = path.relative(ROOT, abs);
    const src = fs.readFileSync(abs, 'utf8');
    return [...src.matchAll(IMPORT)].map((m) => {
      const spec = (m[1] ?? m[2] ?? m[3])!;
      return { file, spec, target: spec.startsWith('.') ? path.relative(ROOT, path.resolve(path.dirname(abs), spec)) : undefined };
    });
  }),
);

const layerOf = (p: string) => p.split('/')[0]!;
const platformOf = (p: string) => (p.startsWith('bots/') ? p.split('/')[1] : undefined);
const show = (list: Import[]) => list.map((i) => `${i.file} -> ${i.target ?? i.spec}`);

describe('layers', () => {
  it('reads the imports of every source file', () => {
    expect(imports.length).toBeGreaterThan(500);
    expect(imports.some((i) => i.file.startsWith('bots/slack/') && i.spec.startsWith('@slack/'))).toBe(true);
  });

  it('imports only point down: app → bots → tools → core', () => {
    const up = imports.filter((i) => i.target && RANK[layerOf(i.target)] !== undefined && RANK[layerOf(i.target)]! > RANK[layerOf(i.file)]!);
    expect(show(up)).toEqual([]);
  });

  it('one platform never imports another', () => {
    const across = imports.filter((i) => i.target && platformOf(i.file) && platformOf(i.target) && platformOf(i.file) !== platformOf(i.target));
    expect(show(across)).toEqual([]);
  });

  it('only core/db touches Prisma', () => {
    const prisma = imports.filter((i) => (i.spec.startsWith('@prisma/') || i.target?.startsWith('core/db/generated')) && !i.file.startsWith('core/db/'));
    expect(show(prisma)).toEqual([]);
  });

  it('each platform SDK stays in its bot folder (and the composition root)', () => {
    const sdk: [RegExp, string][] = [
      [/^@slack\//, 'bots/slack/'],
      [/^(botbuilder|botframework-)/, 'bots/teams/'],
      [/^@modelcontextprotocol\//, 'bots/mcp/'],
    ];
    const strays = imports.filter((i) => sdk.some(([pkg, home]) => pkg.test(i.spec) && !i.file.startsWith(home) && !i.file.startsWith('app/')));
    expect(show(strays)).toEqual([]);
  });

  it('botbuilder stays in bots/teams/adapter.ts: the Teams flows see our own TeamsTurn (bots/teams/turn.ts)', () => {
    const botbuilder = imports.filter((i) => /^(botbuilder|botframework-)/.test(i.spec));
    expect(botbuilder.some((i) => i.file === 'bots/teams/adapter.ts' && i.spec === 'botbuilder')).toBe(true);
    expect(show(botbuilder.filter((i) => i.file !== 'bots/teams/adapter.ts'))).toEqual([]);
  });
});
