// A card button (Action.Execute invoke, or Action.Submit message) → assistant.handleAction → the card is
// replaced by the outcome. A double click on the same card button runs once.
import { createHash } from 'node:crypto';
import { TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import type { CardAction, ReplyEvent } from '../../core/agent/types.ts';
import type { Card } from '../../core/cards.ts';
import { toAppError } from '../../core/errors.ts';
import { withLogContext } from '../../core/log.ts';
import type { TeamsBotContext } from './bot-context.ts';
import type { AdaptiveCard } from './cards/elements.ts';
import { renderActionResult, renderWorkingCard } from './cards/render-action-result.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE } from './cards/render-reply.ts';
import { conversationKeyOf } from './identity.ts';

const cardActionSchema = z.union([
  z.object({ kind: z.enum(['confirm', 'cancel']), actionId: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('tool'), tool: z.string().min(1).max(100), input: z.record(z.string(), z.unknown()) }),
]);

/** The CardAction a SalesOS button carries (`data.salesos`), or undefined for anything else. */
export function cardActionOf(data: unknown): CardAction | undefined {
  const parsed = cardActionSchema.safeParse((data as { salesos?: unknown } | undefined)?.salesos);
  return parsed.success ? (parsed.data as CardAction) : undefined;
}

/**
 * Same card message + same button = same delivery. Teams gives each click its own activity id, so that id
 * cannot catch a double click; once the card is replaced its buttons are gone, so this key never blocks a
 * legitimate second use.
 */
export function actionDeliveryId(context: TurnContext, action: CardAction): string {
  const activity = context.activity;
  const card = activity.replyToId ?? activity.id ?? '';
  const digest = createHash('sha256').update(JSON.stringify(action)).digest('hex').slice(0, 16);
  return `action:${activity.conversation?.id ?? ''}:${card}:${digest}`;
}

interface ActionOutcome {
  text: string;
  cards: Card[];
}

async function collect(events: AsyncIterable<ReplyEvent>): Promise<ActionOutcome> {
  const cards: Card[] = [];
  let text = '';
  for await (const event of events) {
    if (event.type === 'card') cards.push(event.card);
    else if (event.type === 'text-delta') text += event.delta;
    else if (event.type === 'done') return { text: event.reply.text, cards: event.reply.cards.length ? event.reply.cards : cards };
  }
  return { text, cards };
}

function errorResult(bot: TeamsBotContext, err: unknown, action: CardAction): AdaptiveCard {
  const appError = toAppError(err);
  bot.log.error('teams card action failed', { err, action: action.kind === 'tool' ? action.tool : action.kind });
  return renderActionResult({ text: '', cards: [{ type: 'error', message: appError.userMessage, code: appError.code }] });
}

/**
 * Resolves who clicked while the TurnContext is alive (it may be revoked once an invoke answers), then
 * returns the action's work, which no longer touches the context.
 */
async function startAction(context: TurnContext, bot: TeamsBotContext, action: CardAction, deliveryId: string): Promise<{ work: Promise<AdaptiveCard> }> {
  const conversationKey = conversationKeyOf(context.activity);
  let actor;
  try {
    actor = await bot.identities.actorFor(context);
  } catch (err) {
    return { work: Promise.resolve(errorResult(bot, err, action)) };
  }
  const work = collect(bot.assistant.handleAction({ deliveryId, platform: 'teams', actor, conversationKey, action })).then(
    (outcome) => renderActionResult(outcome),
    (err) => errorResult(bot, err, action),
  );
  return { work };
}

const ALREADY_HANDLED: AdaptiveCardInvokeResponse = {
  statusCode: 200,
  type: 'application/vnd.microsoft.activity.message',
  value: 'That button was already pressed; the card updates with the result.' as unknown as Record<string, unknown>,
};

function cardResponse(content: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: content as unknown as Record<string, unknown> };
}

/** Action.Execute: answer in the invoke response; a slow action answers "working" and updates the card later. */
export async function handleExecuteInvoke(context: TurnContext, bot: TeamsBotContext, data: unknown): Promise<AdaptiveCardInvokeResponse> {
  const action = cardActionOf(data);
  if (!action) {
    return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'Not a SalesOS card action.' } as unknown as Record<string, unknown> };
  }
  const deliveryId = actionDeliveryId(context, action);
  return withLogContext({ deliveryId }, async () => {
    if (!(await bot.assistant.claimDelivery('teams', deliveryId))) return ALREADY_HANDLED;
    const { work } = await startAction(context, bot, action, deliveryId);
    const late = Symbol('late');
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([work, new Promise<typeof late>((resolve) => (timer = setTimeout(() => resolve(late), bot.timing.invokeBudgetMs)))]);
    clearTimeout(timer);
    if (first !== late) return cardResponse(first);

    // The TurnContext ends with this invoke, so the late update goes through a fresh one.
    const reference = TurnContext.getConversationReference(context.activity);
    const cardActivityId = context.activity.replyToId;
    bot.track(
      work.then((content) =>
        cardActivityId
          ? bot.transport.continueConversation(reference, async (ctx) => {
              await ctx.updateActivity({ type: 'message', id: cardActivityId, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content }] });
            })
          : undefined,
      ),
    );
    return cardResponse(renderWorkingCard(action.kind === 'tool' ? action.tool : action.kind === 'confirm' ? 'Confirmed' : 'Cancelled'));
  });
}

/** Action.Submit arrives as a message with `value`; the request is already acknowledged, so run it fully. */
export async function handleSubmit(context: TurnContext, bot: TeamsBotContext, action: CardAction): Promise<void> {
  const deliveryId = actionDeliveryId(context, action);
  await withLogContext({ deliveryId }, async () => {
    if (!(await bot.assistant.claimDelivery('teams', deliveryId))) return;
    const content = await (await startAction(context, bot, action, deliveryId)).work;
    const attachments = [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content }];
    if (context.activity.replyToId) await context.updateActivity({ type: 'message', id: context.activity.replyToId, attachments });
    else await context.sendActivity({ type: 'message', attachments });
  });
}
