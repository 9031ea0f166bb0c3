// A rep's message → one assistant turn, shown as it runs (streaming or typing) and answered with text + cards.
import type { ReplyEvent, Turn } from '../../core/agent/types.ts';
import { toAppError } from '../../core/errors.ts';
import { withLogContext } from '../../core/log.ts';
import { streamReply } from '../../core/platforms/sender.ts';
import { renderReply } from './cards/render-reply.ts';
import type { TeamsBotContext } from './bot-context.ts';
import { conversationKeyOf } from './identity.ts';
import { isTimeZone } from '../../core/time-zone.ts';
import { messageText } from './message-text.ts';
import type { TeamsActivity, TeamsTurn } from './turn.ts';

const EXAMPLES = '"find CTOs in fintech in Germany", "enrich jane@acme.com", or "roast this email:" with the email pasted below it';

/** What to answer a message with no text to act on; undefined for nothing (e.g. an empty system message). */
export function emptyMessageHint(activity: TeamsActivity): string | undefined {
  const files = (activity.attachments ?? []).filter((a) => a.contentType !== 'text/html' && !a.contentType?.startsWith('application/vnd.microsoft.card'));
  if (files.length)
    return `I can only read text, so I can't open ${files.length === 1 ? 'that file' : 'those files'}. Paste the text into the chat instead — for an email, write "roast this email:" and paste it below.`;
  const botId = activity.recipient?.id;
  const mentioned = (activity.entities ?? []).some((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === botId);
  if (mentioned) {
    const first = activity.from?.name?.trim().split(/\s+/)[0];
    return `Hi${first ? ` ${first}` : ''}! Ask me about your leads, for example ${EXAMPLES}.`;
  }
  return undefined;
}

export async function handleMessage(context: TeamsTurn, bot: TeamsBotContext): Promise<void> {
  const activity = context.activity;
  const text = messageText(activity);
  const conversationKey = conversationKeyOf(activity);
  if (!text) {
    // A file, an image or a bare @mention: say what works instead of staying silent.
    const hint = emptyMessageHint(activity);
    if (hint && activity.id && (await bot.assistant.claimDelivery('teams', activity.id)))
      await context.sendActivity({ type: 'message', textFormat: 'markdown', text: hint });
    return;
  }
  await withLogContext({ deliveryId: activity.id, conversationKey }, async () => {
    if (!activity.id || !(await bot.assistant.claimDelivery('teams', activity.id))) {
      bot.log.info('teams message already handled; dropping the retry');
      return;
    }
    let opened = false;
    try {
      const actor = await bot.identities.actorFor(context);
      const reader = { locale: activity.locale, timeZone: isTimeZone(activity.localTimezone) ? activity.localTimezone : actor.timeZone };
      const reply = bot.replies.openReply({ context, ownerId: activity.from?.id, reader });
      opened = true;
      const turn: Turn = { deliveryId: activity.id, platform: 'teams', actor, conversationKey, text };
      let events: AsyncIterable<ReplyEvent>;
      try {
        events = bot.assistant.handleTurn(turn);
      } catch (err) {
        // The reply may already show "Thinking…": the error message closes it.
        await reply.fail(err);
        return;
      }
      await streamReply(events, reply);
    } catch (err) {
      // Once the reply is open it handles the turn's failures itself (and a failure of its own last resort is thrown).
      if (opened) throw err;
      const appError = toAppError(err);
      bot.log.error('teams message failed', { err });
      await context.sendActivity(renderReply({ text: '', cards: [{ type: 'error' as const, message: appError.userMessage, code: appError.code }] }));
    }
  });
}
