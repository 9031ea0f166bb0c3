// /salesos <text>: the same assistant, answered privately (through the command's response_url, which works
// in any channel) with a "Share in channel" button.
import { createHash } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { Card } from '../../../core/cards.ts';
import { LIMITS } from '../blocks/limits.ts';
import { renderReply, type SlackMessage } from '../blocks/render-reply.ts';
import type { ListenerDeps } from '../deps.ts';
import { answerMessage } from '../answer.ts';
import { encodeShare, shareButtonBlock } from '../share.ts';
import type { ReplySurface } from '../surfaces.ts';
import { commandKey } from './keys.ts';

export const COMMAND = '/salesos';
export const COMMAND_HELP =
  'Ask SalesOS anything about your leads, e.g. `/salesos find CTOs in fintech in Germany` or `/salesos roast this email: …`. Only you see the answer until you share it.';

export function register(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ command, ack, client, respond, context }) => {
    const text = command.text.trim();
    if (!text) {
      await ack({ response_type: 'ephemeral', text: COMMAND_HELP });
      return;
    }
    await ack();
    const surface: ReplySurface = {
      where: { channel: command.channel_id, command: COMMAND },
      async post(m: SlackMessage) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: m.text, blocks: m.blocks });
        return undefined;
      },
      render: renderWithShare,
    };
    await answerMessage(deps, {
      client,
      deliveryId: commandDeliveryId(command, context),
      teamId: command.team_id,
      userId: command.user_id,
      conversationKey: commandKey(command.team_id, command.channel_id, command.user_id),
      text,
      surface,
    });
  });
}

/** The private answer, with a Share button on its last message when the answer fits in one button value. */
export function renderWithShare(reply: { text: string; cards: Card[] }): SlackMessage[] {
  const messages = renderReply(reply);
  const value = encodeShare(reply);
  const last = messages[messages.length - 1]!;
  if (value && last.blocks.length < LIMITS.blocksPerMessage) last.blocks = [...last.blocks, shareButtonBlock(value)];
  return messages;
}

/**
 * Slash commands carry no event id; the trigger id is unique per invocation. Without one, the signed
 * request itself (timestamp + body, from the receiver) identifies it, never a key shared by every command.
 */
export function commandDeliveryId(command: { trigger_id?: string; team_id: string; user_id: string; text: string }, context: Record<string, unknown>): string {
  if (command.trigger_id) return `cmd:${command.trigger_id}`;
  if (typeof context.requestId === 'string') return `cmd:req:${context.requestId}`;
  // Socket Mode has no raw request to hash: the envelope's own fields are the best identity left.
  return `cmd:env:${command.team_id}:${command.user_id}:${createHash('sha256').update(command.text).digest('base64url').slice(0, 16)}:${Date.now()}`;
}
