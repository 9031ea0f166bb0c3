// "Share in channel" for private slash-command answers. Slack does not send an ephemeral message's content
// with a button click, so the button carries the answer itself, compressed, within the 2000-character value.
import zlib from 'node:zlib';
import type { Card } from '../../core/cards.ts';
import { LIMITS, SHARE_ACTION_ID, type Block } from './blocks/limits.ts';
import { renderReply, type SlackMessage } from './blocks/render-reply.ts';

interface Shared {
  t: string;
  c: Card[];
}

export function encodeShare(reply: { text: string; cards: Card[] }): string | undefined {
  for (const candidate of [
    { t: reply.text, c: reply.cards },
    { t: reply.text, c: reply.cards.map(compact) },
    { t: reply.text, c: [] },
  ]) {
    const value = zlib.deflateRawSync(JSON.stringify(candidate)).toString('base64');
    if (value.length <= LIMITS.buttonValue) return value;
  }
  return undefined;
}

export function decodeShare(value: string): { text: string; cards: Card[] } | undefined {
  try {
    const s = JSON.parse(zlib.inflateRawSync(Buffer.from(value, 'base64')).toString('utf8')) as Shared;
    return { text: String(s.t ?? ''), cards: Array.isArray(s.c) ? s.c : [] };
  } catch {
    return undefined;
  }
}

export function shareButtonBlock(value: string): Block {
  return {
    type: 'actions',
    block_id: 'salesos_share',
    elements: [{ type: 'button', text: { type: 'plain_text', text: 'Share in channel' }, action_id: SHARE_ACTION_ID, value }],
  };
}

/** The public message a shared answer becomes. */
export function sharedMessage(value: string, userId: string): SlackMessage | undefined {
  const reply = decodeShare(value);
  if (!reply) return undefined;
  const [first] = renderReply(reply);
  const blocks = [
    ...first!.blocks.slice(0, LIMITS.blocksPerMessage - 1),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Shared by <@${userId}>` }] } as Block,
  ];
  return { text: first!.text, blocks };
}

/** A lead list keeps what the shared message shows; paging stays with the person who asked. */
function compact(card: Card): Card {
  if (card.type !== 'lead_list') return card;
  return {
    type: 'lead_list',
    title: card.title,
    offset: card.offset,
    leads: card.leads.map((l) => ({
      id: l.id,
      fullName: l.fullName,
      email: l.email,
      title: l.title,
      company: l.company,
      techStack: [],
      status: l.status,
      score: l.score,
    })),
  };
}
