// Slack's Block Kit limits and the small builders that respect them: every string that goes into a block
// passes through here, so a long lead name or email body is shortened instead of Slack rejecting the message.
import type { types } from '@slack/bolt';
import type { CardAction } from '../../../core/agent/types.ts';
import { stripInvisible, unspoofLinks } from '../../../core/safe-text.ts';

export type Block = types.KnownBlock;
export type ButtonElement = types.Button;

export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 2000,
  headerText: 150,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  actionsElements: 25,
  /** Slack truncates `text` above 40k; keep notifications short. */
  fallbackText: 3000,
} as const;

/** Cut to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * Escape the three characters mrkdwn treats as markup, so user data cannot form links or mentions
 * (<!channel>, <!here>, <@U…>, <http://evil|bank>); also defuse plain @everyone/@channel/@here and drop
 * bidi overrides and zero-width characters, which could make a value read as something else.
 */
export function esc(text: string): string {
  return stripInvisible(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(everyone|channel|here)\b/gi, '＠$1');
}

/** A message's top-level `text` (notifications, clients without blocks) is mrkdwn too: escape it as data. */
export function fallbackText(text: string): string {
  return esc(truncate(text || ' ', LIMITS.fallbackText));
}

/** Streamed markdown arrives in pieces: defuse angle-bracket markup per piece (it cannot span a safe piece). */
export function safeStreamMarkdown(markdown: string): string {
  return unspoofLinks(stripInvisible(markdown))
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/@(everyone|channel|here)\b/gi, '＠$1');
}

export function header(text: string): Block {
  // plain_text is not parsed for links or mentions, but a lead name or title here must still not reorder or hide
  // itself, nor read as a mass mention in a notification.
  const clean = stripInvisible(text)
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/@(everyone|channel|here)\b/gi, '＠$1');
  return { type: 'header', text: { type: 'plain_text', text: truncate(clean || ' ', LIMITS.headerText), emoji: true } };
}

export function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn || ' ', LIMITS.sectionText) } };
}

export function context(...texts: string[]): Block {
  return {
    type: 'context',
    elements: texts.slice(0, LIMITS.contextElements).map((t) => ({ type: 'mrkdwn' as const, text: truncate(t || ' ', LIMITS.contextText) })),
  };
}

export function divider(): Block {
  return { type: 'divider' };
}

/** Split long mrkdwn into as many sections as needed, breaking at line ends where possible. */
export function longSections(mrkdwn: string, maxBlocks: number = LIMITS.blocksPerMessage): Block[] {
  const out: Block[] = [];
  let rest = mrkdwn;
  while (rest.length > 0 && out.length < maxBlocks) {
    if (rest.length <= LIMITS.sectionText || out.length === maxBlocks - 1) {
      out.push(section(rest));
      break;
    }
    let cut = rest.lastIndexOf('\n', LIMITS.sectionText);
    if (cut < LIMITS.sectionText / 2) cut = LIMITS.sectionText;
    out.push(section(rest.slice(0, cut)));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  return out;
}

/** Prefix of every action_id the bot owns; the actions listener matches on it. */
export const ACTION_PREFIX = 'salesos_';
export const SHARE_ACTION_ID = `${ACTION_PREFIX}share`;

/**
 * A button that carries a CardAction as its value. Returns undefined when the action does not fit Slack's
 * 2000-character value (e.g. a huge filter), so callers drop the button instead of breaking the message.
 */
export function actionButton(text: string, action: CardAction, slot: string, style?: 'primary' | 'danger'): ButtonElement | undefined {
  const value = JSON.stringify(action);
  if (value.length > LIMITS.buttonValue) return undefined;
  const name = action.kind === 'tool' ? action.tool : action.kind;
  const button: ButtonElement = {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText), emoji: true },
    action_id: truncate(`${ACTION_PREFIX}${name}_${slot}`, LIMITS.actionId),
    value,
  };
  if (style) button.style = style;
  return button;
}

export function actions(buttons: (ButtonElement | undefined)[], blockId?: string): Block | undefined {
  const elements = buttons.filter((b): b is ButtonElement => b !== undefined).slice(0, LIMITS.actionsElements);
  if (elements.length === 0) return undefined;
  return blockId ? { type: 'actions', block_id: blockId, elements } : { type: 'actions', elements };
}

/** Parse a button value back into a CardAction; undefined when it is not one of ours. */
export function parseActionValue(value: string | undefined): CardAction | undefined {
  if (!value) return undefined;
  try {
    const v = JSON.parse(value) as CardAction;
    if ((v.kind === 'confirm' || v.kind === 'cancel') && typeof v.actionId === 'string') return v;
    if (v.kind === 'tool' && typeof v.tool === 'string' && v.input && typeof v.input === 'object') return v;
  } catch {
    // not JSON: not ours
  }
  return undefined;
}

/**
 * A date as Slack's date token: each reader sees it in the time zone of their own Slack profile (a shared
 * thread is read from several zones); the UTC text after `|` is what clients without the token show.
 */
export function slackDate(iso: string | null | undefined, format = '{date_short}', fallback?: (d: Date) => string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return esc(iso);
  const text = fallback ? fallback(d) : d.toISOString().slice(0, 10);
  return `<!date^${Math.floor(d.getTime() / 1000)}^${format}|${text}>`;
}

/** A rendered card: blocks plus the plain-text fallback Slack shows in notifications and to screen readers. */
export interface RenderedCard {
  blocks: Block[];
  text: string;
}
