// Every outgoing activity is measured against Teams' message size limit before it is sent, and split (text
// into several messages, cards spread over several messages) or trimmed with a notice. Teams answers an
// oversized post with 413 MessageSizeTooBig and the rep would see nothing.
//
// The limit is documented in different ways over time ("Format your bot messages", Microsoft Learn): 40 KB of
// the whole payload encoded as UTF-16 in earlier revisions, 100 KB (80 KB recommended) in the current one,
// and about 28 KB for connector/webhook posts. We keep under the strictest reading of each: 28 KB as UTF-8
// and 40 KB as UTF-16, less room for the envelope botbuilder adds (ids, addresses, reply-to).
import type { CardAttachment, MessageContent } from './cards/render-reply.ts';

export const TEAMS_LIMIT_UTF8_BYTES = 28 * 1024;
export const TEAMS_LIMIT_UTF16_BYTES = 40 * 1024;
/** from/recipient/conversation/serviceUrl/ids that the connector client adds around our content. */
const ENVELOPE_RESERVE_BYTES = 2 * 1024;

export function activitySize(activity: unknown): { utf8: number; utf16: number } {
  const json = JSON.stringify(activity);
  return { utf8: Buffer.byteLength(json, 'utf8'), utf16: json.length * 2 };
}

export function fitsTeams(activity: unknown, reserve = ENVELOPE_RESERVE_BYTES): boolean {
  const size = activitySize(activity);
  return size.utf8 <= TEAMS_LIMIT_UTF8_BYTES - reserve && size.utf16 <= TEAMS_LIMIT_UTF16_BYTES - reserve * 2;
}

const TRIM_NOTICE =
  'Some of this did not fit in one Teams message and is not shown. Ask for fewer results (e.g. "show 5") or narrow the search to see the rest.';

/** Drops trailing body elements of an Adaptive Card until the message fits, ending with a notice. */
export function trimCard(
  attachment: CardAttachment,
  fits: (a: CardAttachment) => boolean = (a) => fitsTeams({ type: 'message', attachments: [a] }),
): CardAttachment {
  if (fits(attachment)) return attachment;
  const content = attachment.content;
  const notice = { type: 'TextBlock', text: TRIM_NOTICE, wrap: true, isSubtle: true, separator: true };
  for (let keep = content.body.length - 1; keep >= 0; keep--) {
    const trimmed: CardAttachment = { ...attachment, content: { ...content, body: [...content.body.slice(0, keep), notice] } };
    if (fits(trimmed)) return trimmed;
  }
  // Not even the first element fits (one enormous text): the card's own summary, cut to size.
  const fallback = content.fallbackText.slice(0, 4000);
  return { ...attachment, content: { ...content, body: [{ type: 'TextBlock', text: fallback, wrap: true }, notice], actions: [] } };
}

/** Cuts text into pieces that each fit one message: at paragraph breaks, then line breaks, then anywhere. */
export function splitText(text: string, fits: (piece: string) => boolean): string[] {
  if (fits(text)) return [text];
  const pieces: string[] = [];
  let rest = text;
  while (rest) {
    if (fits(rest)) {
      pieces.push(rest);
      break;
    }
    // The longest prefix that fits (binary search), moved back to the last paragraph or line break in it.
    let lo = 1;
    let hi = rest.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(rest.slice(0, mid))) lo = mid;
      else hi = mid - 1;
    }
    const prefix = rest.slice(0, lo);
    const paragraph = prefix.lastIndexOf('\n\n');
    const line = prefix.lastIndexOf('\n');
    const cut = paragraph > lo / 2 ? paragraph : line > lo / 2 ? line : lo;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\n+/, '');
  }
  return pieces;
}

/** One reply → the messages to send, in order, each within the limit. The first keeps the text's start. */
export function fitMessage(message: MessageContent): MessageContent[] {
  if (fitsTeams(message)) return [message];
  const base = { type: 'message' as const, textFormat: message.textFormat };
  const out: MessageContent[] = message.text ? splitText(message.text, (text) => fitsTeams({ ...base, text })).map((text) => ({ ...base, text })) : [];
  for (const original of message.attachments ?? []) {
    const attachment = trimCard(original);
    const last = out.at(-1);
    const together: MessageContent | undefined = last && { ...last, attachments: [...(last.attachments ?? []), attachment], attachmentLayout: 'list' };
    if (last && together && fitsTeams(together)) out[out.length - 1] = together;
    else out.push({ ...base, attachments: [attachment], attachmentLayout: 'list' });
  }
  return out;
}
