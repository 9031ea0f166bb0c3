// Shown once when the app is installed: what SalesOS does and a few things to try. A Teams-only surface, drawn
// from the neutral view model like every card.
import { text } from '../../../core/view/elements.ts';
import { toAdaptiveCard } from './convert.ts';
import type { AdaptiveCard } from './elements.ts';

const EXAMPLES = ['find CTOs in fintech in Germany', 'enrich jane@acme.com', 'roast this email: …', 'how much budget do I have left?'];

export function renderWelcomeCard(opts: { name?: string; inChannel: boolean }): AdaptiveCard {
  const hello = opts.name ? `Hi ${opts.name.split(' ')[0]}, I'm SalesOS` : "Hi, I'm SalesOS";
  return toAdaptiveCard({
    title: hello,
    subtitle: ['Your sales assistant: find and enrich leads, roast and draft emails, track your budget.'],
    children: [
      text(opts.inChannel ? 'Mention me (@SalesOS) with a request. For example:' : 'Ask me in plain words. For example:'),
      { type: 'list', items: EXAMPLES.map((e) => ({ text: [e] })) },
    ],
    summary: `${hello}. Try: ${EXAMPLES.join('; ')}.`,
  });
}
