// A drafted email for a lead, with its score.
import type { EmailDraftCard } from '../../../core/cards.ts';
import { leadHeadline } from './lead-text.ts';
import { context, esc, header, longSections, section, type Block, type RenderedCard } from './limits.ts';
import { emailText } from './render-email-roast.ts';

export function renderEmailDraft(card: EmailDraftCard): RenderedCard {
  const s = card.draft.score;
  const blocks: Block[] = [
    header(`Draft email to ${card.lead.fullName}`),
    section(leadHeadline(card.lead)),
    ...longSections(emailText(card.draft), 6),
    context(`Score ${s.score}/100 (${s.grade}) · ${esc(s.summary)}`),
  ];
  const text = `Draft email to ${card.lead.fullName}${card.draft.subject ? ` — ${card.draft.subject}` : ''}\n\n${card.draft.body}`;
  return { blocks, text };
}
