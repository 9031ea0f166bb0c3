// Email roast: the original with its failed checks, the critique, and the re-scored rewrite.
import type { EmailRoastCard } from '../../../core/cards.ts';
import { card, container, heading, text, type AdaptiveCard, type Element } from './elements.ts';
import { emailVersion, emailVersionText } from './render-email.ts';

export function renderEmailRoastCard(c: EmailRoastCard): AdaptiveCard {
  const body: Element[] = [
    ...heading('Email roast', { subtle: c.rewrite ? `${c.original.score.score} → ${c.rewrite.score.score}` : `Score ${c.original.score.score}/100` }),
    ...emailVersion('Your email', c.original, { checks: true }),
  ];
  if (c.critique) body.push(container([text('**Critique**'), text(c.critique, { max: 2000 })], { separator: true }));
  if (c.rewrite) body.push(container(emailVersion('Rewrite', c.rewrite), { separator: true }));
  return card(body, emailRoastText(c));
}

export function emailRoastText(c: EmailRoastCard): string {
  return [emailVersionText('Your email', c.original), c.critique ?? '', c.rewrite ? emailVersionText('Rewrite', c.rewrite) : ''].filter(Boolean).join('\n\n');
}
