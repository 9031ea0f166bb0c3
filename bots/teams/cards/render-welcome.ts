// Shown once when the app is installed: what SalesOS does and a few things to try.
import { card, heading, text, type AdaptiveCard } from './elements.ts';

const EXAMPLES = ['find CTOs in fintech in Germany', 'enrich jane@acme.com', 'roast this email: …', 'how much budget do I have left?'];

export function renderWelcomeCard(opts: { name?: string; inChannel: boolean }): AdaptiveCard {
  const hello = opts.name ? `Hi ${opts.name.split(' ')[0]}, I'm SalesOS` : "Hi, I'm SalesOS";
  return card(
    [
      ...heading(hello, { subtle: 'Your sales assistant: find and enrich leads, roast and draft emails, track your budget.' }),
      text(opts.inChannel ? 'Mention me (@SalesOS) with a request. For example:' : 'Ask me in plain words. For example:'),
      ...EXAMPLES.map((e) => text(`• ${e}`, { subtle: true })),
    ],
    `${hello}. Try: ${EXAMPLES.join('; ')}.`,
  );
}
