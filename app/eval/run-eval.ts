// Runs a phrasing set through the real assistant (the configured model, the actor's tools and policy):
// each case in a thread of its own, its setup message first, then the case; the turn's tool calls are
// scored against the case. Writes only ever reach "pending confirmation": nothing is confirmed.
import { randomUUID } from 'node:crypto';
import type { Actor, Reply, ReplyEvent } from '../../core/agent/types.ts';
import type { LeadScope } from '../../core/leads/filter.ts';
import type { LeadLookupRepository } from '../../core/db/lead-lookup-repository.ts';
import { parseLeadRef } from '../../core/leads/lead-ref.ts';
import type { SalesAssistant } from '../../assistant/assistant.ts';
import type { PhrasingCase } from './phrasing-set.ts';
import { scoreCase, type ActualCall, type KnownLead } from './score-case.ts';

export interface EvalDeps {
  assistant: Pick<SalesAssistant, 'handleTurn'>;
  lookup: Pick<LeadLookupRepository, 'find'>;
  actor: Actor;
  scope: LeadScope;
  /** Called after each case, e.g. to show progress. */
  onCase?: (result: CaseResult, done: number, total: number) => void;
}

export interface CaseResult {
  id: string;
  text: string;
  split?: string;
  expected: { tool: string | null; args: Record<string, unknown>; ordinal?: number };
  /** The call scored: the one naming the expected tool, else the turn's first call. */
  got: ActualCall | null;
  pass: boolean;
  problems: string[];
  negationInverted: boolean;
  reply: string;
}

export interface ToolTally {
  tool: string;
  cases: number;
  passed: number;
}

export interface EvalSummary {
  cases: number;
  passed: number;
  accuracy: number;
  byTool: ToolTally[];
  /** Cases expecting no tool, and how many called none. */
  noTool: { cases: number; passed: number };
  negationInverted: number;
  bySplit: { split: string; cases: number; passed: number; accuracy: number }[];
}

async function collect(events: AsyncIterable<ReplyEvent>): Promise<Reply> {
  let reply: Reply | undefined;
  for await (const e of events) if (e.type === 'done') reply = e.reply;
  if (!reply) throw new Error('the turn ended without a reply');
  return reply;
}

export async function runEval(cases: PhrasingCase[], deps: EvalDeps): Promise<CaseResult[]> {
  const run = randomUUID().slice(0, 8);
  const results: CaseResult[] = [];
  const resolveLead = async (value: string): Promise<KnownLead | undefined> => {
    const found = await deps.lookup.find(parseLeadRef(value), deps.scope, 2);
    return found.length === 1 ? { id: found[0]!.id, fullName: found[0]!.fullName, email: found[0]!.email } : undefined;
  };
  for (const c of cases) {
    const conversationKey = `eval:${deps.actor.id}:${run}:${c.id}`;
    const turn = (text: string) =>
      collect(deps.assistant.handleTurn({ deliveryId: randomUUID(), platform: 'console', actor: deps.actor, conversationKey, text }));
    let setupList: KnownLead[] = [];
    if (c.setup) {
      const setup = await turn(c.setup);
      const list = setup.cards.find((card) => card.type === 'lead_list');
      setupList = list?.type === 'lead_list' ? list.leads.map((l) => ({ id: l.id, fullName: l.fullName, email: l.email })) : [];
    }
    const reply = await turn(c.text);
    const calls = reply.toolCalls.map((t) => ({ name: t.name, input: (t.input ?? {}) as Record<string, unknown> }));
    const got = calls.find((call) => call.name === c.tool) ?? calls[0] ?? null;
    const verdict = await scoreCase(c, got ?? undefined, { setupList, resolveLead });
    const result: CaseResult = {
      id: c.id,
      text: c.text,
      split: c.split,
      expected: { tool: c.tool, args: c.args, ...(c.ordinal !== undefined ? { ordinal: c.ordinal } : {}) },
      got,
      ...verdict,
      reply: reply.text.slice(0, 300),
    };
    results.push(result);
    deps.onCase?.(result, results.length, cases.length);
  }
  return results;
}

export function summarise(results: CaseResult[]): EvalSummary {
  const tally = new Map<string, ToolTally>();
  const splits = new Map<string, { cases: number; passed: number }>();
  for (const r of results) {
    const tool = r.expected.tool ?? '(no tool)';
    const t = tally.get(tool) ?? { tool, cases: 0, passed: 0 };
    t.cases++;
    if (r.pass) t.passed++;
    tally.set(tool, t);
    if (r.split) {
      const s = splits.get(r.split) ?? { cases: 0, passed: 0 };
      s.cases++;
      if (r.pass) s.passed++;
      splits.set(r.split, s);
    }
  }
  const passed = results.filter((r) => r.pass).length;
  const none = results.filter((r) => r.expected.tool === null);
  return {
    cases: results.length,
    passed,
    accuracy: results.length ? passed / results.length : 0,
    byTool: [...tally.values()].sort((a, b) => a.tool.localeCompare(b.tool)),
    noTool: { cases: none.length, passed: none.filter((r) => r.got === null).length },
    negationInverted: results.filter((r) => r.negationInverted).length,
    bySplit: [...splits.entries()].sort().map(([split, s]) => ({ split, ...s, accuracy: s.passed / s.cases })),
  };
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');

/** The human report: one line per case, then accuracy per tool and overall. */
export function formatReport(results: CaseResult[], summary: EvalSummary, model: string): string {
  const lines = results.map((r) => {
    const got = r.got ? `${r.got.name} ${JSON.stringify(r.got.input)}` : 'no tool';
    const head = `${r.pass ? 'PASS' : 'FAIL'}  ${r.id}${r.split ? ` [${r.split}]` : ''}  ${JSON.stringify(r.text.split('\n')[0]!.slice(0, 90))}`;
    return r.pass
      ? head
      : `${head}\n      expected ${r.expected.tool ?? 'no tool'} ${JSON.stringify(r.expected.args)}${r.expected.ordinal !== undefined ? ` lead #${r.expected.ordinal}` : ''}\n      got      ${got}\n      ${r.problems.join('; ')}${r.negationInverted ? ' (negation inverted)' : ''}`;
  });
  const w = Math.max(...summary.byTool.map((t) => t.tool.length), 8);
  return [
    ...lines,
    '',
    `Model: ${model}`,
    `${'tool'.padEnd(w)}  cases  passed  accuracy`,
    ...summary.byTool.map((t) => `${t.tool.padEnd(w)}  ${String(t.cases).padStart(5)}  ${String(t.passed).padStart(6)}  ${pct(t.passed, t.cases).padStart(8)}`),
    ...summary.bySplit.map((s) => `split ${s.split}: ${s.passed}/${s.cases} (${pct(s.passed, s.cases)})`),
    `no tool when none was expected: ${summary.noTool.passed}/${summary.noTool.cases} (${pct(summary.noTool.passed, summary.noTool.cases)})`,
    `negation inverted: ${summary.negationInverted}`,
    `accuracy: ${summary.passed}/${summary.cases} (${pct(summary.passed, summary.cases)})`,
  ].join('\n');
}
