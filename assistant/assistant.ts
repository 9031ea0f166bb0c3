// The Assistant the bots talk to: one turn = actor's allowed tools (wrapped in policy) + the agent;
// one card action = the same tools through the same policy, without the model.
import { wrapLanguageModel } from 'ai';
import { runAgentTurn } from '../core/agent/run-agent-turn.ts';
import type { ToolOutput } from '../core/agent/tool-output.ts';
import type { Actor, Platform, Reply, ReplyEvent, Turn } from '../core/agent/types.ts';
import type { Card, ConfirmationCard } from '../core/cards.ts';
import type { ConversationRepository } from '../core/db/conversations-repository.ts';
import type { DeliveryRepository } from '../core/db/deliveries-repository.ts';
import { turnTimeout } from '../core/deadlines.ts';
import type { FeedbackRepository } from '../core/db/feedback-repository.ts';
import { AppError, toAppError } from '../core/errors.ts';
import type { InFlightWork } from '../core/in-flight.ts';
import { log, withLogContext } from '../core/log.ts';
import type { ModelChoice } from '../core/models/language-model.ts';
import { createModelDeadlineMiddleware } from '../core/models/model-deadline.ts';
import { offlineActorMiddleware } from '../core/models/offline/offline-model.ts';
import type { ActionRequest, Assistant } from './assistant-contract.ts';
import { toAiToolSet } from './ai-tools.ts';
import { ALL_TOOLS, capabilitiesOf, toolNamed, toolsFor, toolsForActor, type ToolName } from '../tools/registry.ts';
import { runTool } from './run-tool.ts';
import type { ToolServices, TurnModel } from '../tools/services.ts';
import type { SalesTool, ToolContext } from '../tools/tool.ts';

export interface AssistantDeps {
  services: ToolServices;
  conversations: ConversationRepository;
  deliveries: DeliveryRepository;
  feedback: FeedbackRepository;
  model: ModelChoice;
  tools?: readonly SalesTool[];
  /** Model steps per turn. */
  maxSteps?: number;
  /** LLM_TIMEOUT_MS and TURN_TIMEOUT_MS (defaults 60 s and 120 s). */
  deadlines?: { llmMs: number; turnMs: number };
  /** Where turns and card actions are registered, so shutdown can wait for them and stop what is left. */
  inFlight?: InFlightWork;
}

export interface SalesAssistant extends Assistant {
  /** The tools an actor is offered (by role). */
  toolsFor(actor: Actor): SalesTool[];
}

/** What a home screen shows: today's budget, then the rep's five newest leads. */
const OVERVIEW_TOOLS: [ToolName, Record<string, unknown>][] = [
  ['myUsage', {}],
  ['findLeads', { owner: 'me', sort: 'recent', limit: 5 }],
];

export function createAssistant(deps: AssistantDeps): SalesAssistant {
  const allTools = deps.tools ?? ALL_TOOLS;
  const { services } = deps;
  const deadlines = deps.deadlines ?? { llmMs: 60_000, turnMs: 120_000 };
  const deadline = createModelDeadlineMiddleware({ timeoutMs: deadlines.llmMs });

  function guardedModel(actor: Actor, platform: Platform, conversationId: string): TurnModel {
    // CostGuard outside the deadline: it settles and audits every call with the named failure. The offline
    // model reads the actor from its provider options, to use the words of the leads they may see.
    // LLM_TIMEOUT_MS guards calls that leave the process; the offline model answers in-process (TURN_TIMEOUT_MS
    // still bounds its turn), and the deadline's stream layer and per-chunk timer were CPU on every turn.
    const middleware =
      deps.model.provider === 'offline'
        ? [services.guards.costs.modelMiddleware(actor, deps.model.id, { platform, conversationId }), offlineActorMiddleware(actor)]
        : [services.guards.costs.modelMiddleware(actor, deps.model.id, { platform, conversationId }), deadline];
    return { model: wrapLanguageModel({ model: deps.model.model as Parameters<typeof wrapLanguageModel>[0]['model'], middleware }), id: deps.model.id };
  }

  async function contextFor(actor: Actor, platform: Platform, conversationId: string | undefined, llm?: TurnModel, signal?: AbortSignal): Promise<ToolContext> {
    const [scope, team] = await Promise.all([
      services.users.scopeFor(actor),
      actor.role === 'rep' ? Promise.resolve([]) : services.users.teamMembers(actor.id),
    ]);
    return { actor, platform, conversationId, scope, teamMemberIds: team.map((u) => u.id), services, llm, signal };
  }

  /** TURN_TIMEOUT_MS and shutdown, as one signal for the model calls and tools of a turn or card action. */
  async function* bounded(what: string, run: (signal: AbortSignal) => AsyncGenerator<ReplyEvent>): AsyncGenerator<ReplyEvent> {
    const unit = deps.inFlight?.begin(what);
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(turnTimeout(deadlines.turnMs)), deadlines.turnMs);
    timeout.unref();
    try {
      yield* run(unit ? AbortSignal.any([unit.signal, timer.signal]) : timer.signal);
    } finally {
      clearTimeout(timeout);
      unit?.end();
    }
  }

  async function* turn(t: Turn, signal: AbortSignal): AsyncGenerator<ReplyEvent> {
    const opened = t.claimDelivery
      ? await deps.conversations.claimAndOpenWithRecent({ platform: t.platform, deliveryId: t.deliveryId }, t.conversationKey, t.platform, t.actor.id)
      : { claimed: true as const, ...(await deps.conversations.openWithRecent(t.conversationKey, t.platform, t.actor.id)) };
    if (!opened.claimed) {
      log.debug('dropped a delivery already handled', { platform: t.platform, deliveryId: t.deliveryId });
      return;
    }
    const { conversation, messages: recent } = opened;
    const llm = guardedModel(t.actor, t.platform, conversation.id);
    const ctx = await contextFor(t.actor, t.platform, conversation.id, deps.model.provider === 'offline' ? undefined : llm, signal);
    const offered = toolsFor(t.actor.role, allTools);
    // A tool call the turn refused before it ran (not offered, or arguments that are not JSON): audited, never fatal.
    const refusal = (name: string, input: unknown, outcome: 'denied' | 'invalid', errorCode: string) =>
      services.guards.audit
        .append({
          kind: 'tool',
          name,
          actorId: t.actor.id,
          platform: t.platform,
          conversationId: conversation.id,
          input,
          redactFields: toolNamed(name, allTools)?.redactInAudit,
          outcome,
          errorCode,
          costUsd: 0,
          durationMs: 0,
        })
        .catch((err) => {
          log.error('audit append failed', { err, tool: name });
        });
    yield* runAgentTurn({
      capabilities: capabilitiesOf(offered),
      signal,
      actor: t.actor,
      platform: t.platform,
      conversationId: conversation.id,
      recent,
      message: t.text,
      // A read-only actor (e.g. a Slack guest) is offered no write tool at all.
      tools: toAiToolSet(
        offered.filter((tool) => toolsForActor(t.actor, [tool]).length),
        ctx,
      ),
      model: llm.model,
      conversations: deps.conversations,
      maxSteps: deps.maxSteps,
      // The offline model's answer is complete at once: one generate call per step, not a stream of its parts.
      streamText: deps.model.streams ?? true,
      describeToolCall: (name) => toolNamed(name, allTools)?.statusText,
      priceUsage: (usage) => services.guards.costs.priceOf(deps.model.id, usage),
      onUnavailableTool: (name, input) => refusal(name, input, 'denied', 'forbidden'),
      onInvalidToolCall: (name, rawInput) =>
        refusal(name, { malformedArguments: malformedForAudit(rawInput, toolNamed(name, allTools)) }, 'invalid', 'invalid_tool_call'),
    });
  }

  async function* action(req: ActionRequest, signal: AbortSignal): AsyncGenerator<ReplyEvent> {
    const conversation = await deps.conversations.open(req.conversationKey, req.platform, req.actor.id);
    const llm = deps.model.provider === 'offline' ? undefined : guardedModel(req.actor, req.platform, conversation.id);
    const ctx = await contextFor(req.actor, req.platform, conversation.id, llm, signal);
    const cards: Card[] = [];
    let text = '';
    let output: ToolOutput | undefined;
    let toolName = '';
    const a = req.action;
    try {
      if (a.kind === 'tool') {
        const t = toolNamed(a.tool, allTools);
        if (!t) throw new AppError('invalid_input', `There is no action called "${a.tool}".`);
        toolName = t.name;
        yield { type: 'status', text: t.statusText };
        output = await runTool(t, a.input, ctx);
      } else if (a.kind === 'confirm') {
        const claimed = await services.guards.confirmations.claim(a.actionId, req.actor);
        const t = toolNamed(claimed.tool, allTools);
        if (!t) throw new AppError('internal', `The confirmed action uses an unknown tool "${claimed.tool}".`);
        toolName = t.name;
        yield { type: 'status', text: t.statusText };
        output = await runTool(t, claimed.input, ctx, { confirmed: true });
        await services.guards.confirmations.complete(claimed.id, { ok: output.ok, summary: output.summary });
        cards.push(decided(claimed, 'confirmed'));
      } else {
        const cancelled = await services.guards.confirmations.cancel(a.actionId, req.actor);
        cards.push(decided(cancelled, 'cancelled'));
        text = `Cancelled: ${cancelled.summary}. Nothing was changed.`;
      }
    } catch (err) {
      const e = toAppError(err);
      if (e.code === 'internal') log.error('card action failed', { err, action: a });
      text = e.userMessage;
      cards.push({ type: 'error', message: e.userMessage, code: e.code });
    }
    if (output) {
      text = output.summary;
      cards.push(...(output.cards ?? []));
      if (!output.ok && output.error) cards.push({ type: 'error', message: output.error.message, code: output.error.code });
    }
    for (const card of cards) yield { type: 'card', card };
    yield { type: 'text-delta', delta: text };
    const reply: Reply = {
      text,
      cards,
      toolCalls: output
        ? [{ name: toolName, input: a.kind === 'tool' ? a.input : undefined, outcome: output.outcome, errorCode: output.error?.code, data: output.data }]
        : [],
      usage: { inputTokens: 0, outputTokens: 0, costUsd: output?.costUsd ?? 0 },
    };
    // The model should know what the buttons did when the rep talks again in this thread.
    await deps.conversations
      .append(conversation.id, [{ role: 'assistant', text, cards, tokens: Math.ceil(text.length / 4) }])
      .catch((err) => log.error('could not store a card action in thread memory', { err }));
    yield { type: 'done', reply };
  }

  return {
    toolsFor: (actor) => toolsForActor(actor, allTools),
    async overview(actor, platform) {
      // Read tools only, bounded like a turn.
      const ctx = await contextFor(actor, platform, undefined, undefined, AbortSignal.timeout(deadlines.turnMs));
      const cards: Card[] = [];
      for (const [name, input] of OVERVIEW_TOOLS) {
        const t = toolNamed(name, allTools);
        if (!t || !toolsForActor(actor, [t]).length) continue;
        const out = await runTool(t, input, ctx);
        cards.push(...(out.cards ?? []));
        if (!out.ok && out.error) cards.push({ type: 'error', message: out.error.message, code: out.error.code });
      }
      return cards;
    },
    claimDelivery: (platform, deliveryId) => deps.deliveries.claim(platform, deliveryId),
    releaseDelivery: (platform, deliveryId) => deps.deliveries.release(platform, deliveryId),
    async rateReply({ platform, actor, conversationKey, replyId, reaction, comment }) {
      await deps.feedback.rate({ userId: actor.id, platform, conversationKey, replyId, reaction, comment });
      log.info('reply rated', { platform, reaction, withComment: Boolean(comment?.trim()) });
    },
    async checkAction(actor, action) {
      if (action.kind === 'tool') return undefined; // a tool button runs as whoever clicks, within their own scope
      return (await services.guards.confirmations.ownerCheck(action.actionId, actor))?.userMessage;
    },
    handleTurn: (t) =>
      withContext({ turnId: t.deliveryId, platform: t.platform, userId: t.actor.id }, () => bounded(`${t.platform} turn`, (signal) => turn(t, signal))),
    handleAction: (req) =>
      withContext({ turnId: req.deliveryId, platform: req.platform, userId: req.actor.id }, () =>
        bounded(`${req.platform} card action`, (signal) => action(req, signal)),
      ),
  };
}

/**
 * What the audit keeps of arguments that are not JSON: their text, capped, unless the tool takes an email's
 * text (redactInAudit), whose fields cannot be found in unparsed text, so only the length is kept.
 */
function malformedForAudit(rawInput: string, tool: SalesTool | undefined): string {
  if (tool?.redactInAudit.length) return `[${rawInput.length} characters, not kept: ${tool.name} arguments may hold an email]`;
  return rawInput.length > 2_000 ? `${rawInput.slice(0, 2_000)}…` : rawInput;
}

function decided(action: { id: string; tool: string; summary: string }, state: 'confirmed' | 'cancelled'): ConfirmationCard {
  return { type: 'confirmation', actionId: action.id, tool: action.tool, summary: action.summary, expiresAt: new Date().toISOString(), state };
}

/** Keep log context ids on every line written while the caller iterates the events. */
async function* withContext(ctx: Record<string, string>, make: () => AsyncGenerator<ReplyEvent>): AsyncGenerator<ReplyEvent> {
  const it = make();
  try {
    while (true) {
      const next = await withLogContext(ctx, () => it.next());
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // A consumer that stops at `done` (or gives up) must still run the turn's own clean-up.
    await withLogContext(ctx, () => it.return(undefined));
  }
}
