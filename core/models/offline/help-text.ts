// What the offline model says about itself: honest that no language model is configured, and which
// phrasings it understands (only for the tools this rep may use).
import type { OfflineToolName } from './intent.ts';

export const OFFLINE_NOTICE =
  "I'm running in offline mode: no language model is configured, so I understand set phrasings rather than free conversation. " +
  'Set OPENAI_API_KEY (or OPENAI_BASE_URL for an OpenAI-compatible server) for free-form conversation.';

const EXAMPLES: [OfflineToolName, string, string[]][] = [
  [
    'findLeads',
    'Find leads',
    [
      'find CTOs at fintech companies in Germany',
      'show me 10 leads in healthcare with 50-200 employees that use HubSpot',
      "fintech leads outside Germany that aren't customers",
      'who are my uncontacted leads?',
    ],
  ],
  ['getLead', 'Look at one lead', ['show me jane@acme.io', 'tell me about the second one']],
  ['enrichLead', 'Enrich a lead', ['enrich jane@acme.io', 'enrich the second one', 're-enrich Jane Doe']],
  ['draftEmail', 'Draft an email', ['draft an intro email to Jane Doe', 'write a follow-up to #2 about our webinar']],
  ['roastEmail', 'Roast an email', ['roast this email: Subject: Quick question / Hi Jane, …']],
  ['updateLead', 'Update a lead', ['mark Jane Doe as contacted', 'add a note to Jane Doe: called, wants a demo in March']],
  ['myUsage', 'Check your budget', ['how much budget do I have left?']],
  ['setDigestSchedule', 'Schedule your digest', ['send my digest Mondays at 9', 'daily digest at 8:30am', 'pause my digest']],
  ['showOffer', 'See what you sell', ['what is our offer?', 'show my offer']],
  [
    'setOffer',
    'Set what your reps sell',
    [
      'set our offer: product Rampwise; value: ramp new reps in half the time; proof: Northwind cut ramp to 10 weeks',
      "set my team's offer: ask: Worth a look?",
    ],
  ],
  ['findPatterns', 'Learn from outcomes', ['what kind of leads reply to us?', 'which industries convert best for my team?']],
  ['findLookalikes', 'Find lookalikes', ['find leads like my best customers']],
  ['rescoreLeads', 'Rescore from outcomes', ["rescore my team's leads"]],
];

/** The capabilities list with example phrasings, limited to the tools offered in this call. */
export function examplesText(available: ReadonlySet<string>): string {
  const lines = EXAMPLES.filter(([tool]) => available.has(tool)).map(([, what, phrasings]) => `• ${what}: ${phrasings.map((p) => `"${p}"`).join(', ')}`);
  return lines.length ? lines.join('\n') : '• (No SalesOS actions are available to you right now.)';
}

export function helpText(available: ReadonlySet<string>): string {
  return `Here is what I can do for you in SalesOS:\n${examplesText(available)}\n\n${OFFLINE_NOTICE}`;
}

export function greetingText(available: ReadonlySet<string>): string {
  return `Hi! I'm SalesOS, your sales assistant.\n\n${helpText(available)}`;
}

export function notUnderstoodText(said: string, available: ReadonlySet<string>): string {
  const quoted = said.length > 120 ? `${said.slice(0, 117)}…` : said;
  return `Sorry, I didn't understand "${quoted}". ${OFFLINE_NOTICE}\n\nTry one of these:\n${examplesText(available)}`;
}

/** A short answer to a request outside SalesOS's work. */
export function outOfScopeText(available: ReadonlySet<string>): string {
  const can = EXAMPLES.filter(([tool]) => available.has(tool)).map(([, what]) => what.toLowerCase());
  // Short: the first few things, then "more" (the full list is what "help" is for).
  const shown = can.length > 7 ? [...can.slice(0, 6), 'more'] : can;
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : (shown[0] ?? 'nothing right now');
  return `That's outside what I can help with. I'm SalesOS: I work on your leads and outreach — ${list}. Say "help" for examples.`;
}

const ACTION_NAMES: Record<OfflineToolName, string> = {
  findLeads: 'Searching leads',
  getLead: 'Looking up a lead',
  enrichLead: 'Enriching leads',
  roastEmail: 'Roasting emails',
  draftEmail: 'Drafting emails',
  updateLead: 'Updating leads',
  myUsage: 'Checking usage',
  setDigestSchedule: 'Scheduling digests',
  setOffer: 'Setting the offer',
  showOffer: 'Showing the offer',
  findPatterns: 'Finding patterns in outcomes',
  findLookalikes: 'Finding lookalikes',
  rescoreLeads: 'Recomputing fit scores',
};

export function unavailableText(tool: OfflineToolName, available: ReadonlySet<string>): string {
  const others = available.size ? `\n\nWhat you can do:\n${examplesText(available)}` : '';
  return `${ACTION_NAMES[tool]} is not available to you: your role does not include it. Ask an admin if you need it.${others}`;
}
