// Personalisation beyond merge tokens: an unfilled token is the worst case; a real fact about the lead or a
// specific observation is the goal; a first-name greeting alone is what every sequence tool already does.
import type { CheckResult, LeadFacts } from '../types.ts';
import { type EmailContext, quote, result } from './context.ts';

// {{first_name}}, {!Lead.FirstName}, {FirstName}, [First Name], %FIRSTNAME%, <<company>>; not Markdown links.
const MERGE_TOKEN = /\{\{[^{}\n]{1,40}\}\}|\{![^{}\n]{1,40}\}|\{[A-Za-z_][\w .]{0,30}\}|\[[A-Za-z][A-Za-z _.-]{0,30}\](?!\()|%[A-Za-z_][A-Za-z0-9_]{1,30}%|<<\s*[A-Za-z_][\w ]{0,30}>>/g;

const OBSERVATION = /\b(saw (that|your|you)|noticed|congrats on|congratulations on|read your|loved your|enjoyed your|your recent|your (post|talk|article|podcast|interview|webinar|launch)|heard you|just read)\b/i;
const COMPANY_SUFFIX = /[,\s]+(inc|llc|ltd|limited|gmbh|corp|corporation|co|plc|s\.?a|ag|bv|pty)\.?$/i;
const GENERIC_GREETING = /^(hi|hey|hello|dear|hiya|howdy|greetings|good\s+\w+)\s*(there|team|all|everyone|folks|friend|sir|madam)?\s*[,!:.\u2014-]?$/i;

export function findMergeTokens(text: string): string[] {
  return text.match(MERGE_TOKEN) ?? [];
}

function mentions(text: string, fact: string | undefined): boolean {
  const f = fact?.trim();
  if (!f || f.length < 2) return false;
  const escaped = f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, String.raw`\s+`);
  return new RegExp(String.raw`(?<![\p{L}\p{N}])${escaped}(?![\p{L}\p{N}])`, 'iu').test(text);
}

/** The facts about the lead that the text mentions, as "company: Acme". */
export function findLeadFacts(text: string, lead: LeadFacts | undefined): string[] {
  if (!lead) return [];
  const found: string[] = [];
  const company = lead.company?.replace(COMPANY_SUFFIX, '');
  if (mentions(text, company)) found.push(`company: ${company}`);
  if (mentions(text, lead.title)) found.push(`title: ${lead.title}`);
  if (mentions(text, lead.industry)) found.push(`industry: ${lead.industry}`);
  if (mentions(text, lead.city)) found.push(`city: ${lead.city}`);
  for (const tech of lead.techStack ?? []) if (mentions(text, tech)) found.push(`tech: ${tech}`);
  return found;
}

export function checkPersonalisation({ subject, structure, lead }: EmailContext): CheckResult {
  const base = { id: 'personalisation' as const, label: 'Personalisation', target: 'a real fact about them, no merge tokens', weight: 10 };
  const tokens = findMergeTokens([subject ?? '', structure.body].join('\n'));
  if (tokens.length) {
    return result(
      {
        ...base,
        status: 'fail',
        measured: `${tokens.length} unfilled merge token${tokens.length === 1 ? '' : 's'}`,
        evidence: tokens,
        advice: 'Fill in or remove every merge token before sending; an unfilled token tells them it is a blast.',
      },
      'unfilled merge tokens',
    );
  }
  const prose = structure.sentences.join(' ');
  const facts = findLeadFacts([subject ?? '', prose].join('\n'), lead);
  const observations = structure.sentences.filter((s) => OBSERVATION.test(s)).map((s) => `"${quote(s)}"`);
  if (facts.length || observations.length) {
    return result({
      ...base,
      status: 'pass',
      measured: [facts.length && `${facts.length} lead fact${facts.length === 1 ? '' : 's'}`, observations.length && 'an observation']
        .filter(Boolean)
        .join(' + '),
      evidence: [...facts, ...observations],
      advice: 'Personal to this reader.',
    });
  }
  const greeting = structure.greeting;
  const named = greeting !== undefined && !GENERIC_GREETING.test(greeting.trim());
  return result(
    {
      ...base,
      status: named ? 'warn' : 'fail',
      measured: named ? 'first-name greeting only' : 'none',
      evidence: named ? [greeting] : [],
      advice: 'Open with one specific fact about them (their company, role, stack or a recent event) and tie it to your point.',
    },
    named ? 'personalised only by first name' : 'no personalisation',
  );
}
