// The offline language model: a deterministic LanguageModelV4 used when no OpenAI key or base URL is set.
// On the rep's message it emits tool calls parsed from their words; once the turn's tool results are in,
// it writes the reply from them and stops (it never calls a tool after seeing results, so it cannot loop).
import { createHash } from 'node:crypto';
import type { LanguageModelMiddleware } from 'ai';
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { readConversation } from './conversation-context.ts';
import { parseIntent } from './parse-intent.ts';
import { writeReply } from './reply-writer.ts';
import { greetingText, helpText, notUnderstoodText, outOfScopeText, unavailableText } from './help-text.ts';
import type { Intent } from './intent.ts';
import type { LeadVocabulary } from '../../db/lead-vocabulary-repository.ts';
import { knowledgeOf, type Knowledge } from './knowledge.ts';
import { log } from '../../log.ts';

export const OFFLINE_PROVIDER = 'salesos';
export const OFFLINE_MODEL_ID = 'offline';

export interface OfflineModelOptions {
  /** Clock for response timestamps (tests pin it). */
  now?: () => Date;
  /**
   * The words of the leads the asking user may see (industries, places, technologies, companies, names).
   * The actor comes from the call's provider options (`salesos: { actorId, role }`, set per turn).
   */
  vocabulary?: (actor: OfflineActor | undefined) => Promise<LeadVocabulary | undefined>;
}

export interface OfflineActor {
  actorId: string;
  role: 'rep' | 'manager' | 'admin';
}

/** Provider options naming the actor of a turn, read by the offline model (other providers ignore them). */
export function offlineActorOptions(actor: { id: string; role: OfflineActor['role'] }): { salesos: { actorId: string; role: string } } {
  return { salesos: { actorId: actor.id, role: actor.role } };
}

/** Middleware adding the actor's provider options to every call, so the offline model knows whose leads' words to use. */
export function offlineActorMiddleware(actor: { id: string; role: OfflineActor['role'] }): LanguageModelMiddleware {
  return {
    specificationVersion: 'v4',
    transformParams: async ({ params }) => ({ ...params, providerOptions: { ...params.providerOptions, ...offlineActorOptions(actor) } }),
  };
}

function actorOf(options: LanguageModelV4CallOptions): OfflineActor | undefined {
  const o = options.providerOptions?.salesos;
  if (!o || typeof o.actorId !== 'string' || !['rep', 'manager', 'admin'].includes(String(o.role))) return undefined;
  return { actorId: o.actorId, role: o.role as OfflineActor['role'] };
}

interface Answer {
  text: string;
  toolCalls: { toolCallId: string; toolName: string; input: string }[];
}

export function createOfflineModel(opts: OfflineModelOptions = {}): LanguageModelV4 {
  const now = opts.now ?? (() => new Date());

  const knowledgeFor = async (options: LanguageModelV4CallOptions): Promise<Knowledge> => {
    try {
      return knowledgeOf(opts.vocabulary ? await opts.vocabulary(actorOf(options)) : undefined);
    } catch (err) {
      // Without the organisation's words the catalogue still understands most requests: answer anyway.
      log.warn('offline model: lead vocabulary unavailable, using the catalogue only', { err });
      return knowledgeOf(undefined);
    }
  };
  const answerFor = async (options: LanguageModelV4CallOptions) => {
    // The prompt serialised once per call: its digest seeds the tool call ids and names the response, its
    // length estimates the usage.
    const promptJson = JSON.stringify(options.prompt);
    const seed = digest(promptJson);
    const answer = decide(options, await knowledgeFor(options), seed);
    const responseId = `offline-${seed.slice(0, 16)}`;
    return { answer, usage: estimateUsage(promptJson.length, options, answer), response: { id: responseId, timestamp: now(), modelId: OFFLINE_MODEL_ID } };
  };

  return {
    specificationVersion: 'v4',
    provider: OFFLINE_PROVIDER,
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},

    async doGenerate(options): Promise<LanguageModelV4GenerateResult> {
      const { answer, usage, response } = await answerFor(options);
      const content: LanguageModelV4Content[] = [];
      if (answer.text) content.push({ type: 'text', text: answer.text });
      for (const call of answer.toolCalls) content.push({ type: 'tool-call', ...call });
      return { content, finishReason: finishReason(answer), usage, response, warnings: [] };
    },

    async doStream(options) {
      const { answer, usage, response } = await answerFor(options);
      const parts: LanguageModelV4StreamPart[] = [
        { type: 'stream-start', warnings: [] },
        { type: 'response-metadata', ...response },
      ];
      if (answer.text) {
        parts.push({ type: 'text-start', id: 'text-0' });
        for (const delta of textDeltas(answer.text)) parts.push({ type: 'text-delta', id: 'text-0', delta });
        parts.push({ type: 'text-end', id: 'text-0' });
      }
      for (const call of answer.toolCalls) {
        parts.push({ type: 'tool-input-start', id: call.toolCallId, toolName: call.toolName });
        parts.push({ type: 'tool-input-delta', id: call.toolCallId, delta: call.input });
        parts.push({ type: 'tool-input-end', id: call.toolCallId });
        parts.push({ type: 'tool-call', ...call });
      }
      parts.push({ type: 'finish', usage, finishReason: finishReason(answer) });
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      });
      return { stream };
    },
  };
}

function decide(options: LanguageModelV4CallOptions, knowledge: Knowledge, seed: string): Answer {
  const ctx = readConversation(options.prompt);
  const available = new Set(options.toolChoice?.type === 'none' ? [] : (options.tools ?? []).filter((t) => t.type === 'function').map((t) => t.name));
  // Results of this turn are in: write the reply, never call again.
  if (ctx.turnResults.length) return { text: writeReply(ctx.turnResults, available), toolCalls: [] };
  if (ctx.userText === undefined) return { text: helpText(available), toolCalls: [] };

  const intent = parseIntent(ctx.userText, { ...ctx, knowledge });
  return answerIntent(intent, ctx.userText, available, seed);
}

function answerIntent(intent: Intent, said: string, available: ReadonlySet<string>, seed: string): Answer {
  switch (intent.kind) {
    case 'help':
      return { text: helpText(available), toolCalls: [] };
    case 'greeting':
      return { text: greetingText(available), toolCalls: [] };
    case 'thanks':
      return { text: 'You\'re welcome! Say "help" any time to see what I can do.', toolCalls: [] };
    case 'out_of_scope':
      return { text: outOfScopeText(available), toolCalls: [] };
    case 'unknown':
      return { text: notUnderstoodText(said.split('\n')[0]!.trim(), available), toolCalls: [] };
    case 'clarify':
      return { text: available.has(intent.toolName) ? intent.question : unavailableText(intent.toolName, available), toolCalls: [] };
    case 'tool': {
      const allowed = intent.calls.filter((c) => available.has(c.toolName));
      if (!allowed.length) return { text: unavailableText(intent.calls[0]!.toolName, available), toolCalls: [] };
      return {
        text: '',
        toolCalls: allowed.map((c, i) => ({
          toolCallId: `call_offline_${seed.slice(0, 12)}_${i}`,
          toolName: c.toolName,
          input: JSON.stringify(c.input),
        })),
      };
    }
  }
}

function finishReason(answer: Answer): LanguageModelV4GenerateResult['finishReason'] {
  return answer.toolCalls.length ? { unified: 'tool-calls', raw: 'tool_calls' } : { unified: 'stop', raw: 'stop' };
}

/**
 * The reply in deltas of a line or sentence each (short ones merged up to DELTA_CHARS), so streaming bots
 * get it as text arriving. Not word by word: every delta passes through each stage of the AI SDK's stream,
 * and the offline model's answer is complete at once, so finer deltas would only cost CPU per turn.
 */
export function textDeltas(text: string): string[] {
  const deltas: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const len = i + 1 - start;
    // A delta ends with its line, or with a sentence (or at a space) once it is long enough.
    const cut = c === '\n' || (len >= DELTA_CHARS && c === ' ') || (len >= DELTA_CHARS / 3 && c === ' ' && /[.!?:]/.test(text[i - 1]!));
    if (cut && !(c === '\n' && text[i + 1] === '\n')) {
      deltas.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) deltas.push(text.slice(start));
  return deltas.length ? deltas : [text];
}

const DELTA_CHARS = 90;

// About four characters per token: no tokenizer is involved, but CostGuard still sees plausible numbers.
function estimateUsage(promptJsonChars: number, options: LanguageModelV4CallOptions, answer: Answer): LanguageModelV4Usage {
  const promptChars = promptJsonChars + toolsChars(options.tools ?? []);
  const outputChars = answer.text.length + answer.toolCalls.reduce((n, c) => n + c.toolName.length + c.input.length, 0);
  const input = Math.ceil(promptChars / 4);
  const output = Math.max(1, Math.ceil(outputChars / 4));
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  };
}

type CallTool = NonNullable<LanguageModelV4CallOptions['tools']>[number];
/** JSON length of each tool as offered, by its schema object (the same object every call: ai-tools.ts caches it). */
const toolChars = new WeakMap<object, { tool: CallTool; chars: number }>();

/** Same tool as measured before: every field but the (identical) schema equal, compared without serialising. */
function sameTool(a: CallTool, b: CallTool): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (k === 'inputSchema') continue;
    const va = (a as unknown as Record<string, unknown>)[k];
    const vb = (b as unknown as Record<string, unknown>)[k];
    if (va !== vb && JSON.stringify(va) !== JSON.stringify(vb)) return false;
  }
  return true;
}

/** `JSON.stringify(tools).length` without serialising every tool's JSON schema on every call. */
function toolsChars(tools: readonly CallTool[]): number {
  let n = 2 + Math.max(0, tools.length - 1);
  for (const t of tools) {
    const schema = t.type === 'function' ? t.inputSchema : undefined;
    // Everything but the schema must match too (name, description, options), so a changed tool is measured again.
    const hit = schema && typeof schema === 'object' ? toolChars.get(schema) : undefined;
    if (hit && sameTool(hit.tool, t)) {
      n += hit.chars;
      continue;
    }
    const chars = JSON.stringify(t).length;
    if (schema && typeof schema === 'object') toolChars.set(schema, { tool: t, chars });
    n += chars;
  }
  return n;
}

/** sha256 of the prompt's JSON (binary parts serialise as their bytes' indices: deterministic, if long). */
function digest(json: string): string {
  return createHash('sha256').update(json).digest('hex');
}
