// Text without blocks, for when Slack refuses a message's blocks (msg_too_long, invalid_blocks) and for long
// answers that need more than one message: cut at line ends into parts Slack accepts, never dropping any.
import type { SlackMessage } from './blocks/render-reply.ts';

/** Slack recommends at most 4,000 characters of `text`; keep a margin. */
export const PLAIN_PART_CHARS = 3_500;

/** Split `text` into pieces of at most `max` characters, at a line end (or a space) where one is near. */
export function pageText(text: string, max: number): string[] {
  const pages: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    pages.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest.length || !pages.length) pages.push(rest);
  return pages;
}

/** Everything readable in a message's blocks (headers, sections, fields, context), as mrkdwn lines. */
export function blocksToText(m: SlackMessage): string {
  const lines: string[] = [];
  for (const b of m.blocks as any[]) {
    if (b.type === 'header' && b.text?.text) lines.push(`*${b.text.text}*`);
    else if (b.type === 'section') {
      if (b.text?.text) lines.push(b.text.text);
      for (const f of b.fields ?? []) if (f.text) lines.push(f.text);
    } else if (b.type === 'context') {
      const parts = (b.elements ?? []).map((e: any) => e.text).filter(Boolean);
      if (parts.length) lines.push(parts.join(' · '));
    } else if (b.type === 'divider') lines.push('───');
  }
  return lines.length ? lines.join('\n') : m.text;
}

/** The message as plain-text messages (no blocks), numbered when there is more than one. */
export function plainTextParts(m: SlackMessage): SlackMessage[] {
  const pages = pageText(blocksToText(m), PLAIN_PART_CHARS);
  if (pages.length === 1) return [{ text: pages[0]!, blocks: [] }];
  return pages.map((p, i) => ({ text: `(${i + 1}/${pages.length})\n${p}`, blocks: [] }));
}
