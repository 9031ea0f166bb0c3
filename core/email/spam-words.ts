// Spam-trigger phrases, vendored from the categories of HubSpot's "The Ultimate List of Email Spam Trigger
// Words" (urgency, shady, overpromise, money, unnatural) plus Mailchimp's guidance on spam-filter language.
// Matching is case-insensitive on word boundaries; the longest phrase wins ("100% free" before "free").

export const SPAM_PHRASES: readonly string[] = [
  // urgency
  'act now',
  'act immediately',
  'action required',
  'apply now',
  'buy now',
  'call now',
  'click here',
  'click below',
  'do it today',
  "don't delete",
  'exclusive deal',
  'expires today',
  'final call',
  'for instant access',
  'get it now',
  'get started now',
  'hurry',
  'instant',
  'last chance',
  'limited time',
  'new customers only',
  'offer expires',
  'once in a lifetime',
  'only available here',
  'order now',
  'please read',
  'sign up free',
  'take action',
  "this won't last",
  'urgent',
  'what are you waiting for',
  'while supplies last',
  // shady
  'avoid bankruptcy',
  'bulk email',
  'cancel at any time',
  'cheap',
  'eliminate debt',
  'hidden charges',
  'hidden fees',
  'no catch',
  'no hidden costs',
  'no questions asked',
  'not junk',
  'not spam',
  'this is not spam',
  "this isn't spam",
  'we hate spam',
  'requires initial investment',
  'undisclosed',
  'unsecured credit',
  'unsecured debt',
  'lottery',
  'casino',
  'winner',
  'winning',
  'you have been selected',
  "you've been selected",
  'you are a winner',
  'dear friend',
  'weight loss',
  'lose weight',
  'miracle',
  'viagra',
  'giveaway',
  // overpromise
  '100%',
  '100% free',
  '100% satisfied',
  'one hundred percent',
  'additional income',
  'be your own boss',
  'best price',
  'big bucks',
  'cash bonus',
  'double your',
  'earn $',
  'earn extra cash',
  'earn money',
  'extra income',
  'fast cash',
  'financial freedom',
  'free access',
  'free consultation',
  'free gift',
  'free info',
  'free membership',
  'free money',
  'free preview',
  'free quote',
  'free trial',
  'full refund',
  'get out of debt',
  'get paid',
  'guarantee',
  'guaranteed',
  'guarantees',
  'increase sales',
  'increase traffic',
  'incredible deal',
  'join millions',
  'lowest price',
  'make money',
  'million dollars',
  'money back',
  'no cost',
  'no fees',
  'no obligation',
  'no strings attached',
  'prize',
  'pure profit',
  'risk-free',
  'satisfaction guaranteed',
  'save big',
  'save up to',
  'special promotion',
  'amazing',
  'unbelievable',
  'work from home',
  'free',
  // money
  '$$$',
  'cash',
  'discount',
  'bargain',
  'best deal',
  'lowest rate',
  'no credit check',
  'pre-approved',
  'credit card offers',
  'fantastic deal',
  'big savings',
];

// "Are you free Tuesday?" and "feel free" ask about time or give permission; they are not offers.
const FREE_BEFORE = /(are you|you're|you are|feel|be|i'm|i am|we're|we are|if you're)\s+$/i;
const FREE_AFTER = /^\s+(on|this|next|tomorrow|later|today|monday|tuesday|wednesday|thursday|friday|for a (quick |short )?(call|chat))\b/i;

function phrasePattern(phrase: string): string {
  const escaped = phrase
    .split(/[\s-]+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['\u2019]"))
    .join(String.raw`[\s-]+`);
  const head = /^[a-z0-9]/i.test(phrase) ? String.raw`(?<![\p{L}\p{N}])` : '';
  const tail = /[a-z0-9]$/i.test(phrase) ? String.raw`(?![\p{L}\p{N}])` : '';
  return head + escaped + tail;
}

// Built on first use: compiling this Unicode pattern takes ~0.1 s, which every process would pay at start
// (the email checks load with the tools) although only a roast or a draft needs it.
let spam: RegExp | undefined;
const spamPattern = () =>
  (spam ??= new RegExp(
    [...SPAM_PHRASES]
      .sort((a, b) => b.length - a.length)
      .map(phrasePattern)
      .join('|'),
    'giu',
  ));

/** Each spam-trigger phrase as written in the text, in order of appearance. */
export function findSpamPhrases(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(spamPattern())) {
    const at = m.index ?? 0;
    if (m[0].toLowerCase() === 'free') {
      if (FREE_BEFORE.test(text.slice(Math.max(0, at - 20), at))) continue;
      if (FREE_AFTER.test(text.slice(at + 4, at + 40))) continue;
    }
    found.push(m[0]);
  }
  return found;
}
