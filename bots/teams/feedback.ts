// Teams' feedback buttons (thumbs up/down under an AI reply, with an optional comment) arrive as a
// `message/submitAction` invoke; each rating is stored against the reply it rates.
import { toAppError } from '../../core/errors.ts';
import type { TeamsBotContext } from './bot-context.ts';
import { conversationKeyOf } from './identity.ts';
import type { InvokeAnswer, TeamsTurn } from './turn.ts';

/** What marks a reply as AI-written in Teams ("AI generated" label) and turns its feedback buttons on. */
export const AI_REPLY_FIELDS = {
  entities: [{ type: 'https://schema.org/Message', '@type': 'Message', '@context': 'https://schema.org', '@id': '', additionalType: ['AIGeneratedContent'] }],
  channelData: { feedbackLoopEnabled: true },
};

interface FeedbackValue {
  actionName?: string;
  actionValue?: { reaction?: string; feedback?: string };
}

function commentOf(feedback: string | undefined): string | undefined {
  if (!feedback) return undefined;
  try {
    const parsed = JSON.parse(feedback) as { feedbackText?: unknown };
    return typeof parsed.feedbackText === 'string' ? parsed.feedbackText : undefined;
  } catch {
    return feedback;
  }
}

const bad = (message: string): InvokeAnswer => ({ status: 400, body: { code: 'BadRequest', message } });

export async function handleFeedback(context: TeamsTurn, bot: TeamsBotContext): Promise<InvokeAnswer> {
  const activity = context.activity;
  const value = (activity.value ?? {}) as FeedbackValue;
  const reaction = value.actionValue?.reaction;
  if (value.actionName !== 'feedback' || (reaction !== 'like' && reaction !== 'dislike')) return bad('Expected feedback with a like or dislike reaction.');
  if (!activity.replyToId) return bad('Feedback must name the message it rates.');
  try {
    const actor = await bot.identities.actorFor(context);
    await bot.assistant.rateReply({
      platform: 'teams',
      actor,
      conversationKey: conversationKeyOf(activity),
      replyId: activity.replyToId,
      reaction,
      comment: commentOf(value.actionValue?.feedback),
    });
    return { status: 200, body: {} };
  } catch (err) {
    const appError = toAppError(err);
    bot.log.warn('teams feedback not stored', { err });
    return {
      status: appError.code === 'forbidden' ? 403 : appError.code === 'invalid_input' ? 400 : 500,
      body: { code: appError.code, message: appError.userMessage },
    };
  }
}
