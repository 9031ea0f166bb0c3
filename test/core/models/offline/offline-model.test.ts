import { generateText, isStepCount, streamText, tool, type ModelMessage, type ToolSet } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { leadFilterSchema } from '../../../../core/leads/filter.ts';
import { createOfflineModel } from '../../../../core/models/offline/offline-model.ts';
import { contextMessages, SEARCH_LEADS, TOOL_INPUT_SCHEMAS } from './phrasings.ts';

const model = () => createOfflineModel({ now: () => new Date('2026-01-05T09:00:00Z') });

interface Executed {
  tool: string;
  input: unknown;
}

/** Tools that record what the SDK executed and answer like SalesOS tools do: `{ ok, summary, ...data }`. */
function salesTools(executed: Executed[], only?: string[]): ToolSet {
  const record = (name: string, answer: (input: Record<string, unknown>) => Record<string, unknown>) =>
    tool({
      description: name,
      inputSchema: (name === 'findLeads' ? leadFilterSchema : TOOL_INPUT_SCHEMAS[name as keyof typeof TOOL_INPUT_SCHEMAS]) as z.ZodType<
        Record<string, unknown>
      >,
      execute: async (input: Record<string, unknown>) => {
        executed.push({ tool: name, input });
        return answer(input);
      },
    });
  const all: ToolSet = {
    findLeads: record('findLeads', () => ({ ok: true, summary: `Found ${SEARCH_LEADS.length} leads.`, leads: SEARCH_LEADS })),
    getLead: record('getLead', (i) => ({ ok: true, summary: `Lead ${String(i.lead)}.`, lead: SEARCH_LEADS[1] })),
    enrichLead: record('enrichLead', (i) => ({ ok: true, summary: `Enriched ${String(i.lead)}: added company size and tech stack.`, lead: SEARCH_LEADS[1] })),
    draftEmail: record('draftEmail', () => ({
      ok: true,
      summary: 'Drafted an intro email to Max Müller.',
      subject: 'Finly x SalesOS',
      body: 'Hi Max,\nShort note…',
    })),
    roastEmail: record('roastEmail', () => ({ ok: true, summary: 'Score 4/10: the ask is buried.' })),
    updateLead: record('updateLead', () => ({
      ok: false,
      summary: 'Not allowed.',
      error: { code: 'forbidden', message: 'You can only update leads you own.' },
    })),
    myUsage: record('myUsage', () => ({ ok: true, summary: 'You have spent $0.42 of your $5.00 daily budget.' })),
    setDigestSchedule: record('setDigestSchedule', () => ({ ok: true, summary: 'Your digest goes out on Mondays at 09:00.' })),
  };
  return only ? Object.fromEntries(Object.entries(all).filter(([n]) => only.includes(n))) : all;
}

describe('createOfflineModel', () => {
  it('identifies itself as the salesos offline model', () => {
    const m = model();
    expect([m.specificationVersion, m.provider, m.modelId]).toEqual(['v4', 'salesos', 'offline']);
  });

  it('calls findLeads through generateText, lets the SDK execute it, then writes the numbered list from the result', async () => {
    const executed: Executed[] = [];
    const result = await generateText({
      model: model(),
      instructions: 'You are SalesOS.',
      prompt: 'find CTOs at fintech companies in Germany',
      tools: salesTools(executed),
      stopWhen: isStepCount(6),
    });
    expect(executed).toEqual([{ tool: 'findLeads', input: { title: 'CTO', industry: ['Fintech'], country: ['Germany'] } }]);
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]!.finishReason).toBe('tool-calls');
    expect(result.finalStep.finishReason).toBe('stop');
    expect(result.text).toContain('Found 3 leads.');
    // The leads themselves are on the lead-list card; the text does not repeat them.
    expect(result.text).not.toContain('Jane Doe');
    expect(result.text).toContain('Say "enrich the second one" or "draft an email to #1".');
  });

  it('suggests follow-ups that exist in the list: no "second one" when one lead was found', async () => {
    const executed: Executed[] = [];
    const tools = salesTools(executed);
    tools.findLeads = tool({
      description: 'findLeads',
      inputSchema: leadFilterSchema as z.ZodType<Record<string, unknown>>,
      execute: async () => ({ ok: true, summary: 'Found 1 lead.', leads: SEARCH_LEADS.slice(0, 1) }),
    });
    const result = await generateText({ model: model(), prompt: 'find CTOs at fintech companies in Germany', tools, stopWhen: isStepCount(6) });
    expect(result.text).toContain('Say "enrich #1" or "draft an email to #1".');
    expect(result.text).not.toContain('second');
  });

  it('stops after writing the reply even when many steps are allowed', async () => {
    const result = await generateText({
      model: model(),
      prompt: 'how much budget do I have left?',
      tools: salesTools([]),
      stopWhen: isStepCount(20),
    });
    expect(result.steps.map((s) => s.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(result.text).toBe('You have spent $0.42 of your $5.00 daily budget.');
  });

  it('streams tool calls as tool-call parts and the reply as text deltas of a line or sentence each', async () => {
    const executed: Executed[] = [];
    const result = streamText({ model: model(), prompt: 'who are my uncontacted leads?', tools: salesTools(executed), stopWhen: isStepCount(6) });
    const kinds: string[] = [];
    const deltas: string[] = [];
    for await (const part of result.stream) {
      kinds.push(part.type);
      if (part.type === 'text-delta') deltas.push(part.text);
    }
    expect(kinds).toContain('tool-call');
    expect(kinds).toContain('tool-result');
    expect(executed[0]).toEqual({ tool: 'findLeads', input: { owner: 'me', status: ['new'] } });
    expect(deltas).toEqual(['Found 3 leads.\n\n', expect.stringMatching(/^Say /)]);
    expect(deltas.join('')).toBe(await result.text);
  });

  it('reports estimated token usage so CostGuard sees numbers', async () => {
    const result = await generateText({ model: model(), prompt: 'enrich jane@acme.io', tools: salesTools([]), stopWhen: isStepCount(6) });
    for (const step of result.steps) {
      expect(step.usage.inputTokens).toBeGreaterThan(0);
      expect(step.usage.outputTokens).toBeGreaterThan(0);
    }
    expect(result.usage.inputTokens).toBe(result.steps.reduce((n, s) => n + (s.usage.inputTokens ?? 0), 0));
  });

  it('says plainly that an action is not available when the role does not offer its tool', async () => {
    const executed: Executed[] = [];
    const result = await generateText({
      model: model(),
      prompt: 'enrich jane@acme.io',
      tools: salesTools(executed, ['findLeads', 'getLead', 'myUsage']),
      stopWhen: isStepCount(6),
    });
    expect(executed).toEqual([]);
    expect(result.toolCalls).toEqual([]);
    expect(result.text).toMatch(/^Enriching leads is not available to you/);
    // The examples it offers instead are only for tools this rep has.
    expect(result.text).toContain('find CTOs at fintech companies in Germany');
    expect(result.text).not.toContain('draft an intro email');
  });

  it('answers a request outside its work briefly, with what it can do, calling no tool', async () => {
    const result = await generateText({ model: model(), prompt: 'what is the weather on Mars', tools: salesTools([]) });
    expect(result.toolCalls).toEqual([]);
    expect(result.text).toMatch(/^That's outside what I can help with\. I'm SalesOS/);
    expect(result.text).toContain('update a lead');
  });

  it('says it did not understand words it has never seen, that it is in offline mode, and shows examples', async () => {
    const result = await generateText({ model: model(), prompt: 'blorp zzkx frobnicate', tools: salesTools([]) });
    expect(result.toolCalls).toEqual([]);
    expect(result.text).toContain(`Sorry, I didn't understand "blorp zzkx frobnicate".`);
    expect(result.text).toContain('offline mode');
    expect(result.text).toContain('OPENAI_API_KEY');
    expect(result.text).toContain('"mark Jane Doe as contacted"');
  });

  it('answers help without calling a tool and names the configuration that enables free conversation', async () => {
    const result = await generateText({ model: model(), prompt: 'help', tools: salesTools([]) });
    expect(result.toolCalls).toEqual([]);
    expect(result.text).toContain('OPENAI_BASE_URL');
    expect(result.text).toContain('"how much budget do I have left?"');
  });

  it('resolves "the second one" to the id from the earlier findLeads result in the messages', async () => {
    const executed: Executed[] = [];
    const messages: ModelMessage[] = [...contextMessages('search'), { role: 'user', content: 'enrich the second one' }];
    const result = await generateText({ model: model(), messages, tools: salesTools(executed), stopWhen: isStepCount(6) });
    expect(executed).toEqual([{ tool: 'enrichLead', input: { lead: SEARCH_LEADS[1]!.id } }]);
    expect(result.text).toBe(`Enriched ${SEARCH_LEADS[1]!.id}: added company size and tech stack.`);
  });

  it('resolves references across real turns using the response messages the SDK produced', async () => {
    const executed: Executed[] = [];
    const tools = salesTools(executed);
    const first = await generateText({ model: model(), prompt: 'show me fintech leads', tools, stopWhen: isStepCount(6) });
    const messages: ModelMessage[] = [
      { role: 'user', content: 'show me fintech leads' },
      ...(first.responseMessages as ModelMessage[]),
      { role: 'user', content: 'draft an intro email to #3' },
    ];
    const second = await generateText({ model: model(), messages, tools, stopWhen: isStepCount(6) });
    expect(executed.at(-1)).toEqual({ tool: 'draftEmail', input: { lead: SEARCH_LEADS[2]!.id, purpose: 'intro' } });
    expect(second.text).toBe('Drafted an intro email to Max Müller.');
  });

  it('asks which lead is meant instead of calling a tool when a reference cannot be resolved', async () => {
    const executed: Executed[] = [];
    const result = await generateText({ model: model(), prompt: 'enrich the second one', tools: salesTools(executed) });
    expect(executed).toEqual([]);
    expect(result.text).toMatch(/Which lead should I enrich\?/);
  });

  it('passes a tool refusal on to the rep in its own words', async () => {
    const result = await generateText({
      model: model(),
      prompt: 'mark jane@acme.io as contacted',
      tools: salesTools([]),
      stopWhen: isStepCount(6),
    });
    expect(result.text).toBe('You can only update leads you own.');
  });

  it('reports a tool that threw as failed without calling anything again', async () => {
    const tools: ToolSet = {
      myUsage: tool({
        inputSchema: z.object({}),
        execute: async (): Promise<{ summary: string }> => {
          throw new Error('usage store unreachable');
        },
      }),
    };
    const result = await generateText({ model: model(), prompt: 'my usage', tools, stopWhen: isStepCount(6) });
    expect(result.steps).toHaveLength(2);
    expect(result.text).toBe('myUsage failed: usage store unreachable');
  });

  it('gives the same reply and tool call ids for the same prompt', async () => {
    const run = () => generateText({ model: model(), prompt: 'find CTOs in Germany', tools: salesTools([]), stopWhen: isStepCount(6) });
    const [a, b] = [await run(), await run()];
    expect(b.text).toBe(a.text);
    expect(b.toolCalls.map((c) => c.toolCallId)).toEqual(a.toolCalls.map((c) => c.toolCallId));
  });

  it('reads a plain-object tool output as well as the json envelope', async () => {
    const prompt = [
      { role: 'user' as const, content: [{ type: 'text' as const, text: 'enrich Jane Doe' }] },
      { role: 'assistant' as const, content: [{ type: 'tool-call' as const, toolCallId: 'c1', toolName: 'enrichLead', input: { lead: 'Jane Doe' } }] },
      {
        role: 'tool' as const,
        content: [{ type: 'tool-result' as const, toolCallId: 'c1', toolName: 'enrichLead', output: { summary: 'Enriched Jane Doe.' } as never }],
      },
    ];
    const out = await model().doGenerate({ prompt, tools: [] });
    expect(out.content).toEqual([{ type: 'text', text: 'Enriched Jane Doe.' }]);
    expect(out.finishReason.unified).toBe('stop');
  });
});
