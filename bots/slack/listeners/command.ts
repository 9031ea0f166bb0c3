// /salesos <text>: the same assistant, answered privately (through the command's response_url, which works
// in any channel) with a "Share in channel" button.
import type { App } from '@slack/bolt';
import type { Card } from '../../../core/cards.ts';
import { LIMITS } from '../blocks/limits.ts';
import { renderReply, type SlackMessage } from '../blocks/render-reply.ts';
import type { ListenerDeps } from '../deps.ts';
import { runTurn } from '../run-turn.ts';
import { encodeShare, shareButtonBlock } from '../share.ts';
import type { ReplySurface } from '../surfaces.ts';
import { commandKey } from './keys.ts';

export const COMMAND = '/salesos';
export const COMMAND_HELP =
  'Ask SalesOS anything about your leads, e.g. `/salesos find CTOs in fintech in Germany` or `/salesos roast this email: …`. Only you see the answer until you share it.';

export function register(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ command, ack, client, respond }) => {
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
    await runTurn(deps, {
      client,
      // Slash commands carry no event id; the trigger id is unique per invocation.
      deliveryId: `cmd:${command.trigger_id}`,
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
