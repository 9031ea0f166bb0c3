// The layer rules of README "Architecture", checked on every import instead of remembered: app → bots → assistant →
// tools → core, one platform never imports another, only core/db touches Prisma, and each platform SDK
// stays inside its own bot folder.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.ts';

const RANK: Record<string, number> = { core: 1, tools: 2, assistant: 3, bots: 4, app: 5 };

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
    for (const layer of Object.keys(RANK))
      expect(
        imports.some((i) => layerOf(i.file) === layer),
        layer,
      ).toBe(true);
  });

  it('imports only point down: app → bots → assistant → tools → core', () => {
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
});
