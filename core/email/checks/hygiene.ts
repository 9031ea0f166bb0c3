// Deliverability and tone: spam-trigger words, shouting (ALL CAPS, "!!"), and the number of links.
import { findLinks } from '../links.ts';
import { stripReplyPrefix } from './subject.ts';
import { findSpamPhrases } from '../spam-words.ts';
import { SPAM_PATTERNS } from '../vocabulary.ts';
import type { CheckResult, LeadFacts } from '../types.ts';
import { type EmailContext, plural, result, statusOf } from './context.ts';

// Capitalised by convention, not for emphasis.
export const ACRONYMS = new Set([
  'CEO',
  'CTO',
  'CFO',
  'COO',
  'CMO',
  'CRO',
  'CIO',
  'CISO',
  'CPO',
  'VP',
  'SVP',
  'EVP',
  'SAAS',
  'API',
  'APIS',
  'CRM',
  'B2B',
  'B2C',
  'AI',
  'ML',
  'ROI',
  'US',
  'USA',
  'UK',
  'EU',
  'HR',
  'IT',
  'SEO',
  'SDR',
  'SDRS',
  'BDR',
  'BDRS',
  'AE',
  'AES',
  'GTM',
  'KPI',
  'KPIS',
  'OKR',
  'OKRS',
  'ERP',
  'SQL',
  'AWS',
  'GCP',
  'HIPAA',
  'GDPR',
  'SOC',
  'PDF',
  'CSV',
  'URL',
  'FAQ',
  'PM',
  'AM',
  'ET',
  'PT',
  'CT',
  'EST',
  'PST',
  'CET',
  'GMT',
  'UTC',
  'NYC',
  'LA',
  'SF',
  'OK',
  'TV',
  'ID',
  'IOT',
  'SMB',
  'SMBS',
  'ARR',
  'MRR',
  'PR',
  'UX',
  'UI',
  'QA',
  'CI',
  'CD',
  'DNS',
  'SSO',
  'SLA',
  'SLAS',
  'RFP',
  'POC',
  'MVP',
  'IPO',
  'LLC',
  'INC',
  'LTD',
  'NASA',
  'NFL',
  'NBA',
  'HVAC',
  'EHR',
  'EMR',
  'CPG',
  'DTC',
  'D2C',
  'ECOM',
  'LLM',
  'LLMS',
  'GPU',
  'GPUS',
  'IPA',
  'NPS',
  'CSAT',
  'CX',
  'ICP',
  'ABM',
  'MQL',
  'SQLS',
  'MQLS',
  'PLG',
]);

export function checkSpamWords({ subject, structure }: EmailContext): CheckResult {
  const text = [subject ?? '', structure.body].join('\n');
  const matched = SPAM_PATTERNS.filter((p) => p.re.test(text));
  const patterns = matched.map((p) => p.label);
  const pressure = matched.some((p) => p.pressure);
  const found = [...findSpamPhrases([subject ?? '', structure.message].join('\n')), ...patterns];
  // HubSpot's trigger-word list: one may pass a filter, several together look like a promotion. A topic word
  // used twice ("instant payments") is still one signal.
  const distinct = new Set(found.map((f) => f.toLowerCase())).size;
  // The list is broad ("free", "instant"): three distinct signals together are what reads as promotion.
  // Manufactured urgency or a prize in a first email is a pressure tactic (FTC: no deceptive claims) on its own.
  const status = statusOf(distinct >= 3 || pressure, distinct >= 1);
  return result(
    {
      id: 'spam_words',
      label: 'Spam words and patterns',
      status,
      measured: found.length,
      target: 'none',
      evidence: found,
      weight: 8,
      advice:
        status === 'pass'
          ? 'No spam-trigger words.'
          : 'Replace promotional words with plain, specific ones (say what they get, not that it is free or guaranteed).',
    },
    `${plural(found.length, 'spam signal')} (${found
      .slice(0, 3)
      .map((w) => `"${w}"`)
      .join(', ')})`,
  );
}

function leadWords(lead?: LeadFacts): Set<string> {
  const facts = [lead?.company, lead?.title, lead?.industry, lead?.city, lead?.firstName, ...(lead?.techStack ?? [])];
  return new Set(
    facts
      .flatMap((f) => (f ?? '').split(/[^\p{L}\p{N}]+/u))
      .filter(Boolean)
      .map((w) => w.toUpperCase()),
  );
}

/** Short capitals with at most one vowel read as an acronym (CSRD, SEC, DMARC), not as shouting (FREE, ZERO). */
function looksLikeAcronym(word: string): boolean {
  return (word.length <= 5 && (word.match(/[AEIOU]/g) ?? []).length <= 1) || /^[IVX]{2,4}$/.test(word);
}

// A three-letter code next to an amount is a currency ("EUR 24", "40 CHF"), not emphasis.
const CURRENCY_AMOUNT = /(?<![\p{L}])\p{Lu}{3}\s?\d|\d\s?\p{Lu}{3}(?![\p{L}])/gu;

export function findShouting(text: string, lead?: LeadFacts): string[] {
  const known = leadWords(lead);
  const currencies = new Set([...text.matchAll(CURRENCY_AMOUNT)].map((m) => m[0].replace(/[^\p{Lu}]/gu, '')));
  const caps = [...text.matchAll(/(?<![\p{L}\p{N}])[\p{Lu}\p{N}]*\p{Lu}[\p{Lu}\p{N}]*(?![\p{L}\p{N}])/gu)]
    .map((m) => m[0])
    .filter((w) => (w.match(/\p{Lu}/gu) ?? []).length >= 2 && !ACRONYMS.has(w) && !known.has(w) && !looksLikeAcronym(w) && !currencies.has(w));
  // A term named in the subject and again in the body ("DORA") is one word in capitals, not two shouts.
  const distinctCaps = [...new Set(caps)];
  const bangs = [...text.matchAll(/!{2,}/g)].map((m) => m[0]);
  const single = (text.match(/!/g) ?? []).length;
  // Three or more exclamation marks in a short email read as hype even when spread out.
  return [...distinctCaps, ...bangs, ...(bangs.length === 0 && single >= 3 ? [`${single} exclamation marks`] : [])];
}

export function checkShouting({ subject, structure, lead }: EmailContext): CheckResult {
  const found = findShouting([stripReplyPrefix(subject ?? ''), structure.message].join('\n'), lead);
  const status = statusOf(found.length >= 2, found.length === 1);
  return result(
    {
      id: 'shouting',
      label: 'ALL CAPS and "!!"',
      status,
      measured: found.length,
      target: 'no ALL CAPS words or repeated "!"',
      evidence: found,
      weight: 5,
      advice: status === 'pass' ? 'Calm tone.' : 'Write in sentence case and use at most one "!"; shouting reads as spam.',
    },
    `shouting (${found.slice(0, 3).join(', ')})`,
  );
}

export function checkLinks({ structure }: EmailContext): CheckResult {
  // Every link counts, the signature's included: filters see the whole message.
  const links = findLinks(structure.body).map((l) => l.text);
  // Several links look like marketing to filters and to readers; a first touch needs at most one.
  const status = statusOf(links.length >= 3, links.length === 2);
  return result(
    {
      id: 'links',
      label: 'Links',
      status,
      measured: links.length,
      target: 'at most 1',
      evidence: links,
      weight: 5,
      advice: status === 'pass' ? 'Few links.' : 'Keep at most one link; offer the rest in the reply.',
    },
    `${plural(links.length, 'link')}`,
  );
}
