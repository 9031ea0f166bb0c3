// The layer rules of README "Architecture", checked on every import instead of remembered: app → bots → assistant →
// tools → core, one platform never imports another, only core/db touches Prisma, and each platform SDK
// stays inside its own bot folder (botbuilder inside bots/teams/adapter.ts alone).
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

  it('botbuilder stays in bots/teams/adapter.ts: the Teams flows see our own TeamsTurn (bots/teams/turn.ts)', () => {
    const botbuilder = imports.filter((i) => /^(botbuilder|botframework-)/.test(i.spec));
    expect(botbuilder.some((i) => i.file === 'bots/teams/adapter.ts' && i.spec === 'botbuilder')).toBe(true);
    expect(show(botbuilder.filter((i) => i.file !== 'bots/teams/adapter.ts'))).toEqual([]);
  });
});

// core/db is persistence only: domain logic (parsing a rep's words, canonical values, digest figures and
// policies, seeding the demo) lives in its domain folder, and what the rest of the code takes from core/db
// is repositories and the connection itself.
const CONNECTION = new Set(['client', 'sql-runner', 'migrate', 'connection-errors', 'embedded']);
const STATIC_IMPORT = /(?:^|\n)\s*(?:import|export)\s+([^;'"]*?)\s*from\s+['"]([^'"]+)['"]/g;
const DYNAMIC_IMPORT = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

interface ValueImport {
  file: string;
  target: string;
  typeOnly: boolean;
}

function typeOnly(clause: string): boolean {
  if (clause.startsWith('type ')) return true;
  const named = /^\{([\s\S]*)\}$/.exec(clause);
  if (!named) return false;
  const names = named[1]!
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

const valueImports: ValueImport[] = Object.keys(RANK).flatMap((layer) =>
  sources(path.join(ROOT, layer)).flatMap((abs) => {
    const file = path.relative(ROOT, abs);
    const src = fs.readFileSync(abs, 'utf8');
    const resolve = (spec: string) => path.relative(ROOT, path.resolve(path.dirname(abs), spec));
    return [
      ...[...src.matchAll(STATIC_IMPORT)].filter((m) => m[2]!.startsWith('.')).map((m) => ({ file, target: resolve(m[2]!), typeOnly: typeOnly(m[1]!.trim()) })),
      ...[...src.matchAll(DYNAMIC_IMPORT)].filter((m) => m[1]!.startsWith('.')).map((m) => ({ file, target: resolve(m[1]!), typeOnly: false })),
    ];
  }),
);

/** Every parameter of `constructor(...)` in a class body, split at top-level commas. */
function constructorParams(src: string, from: number): string[] | undefined {
  const start = src.indexOf('constructor(', from);
  if (start < 0) return undefined;
  let depth = 0;
  let current = '';
  const params: string[] = [];
  for (let i = start + 'constructor('.length; i < src.length; i++) {
    const c = src[i]!;
    if (depth === 0 && c === ')') break;
    if ('({['.includes(c)) depth++;
    if (')}]'.includes(c)) depth--;
    if (depth === 0 && c === ',') {
      params.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) params.push(current.trim());
  return params;
}

describe('core/db is persistence only', () => {
  it('reads value and type imports apart', () => {
    expect(valueImports.some((i) => i.typeOnly && i.target.startsWith('core/db/'))).toBe(true);
    expect(valueImports.some((i) => !i.typeOnly && i.target === 'core/db/client.ts')).toBe(true);
  });

  it('what the rest of the code takes from core/db is a repository (*-repository.ts) or the connection, never domain logic', () => {
    const domain = valueImports.filter((i) => {
      if (i.typeOnly || i.file.startsWith('core/db/') || !i.target.startsWith('core/db/') || i.target.startsWith('core/db/generated')) return false;
      const name = path.basename(i.target, '.ts');
      return !name.endsWith('-repository') && !CONNECTION.has(name);
    });
    expect(domain.map((i) => `${i.file} -> ${i.target}`)).toEqual([]);
  });

  it('core/db takes only types from core/demo: generating and seeding the demo is domain, the repository writes what it is given', () => {
    const demo = valueImports.filter((i) => i.file.startsWith('core/db/') && i.target.startsWith('core/demo/') && !i.typeOnly);
    expect(demo.map((i) => `${i.file} -> ${i.target}`)).toEqual([]);
  });

  it('one repository convention: each class in core/db is an XRepository in x-repository.ts, built as new XRepository(prisma: PrismaClient, options?)', () => {
    const dir = path.join(ROOT, 'core/db');
    const wrong: string[] = [];
    let classes = 0;
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const src = fs.readFileSync(path.join(dir, name), 'utf8');
      for (const m of src.matchAll(/export class (\w+)/g)) {
        classes++;
        const where = `core/db/${name}: ${m[1]}`;
        if (!m[1]!.endsWith('Repository') || !name.endsWith('-repository.ts')) wrong.push(`${where} is not a repository in a *-repository.ts file`);
        const params = constructorParams(src, m.index!);
        const [first, second, ...rest] = params ?? [];
        if (!first || !/^(private readonly )?prisma: PrismaClient$/.test(first)) wrong.push(`${where} does not take prisma: PrismaClient first`);
        if (second !== undefined && !/^(opts|options)\??:/.test(second)) wrong.push(`${where} takes "${second}" second, not an options object`);
        if (rest.length) wrong.push(`${where} takes more than prisma and options`);
      }
    }
    expect(classes).toBeGreaterThan(15);
    expect(wrong).toEqual([]);
  });
});
