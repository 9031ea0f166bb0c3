// Property-based: any input for any tool, as a model could send it. Never an `internal` error, never an
// unexpected failure, and never a write without confirmation.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Actor } from '../../core/agent/types.ts';
import { ALL_TOOLS } from '../../tools/registry.ts';
import { runTool } from '../../assistant/run-tool.ts';
import { needsConfirmation, type SalesTool, type ToolContext } from '../../tools/tool.ts';
import { createTestContainer, toolContextFor, type TestContainer } from '../support/container.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';

let c: TestContainer;
let org: TestOrg;
beforeAll(async () => {
  c = await createTestContainer();
  org = await createTestOrg(c.db.prisma);
});
afterAll(async () => c?.db.drop());

const ctxFor = (actor: Actor) => toolContextFor(c, actor);

/** Hostile scalars: control and bidi characters, lone surrogates, huge and fractional numbers, wrong types. */
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\u0000', 'a\u0000b', '\u202Eevil', '\uD800', '  ', 'Jane Doe', 'jane@acme.io', 'cto', 'Fintech', '09:00', '9am', 'mon'),
  fc.integer(),
  fc.constantFrom(2147483648, -2147483649, 1e300, -0, Number.MAX_SAFE_INTEGER, 0.5),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(nasty, fc.array(nasty, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), nasty, { maxKeys: 3 }));

/** Objects over the tool's own field names (so validation is reached past the shape), plus anything at all. */
function inputsFor(tool: SalesTool) {
  const schema = z.toJSONSchema(tool.inputSchema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
  const keys = Object.keys(schema.properties ?? {});
  const shaped = fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] });
  return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: fc.anything() });
}

async function snapshot(): Promise<string> {
  const [leads, activities, prefs] = await Promise.all([
    c.db.prisma.lead.findMany({ select: { id: true, status: true }, orderBy: { id: 'asc' } }),
    c.db.prisma.leadActivity.count({ where: { type: { in: ['note', 'status_change'] } } }),
    c.db.prisma.digestPreference.findMany({ orderBy: { userId: 'asc' } }),
  ]);
  return JSON.stringify({ leads, activities, prefs });
}

describe.each(ALL_TOOLS.map((t) => [t.name, t] as const))('%s, given any input', (_name, tool) => {
  it('answers with a result or a refusal, never internal, and never writes unconfirmed', async () => {
    const ctx = await ctxFor(org.manager);
    await fc.assert(
      fc.asyncProperty(inputsFor(tool), async (input) => {
        const before = needsConfirmation(tool) ? await snapshot() : '';
        const out = await runTool(tool, input, ctx);
        expect(out.error?.code, JSON.stringify(out)).not.toBe('internal');
        expect(out.outcome).not.toBe('error');
        if (needsConfirmation(tool)) {
          expect(out.outcome).not.toBe('ok');
          expect(await snapshot()).toBe(before);
        }
      }),
      { numRuns: 60, seed: 20261129 },
    );
  }, 120_000);
});
