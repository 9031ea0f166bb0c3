// A drafted first-touch email for a lead, with its rubric score.
import type { EmailDraftCard } from '../../../core/cards.ts';
import { card, heading, leadLine, type AdaptiveCard } from './elements.ts';
import { emailVersion, emailVersionText } from './render-email.ts';

export function renderEmailDraftCard(c: EmailDraftCard): AdaptiveCard {
  return card(
    [...heading(`Draft for ${c.lead.fullName}`, { subtle: leadLine(c.lead) }), ...emailVersion('Draft', c.draft, { checks: true })],
    emailDraftText(c),
  );
}

export function emailDraftText(c: EmailDraftCard): string {
  return `Draft for ${leadLine(c.lead)} <${c.lead.email}>\n${emailVersionText('Draft', c.draft)}`;
}
