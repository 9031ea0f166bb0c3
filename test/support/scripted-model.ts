// A MockLanguageModelV4 (the AI SDK's own test model) driven by a script: each call gets the next step.
import type { LanguageModelV4CallOptions, LanguageModelV4GenerateResult, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';

/** A tool call's `rawInput`, when given, is sent as the arguments verbatim (e.g. malformed JSON). */
export type Step = { text: string } | { toolCalls: { toolName: string; input: Record<string, unknown>; rawInput?: string }[] } | { error: Error };

function usage(input: number, output: number) {
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}

export function partsFor(step: Step, callIndex: number): LanguageModelV4StreamPart[] {
  if ('error' in step)
    return [
      { type: 'stream-start', warnings: [] },
      { type: 'error', error: step.error },
    ];
  const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
  if ('text' in step) {
    parts.push({ type: 'text-start', id: 't' });
    for (const w of step.text.match(/\S+\s*/g) ?? []) parts.push({ type: 'text-delta', id: 't', delta: w });
    parts.push({ type: 'text-end', id: 't' });
    parts.push({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: usage(120, 30) });
  } else {
    step.toolCalls.forEach((c, i) => {
      parts.push({ type: 'tool-call', toolCallId: `call_${callIndex}_${i}`, toolName: c.toolName, input: c.rawInput ?? JSON.stringify(c.input) });
    });
    parts.push({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: usage(150, 20) });
  }
  return parts;
}

/** The same step as one generate call's result (a failing step throws, as a provider's failed call does). */
export function generatedFor(step: Step, callIndex: number): LanguageModelV4GenerateResult {
  if ('error' in step) throw step.error;
  if ('text' in step)
    return { content: [{ type: 'text', text: step.text }], finishReason: { unified: 'stop', raw: 'stop' }, usage: usage(120, 30), warnings: [] };
  return {
    content: step.toolCalls.map((c, i) => ({
      type: 'tool-call' as const,
      toolCallId: `call_${callIndex}_${i}`,
      toolName: c.toolName,
      input: c.rawInput ?? JSON.stringify(c.input),
    })),
    finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
    usage: usage(150, 20),
    warnings: [],
  };
}

/** `script(call, options)` returns the step for the n-th model call (0-based, streamed or generated) and may read the prompt. */
export function scriptedModel(script: (call: number, options: LanguageModelV4CallOptions) => Step) {
  let calls = 0;
  const model: MockLanguageModelV4 = new MockLanguageModelV4({
    modelId: 'gpt-5-mini',
    doGenerate: async (options) => {
      const step = script(calls, options);
      return generatedFor(step, calls++);
    },
    doStream: async (options) => {
      const step = script(calls, options);
      const parts = partsFor(step, calls++);
      return {
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(c) {
            for (const p of parts) c.enqueue(p);
            c.close();
          },
        }),
      };
    },
  });
  return model;
}

/** Every tool result the model was shown in a call, as { toolName, value }. */
export function toolResultsSeen(options: LanguageModelV4CallOptions): { toolName: string; value: any }[] {
  const out: { toolName: string; value: any }[] = [];
  for (const m of options.prompt) {
    if (m.role !== 'tool') continue;
    for (const part of m.content) {
      if (part.type === 'tool-result') out.push({ toolName: part.toolName, value: (part.output as { value?: unknown }).value });
    }
  }
  return out;
}
