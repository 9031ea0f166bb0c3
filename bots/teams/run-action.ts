// A card button (Action.Execute invoke, or Action.Submit message) → assistant.handleAction → the card is
// replaced by the outcome. A double click on the same card button runs once.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Actor, CardAction, ReplyEvent } from '../../core/agent/types.ts';
import type { Card } from '../../core/cards.ts';
import { toAppError } from '../../core/errors.ts';
import { withLogContext } from '../../core/log.ts';
import type { TeamsBotContext } from './bot-context.ts';
import { buttonOwnerOf, stampOwner } from './button-owner.ts';
import { trimCard } from './fit-size.ts';
import { isTimeZone } from '../../core/time-zone.ts';
import { localiseDates, type Reader } from './local-dates.ts';
import type { AdaptiveCard } from './cards/elements.ts';
import { renderActionResult, renderWorkingCard } from './cards/render-action-result.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE } from './cards/render-reply.ts';
import { conversationKeyOf } from './identity.ts';
import type { CardActionAnswer, TeamsTurn } from './turn.ts';

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
export function actionDeliveryId(context: TeamsTurn, action: CardAction): string {
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

/** Who clicked, if they may use this button; otherwise what to tell them. Spends nothing. */
async function authorise(
  context: TeamsTurn,
  bot: TeamsBotContext,
  action: CardAction,
  data: unknown,
): Promise<{ actor: Actor; reader: Reader } | { refusal: string }> {
  const owner = buttonOwnerOf(data);
  if (owner && owner !== context.activity.from?.id)
    return { refusal: 'These buttons belong to the person this card was made for, so only they can use them. Ask me yourself to get your own.' };
  let actor: Actor;
  try {
    actor = await bot.identities.actorFor(context);
  } catch (err) {
    return { refusal: toAppError(err).userMessage };
  }
  const why = await bot.assistant.checkAction(actor, action);
  const timeZone = isTimeZone(context.activity.localTimezone) ? context.activity.localTimezone : actor.timeZone;
  return why ? { refusal: why } : { actor, reader: { locale: context.activity.locale, timeZone } };
}

/** The action's work; it no longer touches the TurnContext, which may be revoked once an invoke answers. */
function startAction(context: TeamsTurn, bot: TeamsBotContext, actor: Actor, action: CardAction, deliveryId: string): Promise<ActionOutcome> {
  const conversationKey = conversationKeyOf(context.activity);
  return collect(bot.assistant.handleAction({ deliveryId, platform: 'teams', actor, conversationKey, action })).catch((err) => {
    const appError = toAppError(err);
    bot.log.error('teams card action failed', { err, action: action.kind === 'tool' ? action.tool : action.kind });
    return { text: appError.userMessage, cards: [{ type: 'error' as const, message: appError.userMessage, code: appError.code }] };
  });
}

/** Nothing but errors: the click did nothing, so the card stays and the button can be used again. */
function failed(outcome: ActionOutcome): string | undefined {
  if (!outcome.cards.length || outcome.cards.some((c) => c.type !== 'error')) return undefined;
  return outcome.cards.map((c) => (c.type === 'error' ? c.message : '')).join(' ');
}

/** New buttons on the result (e.g. a confirmation) belong to whoever pressed this one. */
function resultCard(clickerId: string | undefined, reader: Reader, outcome: ActionOutcome): AdaptiveCard {
  const [attachment] = stampOwner({ attachments: [{ content: renderActionResult(outcome) }] }, clickerId).attachments;
  // An invoke response or a card update carries one card: trimmed to fit Teams' size limit if it must be.
  return trimCard({ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: localiseDates(attachment!.content, reader) }).content;
}

function messageResponse(text: string): CardActionAnswer {
  // Shown to the clicker only; the card stays as it is for everyone.
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

const ALREADY_HANDLED = messageResponse('That button was already pressed; the card updates with the result.');

function cardResponse(content: AdaptiveCard): CardActionAnswer {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: content };
}

/** Action.Execute: answer in the invoke response; a slow action answers "working" and updates the card later. */
export async function handleExecuteInvoke(context: TeamsTurn, bot: TeamsBotContext, data: unknown): Promise<CardActionAnswer> {
  const action = cardActionOf(data);
  if (!action) {
    return {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: 'Not a SalesOS card action.' },
    };
  }
  const deliveryId = actionDeliveryId(context, action);
  return withLogContext({ deliveryId }, async () => {
    // Authorise first: a refused click must not spend the button its owner still needs.
    const who = await authorise(context, bot, action, data);
    if ('refusal' in who) {
      bot.log.info('teams card action refused', { reason: who.refusal });
      return messageResponse(who.refusal);
    }
    if (!(await bot.assistant.claimDelivery('teams', deliveryId))) return ALREADY_HANDLED;
    const clickerId = context.activity.from?.id;
    const work = startAction(context, bot, who.actor, action, deliveryId);
    const late = Symbol('late');
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([work, new Promise<typeof late>((resolve) => (timer = setTimeout(() => resolve(late), bot.timing.invokeBudgetMs)))]);
    clearTimeout(timer);
    if (first !== late) {
      const failure = failed(first);
      if (!failure) return cardResponse(resultCard(clickerId, who.reader, first));
      await bot.assistant.releaseDelivery('teams', deliveryId);
      return messageResponse(failure);
    }

    // The TurnContext ends with this invoke, so the late update goes through a fresh one. The card already
    // shows "working", so even a failure replaces it (with the error); the button is released all the same.
    const reference = context.conversationAddress();
    const cardActivityId = context.activity.replyToId;
    bot.track(
      work.then(async (outcome) => {
        if (failed(outcome)) await bot.assistant.releaseDelivery('teams', deliveryId);
        const content = resultCard(clickerId, who.reader, outcome);
        if (!cardActivityId) return;
        await bot.transport.continueConversation(reference, async (ctx) => {
          await ctx.updateActivity({ type: 'message', id: cardActivityId, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content }] });
        });
      }),
    );
    return cardResponse(renderWorkingCard(action.kind === 'tool' ? action.tool : action.kind === 'confirm' ? 'Confirmed' : 'Cancelled'));
  });
}

/** Action.Submit arrives as a message with `value`; the request is already acknowledged, so run it fully. */
export async function handleSubmit(context: TeamsTurn, bot: TeamsBotContext, action: CardAction): Promise<void> {
  const deliveryId = actionDeliveryId(context, action);
  await withLogContext({ deliveryId }, async () => {
    // Teams has no private replies for a message: refusals and failures are a short reply, the card stays.
    const who = await authorise(context, bot, action, context.activity.value);
    if ('refusal' in who) {
      bot.log.info('teams card action refused', { reason: who.refusal });
      await context.sendActivity({ type: 'message', text: who.refusal });
      return;
    }
    if (!(await bot.assistant.claimDelivery('teams', deliveryId))) {
      // The card answers the first click; a message here would be seen by everyone in the chat.
      bot.log.info('teams card action already handled; dropping the repeat');
      return;
    }
    const outcome = await startAction(context, bot, who.actor, action, deliveryId);
    const failure = failed(outcome);
    if (failure) {
      await bot.assistant.releaseDelivery('teams', deliveryId);
      await context.sendActivity({ type: 'message', text: failure });
      return;
    }
    const attachments = [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: resultCard(context.activity.from?.id, who.reader, outcome) }];
    if (context.activity.replyToId) await context.updateActivity({ type: 'message', id: context.activity.replyToId, attachments });
    else await context.sendActivity({ type: 'message', attachments });
  });
}
