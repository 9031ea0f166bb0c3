// Leads named anywhere in a message, matched against the leads the user may see: full names in any
// case and with small typos ("sophie wagnr"), a first name alone ("mark Jane as contacted") when it is
// written like a name, and a company with one visible lead ("Kontoflow signed").
import type { VocabularyLead } from '../../db/lead-vocabulary-repository.ts';
import { PROPER_ENGLISH, editBudget, editDistance, type Knowledge } from './knowledge.ts';
import type { LeadRef } from './conversation-context.ts';

export interface LeadMention {
  lead: VocabularyLead;
  start: number;
  end: number;
  /** How it was named: the full name, a first name alone, or the company. */
  by: 'name' | 'first' | 'company';
}

interface Word {
  text: string;
  key: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}][\p{L}'’.-]*/gu;
// Words written in capitals that are not names ("I", "Ms", days, months, holidays, languages).
const NOT_NAMES = new Set([
  ...'i ms mr mrs dr the a an and or but to for from on in at of with by is was he she they it this that his her their my our me we you your who what where when why how lead leads'.split(
    ' ',
  ),
  ...PROPER_ENGLISH,
]);

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0].replace(/(?:['’]s|['’])$/i, '').replace(/[.-]+$/, '');
    if (!raw) continue;
    out.push({ text: raw, key: raw.toLowerCase(), start: m.index!, end: m.index! + raw.length });
  }
  return out;
}

function close(a: string, b: string): boolean {
  if (a === b) return true;
  const budget = editBudget(Math.max(a.length, b.length));
  return budget > 0 && a[0] === b[0] && editDistance(a, b, budget) <= budget;
}

const indexes = new WeakMap<readonly VocabularyLead[], { byFirst: Map<string, VocabularyLead[]>; byCompany: Map<string, VocabularyLead[]> }>();

function indexOf(leads: readonly VocabularyLead[]) {
  let ix = indexes.get(leads);
  if (!ix) {
    const byFirst = new Map<string, VocabularyLead[]>();
    const byCompany = new Map<string, VocabularyLead[]>();
    for (const l of leads) {
      const first = l.fullName.toLowerCase().split(/\s+/)[0]!;
      byFirst.set(first, [...(byFirst.get(first) ?? []), l]);
      if (l.company) {
        const c = l.company.toLowerCase();
        byCompany.set(c, [...(byCompany.get(c) ?? []), l]);
      }
    }
    ix = { byFirst, byCompany };
    indexes.set(leads, ix);
  }
  return ix;
}

/**
 * Leads the message names, in order. `preferred` (the thread's last list and focus lead) breaks ties
 * between several leads sharing a first name; otherwise the best-scoring one is meant.
 */
export function findLeadMentions(text: string, knowledge: Knowledge, preferred: readonly LeadRef[] = []): LeadMention[] {
  const leads = knowledge.leads;
  if (!leads.length) return [];
  const words = wordsOf(text);
  const { byFirst, byCompany } = indexOf(leads);
  const found: LeadMention[] = [];
  const isEnglish = (w: string) => knowledge.common(w);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (NOT_NAMES.has(w.key)) continue;
    // Full names: this word and the next ones close to a lead's name, first name spelt right or close.
    let matched: LeadMention | undefined;
    for (const { lead: l, parts } of byFirstLetterCandidates(leads, w.key)) {
      if (parts.length < 2 || i + parts.length > words.length) continue;
      // Words that are all common English are no typo of a name: "open rate" is not Owen Rath ("Jonas
      // Richer" still is Jonas Richter).
      const written = parts.map((_, k) => words[i + k]!.key);
      const exact = parts.every((p, k) => written[k] === p);
      if (parts.every((p, k) => close(written[k]!, p)) && (exact || !written.every(isEnglish))) {
        matched = { lead: l, start: w.start, end: words[i + parts.length - 1]!.end, by: 'name' };
        break;
      }
    }
    if (matched) {
      found.push(matched);
      i += matched.lead.fullName.split(/\s+/).length - 1;
      continue;
    }
    // A place, industry or technology is that, not a first name ("leads from paris").
    const isValue = Boolean(knowledge.city(w.key) || knowledge.country(w.key) || knowledge.industry(w.key) || knowledge.tech(w.key));
    const firsts = isValue ? undefined : byFirst.get(w.key);
    const capitalised = /^\p{Lu}/u.test(w.text);
    if (firsts && ((capitalised && !(i === 0 && isEnglish(w.key))) || !isEnglish(w.key))) {
      const next = words[i + 1];
      // "Jane Goodall" is somebody else: a capitalised word after the first name that is not the surname.
      const otherSurname = next && /^\p{Lu}/u.test(next.text) && !NOT_NAMES.has(next.key) && next.start - w.end <= 1;
      if (!otherSurname) {
        const pick = firsts.find((l) => preferred.some((p) => p.id === l.id || p.fullName?.toLowerCase() === l.fullName.toLowerCase())) ?? firsts[0]!;
        found.push({ lead: pick, start: w.start, end: w.end, by: 'first' });
        continue;
      }
    }
    // A company with exactly one visible lead, up to three words long.
    for (let n = 3; n >= 1; n--) {
      if (i + n > words.length) continue;
      const name = words
        .slice(i, i + n)
        .map((x) => x.key)
        .join(' ');
      const at = byCompany.get(name);
      if (at?.length === 1 && (capitalised || !isEnglish(name))) {
        found.push({ lead: at[0]!, start: w.start, end: words[i + n - 1]!.end, by: 'company' });
        i += n - 1;
        break;
      }
    }
  }
  return found;
}

/** A visible lead with its name's words in lower case, split once per vocabulary rather than per word read. */
interface NamedLead {
  lead: VocabularyLead;
  parts: string[];
}

const byLetter = new WeakMap<readonly VocabularyLead[], Map<string, NamedLead[]>>();

function byFirstLetterCandidates(leads: readonly VocabularyLead[], word: string): NamedLead[] {
  let m = byLetter.get(leads);
  if (!m) {
    m = new Map();
    for (const l of leads) {
      const c = l.fullName.charAt(0).toLowerCase();
      let list = m.get(c);
      if (!list) m.set(c, (list = []));
      list.push({ lead: l, parts: l.fullName.toLowerCase().split(/\s+/) });
    }
    byLetter.set(leads, m);
  }
  return m.get(word.charAt(0)) ?? [];
}
