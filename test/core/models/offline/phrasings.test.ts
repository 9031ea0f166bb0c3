import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createOfflineModel } from '../../../../core/models/offline/offline-model.ts';
import { contextMessages, PHRASINGS, toolsWithoutExecute, type Phrasing } from './phrasings.ts';

interface Outcome {
  phrasing: Phrasing;
  tool: string | null;
  args: unknown;
  text: string;
  invalid?: string;
}

async function run(phrasing: Phrasing): Promise<Outcome> {
  const result = await generateText({
    model: createOfflineModel({ now: () => new Date('2026-01-05T09:00:00Z') }),
    messages: [...contextMessages(phrasing.context), { role: 'user', content: phrasing.text }],
    tools: toolsWithoutExecute(),
  });
  const call = result.toolCalls[0];
  const invalid = result.toolCalls.find((c) => c.invalid);
  return {
    phrasing,
    tool: call?.toolName ?? null,
    args: call?.input,
    text: result.text,
    invalid: invalid ? `${invalid.toolName}: ${String((invalid as { error?: unknown }).error)}` : undefined,
  };
}

function sortedArrays(value: unknown): unknown {
  if (Array.isArray(value)) return [...value].map(sortedArrays).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortedArrays(v)]),
    );
  }
  return value;
}

function matches(o: Outcome): boolean {
  const { expect: want } = o.phrasing;
  if (o.invalid) return false;
  if (want.tool !== o.tool) return false;
  if (want.tool === null) return want.reply ? want.reply.test(o.text) : true;
  return want.args === undefined || JSON.stringify(sortedArrays(o.args)) === JSON.stringify(sortedArrays(want.args));
}

describe('offline model phrasing set', () => {
  it('has at least 100 phrasings covering every tool and the no-tool replies', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(100);
    const tools = new Set(PHRASINGS.map((p) => p.expect.tool));
    for (const t of [
      'findLeads',
      'getLead',
      'enrichLead',
      'roastEmail',
      'draftEmail',
      'updateLead',
      'myUsage',
      'setDigestSchedule',
      'findPatterns',
      'findLookalikes',
      'rescoreLeads',
      null,
    ]) {
      expect(tools).toContain(t);
    }
  });

  // One test per phrasing, so a regression names the phrasing that broke.
  for (const [i, phrasing] of PHRASINGS.entries()) {
    it(`#${i + 1} ${JSON.stringify(phrasing.text.split('\n')[0]!.slice(0, 70))}${phrasing.context ? ` [${phrasing.context}]` : ''}`, async () => {
      const o = await run(phrasing);
      const got = `${o.tool} ${o.tool ? JSON.stringify(o.args) : JSON.stringify(o.text.slice(0, 100))}${o.invalid ? ` (invalid: ${o.invalid})` : ''}`;
      expect(matches(o), `expected ${phrasing.expect.tool} ${JSON.stringify(phrasing.expect.args ?? phrasing.expect.reply?.source ?? '')}, got ${got}`).toBe(
        true,
      );
    });
  }

  it('gives the same answer to the same prompt every time', async () => {
    const sample = PHRASINGS.filter((_, i) => i % 10 === 0);
    const first = await Promise.all(sample.map(run));
    const second = await Promise.all(sample.map(run));
    expect(second.map((o) => [o.tool, o.args, o.text])).toEqual(first.map((o) => [o.tool, o.args, o.text]));
  });
});
