// A rep's message → one assistant turn, shown as it runs (streaming or typing) and answered with text + cards.
import type { TurnContext } from 'botbuilder';
import type { Turn } from '../../core/agent/types.ts';
import { toAppError } from '../../core/errors.ts';
import { withLogContext } from '../../core/log.ts';
import { renderReply } from './cards/render-reply.ts';
import type { TeamsBotContext } from './bot-context.ts';
import { conversationKeyOf } from './identity.ts';
import { messageText } from './message-text.ts';
import { createReplyWriter, type ReplyWriter } from './streaming.ts';

export async function handleMessage(context: TurnContext, bot: TeamsBotContext): Promise<void> {
  const activity = context.activity;
  const text = messageText(activity);
  if (!text) return;
  const conversationKey = conversationKeyOf(activity);
  await withLogContext({ deliveryId: activity.id, conversationKey }, async () => {
    if (!activity.id || !(await bot.assistant.claimDelivery('teams', activity.id))) {
      bot.log.info('teams message already handled; dropping the retry');
      return;
    }
    let writer: ReplyWriter | undefined;
    try {
      const actor = await bot.identities.actorFor(context);
      writer = createReplyWriter(context, { log: bot.log, ...bot.timing, ownerId: activity.from?.id });
      const turn: Turn = { deliveryId: activity.id, platform: 'teams', actor, conversationKey, text };
      let finished = false;
      const cards = [];
      let streamed = '';
      for await (const event of bot.assistant.handleTurn(turn)) {
        if (event.type === 'status') await writer.status(event.text);
        else if (event.type === 'text-delta') {
          streamed += event.delta;
          await writer.delta(event.delta);
        } else if (event.type === 'card') cards.push(event.card);
        else if (event.type === 'done') {
          await writer.finish(event.reply);
          finished = true;
        }
      }
      // The contract promises `done`; if a broken stream ends without it, still show what arrived.
      if (!finished) await writer.finish({ text: streamed, cards });
    } catch (err) {
      const appError = toAppError(err);
      bot.log.error('teams message failed', { err });
      const reply = { text: '', cards: [{ type: 'error' as const, message: appError.userMessage, code: appError.code }] };
      // Through the writer when there is one, so an open 1:1 stream is closed by this final message.
      if (writer) await writer.finish(reply).catch(() => context.sendActivity(renderReply(reply)));
      else await context.sendActivity(renderReply(reply));
    }
  });
}
