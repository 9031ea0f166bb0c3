// The agent loop of one turn: thread memory + instructions + the AI SDK tool loop over the tools it is given, with
// the reply streamed as events. Never throws at the caller: failures become a clear reply.
import { generateText, isStepCount, streamText, type LanguageModel, type ModelMessage, type StepResult, type TextStreamPart, type ToolSet } from 'ai';
import type { Card } from '../cards.ts';
import type { ConversationRepository, StoredMessage } from '../db/conversations-repository.ts';
import { StoppedCallError } from '../deadlines.ts';
import { AppError, toAppError } from '../errors.ts';
import { log } from '../log.ts';
import { buildInstructions } from './instructions.ts';
import { buildHistory, estimateTokens } from './memory.ts';
import { isToolOutput } from './tool-output.ts';
import type { Actor, Platform, Reply, ReplyEvent, ToolCallRecord } from './types.ts';

export interface AgentTurnInput {
  actor: Actor;
  platform: Platform;
  conversationId: string;
  message: string;
  /** The tools this actor may use, already wrapped in policy (validation, roles, budget, audit). */
  tools: ToolSet;
  /** Each offered tool's line for the prompt; a tool without one is still offered, named without a line. */
  capabilities?: Record<string, string>;
  model: LanguageModel;
  conversations: ConversationRepository;
  /** The thread's newest messages when the caller already read them (with the conversation, in one round trip). */
  recent?: StoredMessage[];
  now?: Date;
  /** Bound on model steps (tool round-trips) per turn. */
  maxSteps?: number;
  /** Bound on each model call's output; CostGuard reserves for this many output tokens. */
  maxOutputTokens?: number;
  /** Token budget for earlier messages of the thread. */
  memoryTokens?: number;
  /** Words shown while a tool runs, e.g. "Searching leads…". */
  describeToolCall?: (toolName: string) => string | undefined;
  /** USD cost of the model usage of this turn (CostGuard's price table). */
  priceUsage?: (usage: { inputTokens: number; outputTokens: number }) => number;
  /** The model asked for a tool it was not offered (role, or invented): audit the refusal. */
  onUnavailableTool?: (toolName: string, input: unknown) => Promise<void>;
  /** The model called a tool with arguments that are not valid JSON for it: audit the refusal. */
  onInvalidToolCall?: (toolName: string, rawInput: string) => Promise<void>;
  /** TURN_TIMEOUT_MS and shutdown: aborts the model calls and tools; its reason (an AppError) is what the rep is told. */
  signal?: AbortSignal;
  /**
   * Default true: the model's text is streamed as it is generated. False: each model call is one generate call
   * and the answer arrives whole (the offline model, whose answer is complete at once: streaming it only ran
   * every part through the SDK's Web Streams pipeline). The model middleware (CostGuard, audit) and the tool
   * middleware wrap every call either way; tool status still shows while a tool runs.
   */
  streamText?: boolean;
}

/** How long a stopped turn waits for its tools to notice the abort and record themselves. */
const TOOL_SETTLE_MS = 5_000;

/**
 * The tools, each call tracked: an aborted stream stops reporting tool results, but the tool still ends
 * (audited, settled) — the turn waits for that and reports it, so nothing finishes after the turn.
 */
function trackCalls(tools: ToolSet, onStart?: (toolName: string) => void) {
  const running = new Map<string, Promise<unknown>>();
  const ended = new Map<string, { name: string; input: unknown; output: unknown }>();
  const tracked: ToolSet = {};
  for (const [name, t] of Object.entries(tools)) {
    const execute = t.execute;
    tracked[name] = !execute
      ? t
      : ({
          ...t,
          execute: (args: unknown, options: { toolCallId: string }) => {
            onStart?.(name);
            const call = Promise.resolve(execute(args as never, options as never));
            running.set(options.toolCallId, call);
            call.then(
              (output) => ended.set(options.toolCallId, { name, input: args, output }),
              () => {},
            );
            return call;
          },
        } as typeof t);
  }
  return { tracked, running, ended };
}

/** Why the turn ended early: the signal's reason when it was aborted, else what was thrown. */
function failureOf(err: unknown, signal: AbortSignal | undefined): unknown {
  return signal?.aborted && signal.reason instanceof AppError ? signal.reason : err;
}

export async function* runAgentTurn(input: AgentTurnInput): AsyncGenerator<ReplyEvent, void, undefined> {
  const { actor, conversations, conversationId } = input;
  const history = buildHistory(input.recent ?? (await conversations.recent(conversationId)), input.memoryTokens ?? 6000);
  const instructions = buildInstructions({
    actor,
    now: input.now ?? new Date(),
    capabilities: Object.keys(input.tools).map((name) => ({ name, line: input.capabilities?.[name] ?? 'see its description' })),
    platform: input.platform,
  });
  const messages: ModelMessage[] = [...history.messages, { role: 'user', content: input.message }];
  const streaming = input.streamText ?? true;
  // Without a stream there are no tool-call parts to show status at: it is shown as each tool starts.
  const queued: ReplyEvent[] = [];
  let wake: (() => void) | undefined;
  const calls = trackCalls(
    input.tools,
    streaming
      ? undefined
      : (name) => {
          const status = input.describeToolCall?.(name);
          if (!status) return;
          queued.push({ type: 'status', text: status });
          wake?.();
        },
  );
  const reported = new Set<string>();

  let text = '';
  const cards: Card[] = [];
  const toolCalls: ToolCallRecord[] = [];
  let usage = { inputTokens: 0, outputTokens: 0 };
  let responseMessages: ModelMessage[] = [];
  let failure: unknown;
  const invalidCalls = new Set<string>();

  /** One part of the model's output (a stream part, or a generated step's content) as the turn's events. */
  async function* onPart(part: TextStreamPart<ToolSet> | StepResult<ToolSet>['content'][number]): AsyncGenerator<ReplyEvent> {
    switch (part.type) {
      case 'text-delta':
      case 'text':
        if (!part.text) break;
        text += part.text;
        yield { type: 'text-delta', delta: part.text };
        break;
      case 'tool-call': {
        if ((part as { invalid?: boolean }).invalid && Object.hasOwn(input.tools, part.toolName)) {
          // Arguments that do not parse as the tool's input: refused by the SDK, and audited here.
          invalidCalls.add(part.toolCallId);
          toolCalls.push({ name: part.toolName, input: part.input, outcome: 'invalid', errorCode: 'invalid_tool_call' });
          log.warn('the model sent a malformed tool call', { tool: part.toolName });
          await input.onInvalidToolCall?.(part.toolName, typeof part.input === 'string' ? part.input : JSON.stringify(part.input ?? null));
          break;
        }
        const status = streaming ? input.describeToolCall?.(part.toolName) : undefined;
        if (status) yield { type: 'status', text: status };
        break;
      }
      case 'tool-result': {
        reported.add(part.toolCallId);
        const output = part.output;
        if (isToolOutput(output)) {
          toolCalls.push({ name: part.toolName, input: part.input, outcome: output.outcome, errorCode: output.error?.code });
          for (const card of output.cards ?? []) {
            cards.push(card);
            yield { type: 'card', card };
          }
        } else {
          toolCalls.push({ name: part.toolName, input: part.input, outcome: 'ok' });
        }
        break;
      }
      case 'tool-error':
        if (invalidCalls.has(part.toolCallId)) {
          // Recorded and audited at its tool-call part; the SDK tells the model what was wrong.
        } else if (!Object.hasOwn(input.tools, part.toolName)) {
          toolCalls.push({ name: part.toolName, input: part.input, outcome: 'denied', errorCode: 'forbidden' });
          log.warn('the model asked for a tool it was not offered', { tool: part.toolName });
          await input.onUnavailableTool?.(part.toolName, part.input);
        } else {
          toolCalls.push({ name: part.toolName, input: part.input, outcome: 'error', errorCode: toAppError(part.error).code });
          log.error('tool failed outside the tool middleware', { err: part.error, tool: part.toolName });
        }
        break;
      case 'error':
        // Read on to the end, so the model call is settled and audited before the turn ends.
        failure ??= part.error;
        break;
      default:
        break;
    }
  }

  const call = {
    model: input.model,
    instructions,
    messages,
    tools: calls.tracked,
    stopWhen: isStepCount(input.maxSteps ?? 6),
    maxOutputTokens: input.maxOutputTokens ?? 4096,
    abortSignal: input.signal,
    // The model middleware retries a 429 within LLM_TIMEOUT_MS; retries here would add attempts past it.
    maxRetries: 0,
    // Turns are traced by core/telemetry (observe.ts), not by the SDK's integrations, which SalesOS never
    // registers: without this the SDK still copies, filters and redacts each step's and tool call's event
    // for its tracing channel, a few per cent of a turn's CPU for nobody.
    telemetry: { isEnabled: false },
  };
  try {
    if (streaming) {
      // Failures are logged once, below, through our logger (the default writes raw dumps to the console).
      const result = streamText({ ...call, onError: () => {} });
      for await (const part of result.stream) yield* onPart(part);
      // An aborted stream ends quietly: the signal's reason says why.
      if (input.signal?.aborted) throw input.signal.reason;
      if (failure !== undefined) throw failure;
      const total = await result.usage;
      usage = { inputTokens: total.inputTokens ?? 0, outputTokens: total.outputTokens ?? 0 };
      responseMessages = (await result.responseMessages) as ModelMessage[];
    } else {
      const pending = generateText(call);
      let outcome: { result: Awaited<typeof pending> } | { error: unknown } | undefined;
      const generated = pending.then(
        (result) => void (outcome = { result }),
        (error: unknown) => void (outcome = { error }),
      );
      // Tool statuses as the tools start, while the model calls and tools run.
      while (!outcome) {
        await Promise.race([generated, new Promise<void>((r) => (wake = r))]);
        wake = undefined;
        while (queued.length) yield queued.shift()!;
      }
      if ('error' in outcome) throw outcome.error;
      const { result } = outcome;
      for (const step of result.steps) for (const part of step.content) yield* onPart(part);
      if (input.signal?.aborted) throw input.signal.reason;
      if (failure !== undefined) throw failure;
      usage = { inputTokens: result.usage.inputTokens ?? 0, outputTokens: result.usage.outputTokens ?? 0 };
      responseMessages = result.responseMessages as ModelMessage[];
    }
  } catch (err) {
    failure = failureOf(err, input.signal);
  }
  // Never an empty reply: a model that says nothing (and calls no tool) is a failure the rep hears about.
  if (failure === undefined && !text.trim() && cards.length === 0)
    failure = new AppError('provider_bad_response', 'The AI model returned an empty answer. Please ask again, perhaps in other words.', {
      logMessage: 'the model returned no text and no tool call',
    });

  if (failure !== undefined) {
    // Tools still running saw the same abort: wait for them to end, then report what they did.
    const unfinished = [...calls.running.entries()].filter(([id]) => !reported.has(id)).map(([, p]) => p);
    if (unfinished.length) await Promise.race([Promise.allSettled(unfinished), new Promise((r) => setTimeout(r, TOOL_SETTLE_MS).unref())]);
    for (const [id, call] of calls.ended) {
      if (reported.has(id)) continue;
      const output = call.output;
      toolCalls.push(
        isToolOutput(output)
          ? { name: call.name, input: call.input, outcome: output.outcome, errorCode: output.error?.code }
          : { name: call.name, input: call.input, outcome: 'ok' },
      );
    }
    const appErr = toAppError(failure);
    // A wrong API key needs an admin: an error, like a bug; the rest (deadlines, provider hiccups) are warnings.
    if (appErr.code === 'internal') log.error('turn failed', { err: failure, conversationId });
    else if (appErr.code === 'provider_auth') log.error(`turn failed: ${appErr.message}`, { err: failure, code: appErr.code, conversationId });
    else log.warn(`turn failed: ${appErr.message}`, { err: failure, code: appErr.code, conversationId });
    const stepsDone = toolCalls.some((c) => c.outcome === 'ok');
    const message =
      appErr.code === 'internal'
        ? 'Sorry — something went wrong while answering. The details are in the server log; please try again.'
        : appErr instanceof StoppedCallError && stepsDone
          ? appErr.messageAfterSteps()
          : appErr.userMessage;
    const sep = text ? '\n\n' : '';
    text += sep + message;
    yield { type: 'text-delta', delta: sep + message };
    const card: Card = { type: 'error', message, code: appErr.code };
    cards.push(card);
    yield { type: 'card', card };
    responseMessages = [{ role: 'assistant', content: text }];
  }

  const reply: Reply = {
    text,
    cards,
    toolCalls,
    usage: { ...usage, costUsd: input.priceUsage?.(usage) ?? 0 },
  };
  try {
    await conversations.append(conversationId, [
      { role: 'user', text: input.message, userId: actor.id, tokens: estimateTokens(input.message) },
      { role: 'assistant', text, parts: responseMessages, cards, tokens: estimateTokens(responseMessages) },
    ]);
  } catch (err) {
    // The rep still gets the answer; memory for this turn is lost, which the log records.
    log.error('could not store the turn in thread memory', { err, conversationId });
  }
  yield { type: 'done', reply };
}
