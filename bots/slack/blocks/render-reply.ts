// A whole reply (text + cards) as one or more Slack messages, each within 50 blocks: the text first, then
// each card whole; a card that does not fit in the current message starts the next one.
import type { Card } from '../../../core/cards.ts';
import { esc, fallbackText, LIMITS, longSections, type Block } from './limits.ts';
import { renderCard } from './render-card.ts';

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/**
 * Convert the model's Markdown to Slack mrkdwn where they differ (bold, links, headings). A link always
 * shows its real address: "[your bank](http://evil)" becomes "your bank (<http://evil>)", never a label
 * that hides where it goes (the model may be repeating text planted in a lead).
 */
export function markdownToMrkdwn(md: string): string {
  return esc(md)
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/\[([^\]]+)\]\((https?:[^)\s|]+)\)/g, (_m, label: string, url: string) => (label.trim() === url ? `<${url}>` : `${label} (<${url}>)`))
    .replace(/^#{1,6}\s+(.+)$/gm, '*$1*');
}

export function renderReply(reply: { text: string; cards: Card[] }): SlackMessage[] {
  const messages: SlackMessage[] = [];
  let blocks: Block[] = [];
  const texts: string[] = [];
  const flush = () => {
    if (blocks.length === 0) return;
    messages.push({ text: fallbackText(texts.join('\n\n')), blocks });
    blocks = [];
    texts.length = 0;
  };

  const text = reply.text.trim();
  if (text) {
    blocks.push(...longSections(markdownToMrkdwn(text), 10));
    texts.push(text);
  }
  for (const card of reply.cards) {
    const free = LIMITS.blocksPerMessage - blocks.length;
    const rendered = renderCard(card, LIMITS.blocksPerMessage);
    if (rendered.blocks.length > free) {
      flush();
    }
    blocks.push(...rendered.blocks);
    texts.push(rendered.text);
  }
  flush();
  if (messages.length === 0) messages.push({ text: 'Done.', blocks: [] });
  return messages;
}
