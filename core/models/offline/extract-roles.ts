// Job titles and seniority from a rep's words: "CTOs", "VPs of Sales", "heads of marketing", "founders",
// "engineering managers", "C-level", "decision makers".
//
// Stored titles come both ways ("CTO", "Chief Technology Officer", "Co-Founder & CTO"; "VP Sales", "Vice
// President of Sales") and the title filter needs each word to start a word of the stored title. So:
// - a C-level role stays as written ("chief technology officers" → "Chief Technology Officer", "CTOs" →
//   "CTO"): lead search matches either form against both, so neither misses "Co-Founder & CTO";
// - "VP/director of <function>" and "<function> director/VPs" stay whole with their seniority ("VP of Sales",
//   "Sales Director"); "<function> head/leader" becomes director seniority + the function;
// - "<function> manager" stays a title ("Engineering Manager"), since those words are the role itself.
import type { Seniority } from '../../leads/filter.ts';
import { TITLE_ABBREVIATIONS } from '../../leads/catalog.ts';
import type { Phrase } from './phrase.ts';

export interface RoleFilter {
  title?: string;
  seniority?: Seniority[];
}

// Business functions as reps write them → the word stored titles use.
const FUNCTIONS: [string, string][] = [
  ['customer success', 'Customer Success'],
  ['business development', 'Business Development'],
  ['human resources', 'Human Resources'],
  ['revenue operations|revops', 'Revenue Operations'],
  ['sales operations|sales ops', 'Sales Operations'],
  ['product marketing', 'Product Marketing'],
  ['information security|infosec', 'Security'],
  ['demand generation|demand gen', 'Demand Generation'],
  ['sales', 'Sales'],
  ['marketing', 'Marketing'],
  ['engineering', 'Engineering'],
  ['product', 'Product'],
  ['finance', 'Finance'],
  ['operations|ops', 'Operations'],
  ['hr', 'HR'],
  ['people', 'People'],
  ['it', 'IT'],
  ['security', 'Security'],
  ['data', 'Data'],
  ['growth', 'Growth'],
  ['revenue', 'Revenue'],
  ['partnerships', 'Partnerships'],
  ['procurement|purchasing', 'Procurement'],
  ['design', 'Design'],
  ['legal', 'Legal'],
  ['technology|tech', 'Technology'],
  ['infrastructure', 'Infrastructure'],
  ['analytics', 'Analytics'],
  ['communications', 'Communications'],
  ['talent|recruiting', 'Talent'],
  ['it security', 'IT Security'],
];
const FUNCTION_ALT = FUNCTIONS.map(([alt]) => alt).join('|');

function functionName(written: string): string {
  const w = written.toLowerCase().replace(/\s+/g, ' ');
  for (const [alt, name] of FUNCTIONS) if (new RegExp(`^(?:${alt})$`).test(w)) return name;
  return written;
}

const ABBREVIATION_OF = new Map(
  Object.entries(TITLE_ABBREVIATIONS)
    .filter(([, full]) => full.startsWith('Chief '))
    .map(([abbr, full]) => [full.toLowerCase(), abbr.toUpperCase()]),
);

const VP = "(?:vps?|vp's|svps?|evps?|vice[\\s-]presidents?)";
const DIRECTOR = '(?:directors?)';
const HEAD = '(?:heads?)';
const MANAGER = '(?:managers?)';

// Roles that are a title in themselves; the optional qualifier is kept ("software engineers").
const ROLE_NOUNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/\b(?:co[\s-]?)?founders?\b/i, () => 'Founder'],
  [/\bowners?\b(?!\s+(?:of\s+)?(?:the\s+)?leads?)/i, () => 'Owner'],
  [/\bmanaging\s+directors?\b/i, () => 'Managing Director'],
  [/\bgeneral\s+managers?\b/i, () => 'General Manager'],
  [/\baccount\s+executives?\b/i, () => 'Account Executive'],
  [/\baccount\s+managers?\b/i, () => 'Account Manager'],
  [/\bpartners?\b/i, () => 'Partner'],
  [
    /\b(?:(software|data|sales|solutions?|security|devops|front[\s-]?end|back[\s-]?end|full[\s-]?stack|machine learning|ml|cloud|platform|site reliability|qa|product)\s+)?(engineer|developer|architect|analyst|scientist|designer|consultant|recruiter)s?\b/i,
    (m) =>
      [m[1], m[2]]
        .filter((w): w is string => Boolean(w))
        .map(capitalize)
        .join(' '),
  ],
];

// Seniority words with no function: "C-level", "VPs", "decision makers".
const SENIORITY_WORDS: [RegExp, Seniority[]][] = [
  [/\b(?:decision[\s-]?makers?|senior\s+leadership|leadership(?:\s+team)?|buyers?|economic\s+buyers?)\b/i, ['c_level', 'vp', 'director']],
  [/\b(?:c[\s-]?level|c[\s-]?suite|cxos?|executives?|execs?|chiefs?)\b/i, ['c_level']],
  [new RegExp(`\\b${VP}(?:[\\s-]level)?\\b`, 'i'), ['vp']],
  [/\b(?:directors?|director[\s-]level)\b/i, ['director']],
  [/\b(?:managers?|manager[\s-]level|middle\s+management)\b/i, ['manager']],
  [/\bsenior\b/i, ['senior']],
  [/\b(?:entry[\s-]level|junior|juniors|interns?|associates?)\b/i, ['entry']],
];

// One to three words up to where the request goes on ("in", "at", "who", a comma, the end).
const OTHER_FUNCTION =
  '(?!(?:the|a|an|our|my|your|their|it|this|that|those|these)\\b)\\p{L}[\\p{L}&-]*(?:\\s+(?!(?:in|at|from|with|who|that|which|based|across|on|using|and|or|not|but|except|excluding|outside|without|for|leads?|prospects?|contacts?|people|companies|firms)\\b)\\p{L}[\\p{L}&-]*){0,2}(?=\\s+(?:in|at|from|with|who|that|which|based|across|on|using|and|or|not|but|except|excluding|outside|without|for|leads?|prospects?|contacts?|people|companies|firms)\\b|\\s*[,.;:?!\u2014\u2013]|\\s+-|\\s*$)';

function levelName(written: string): string {
  const w = written.toLowerCase();
  if (/^head/.test(w)) return 'Head';
  if (/^director/.test(w)) return 'Director';
  if (/^svp/.test(w)) return 'SVP';
  if (/^evp/.test(w)) return 'EVP';
  if (/^vice/.test(w)) return 'Vice President';
  return 'VP';
}

export function extractRoles(phrase: Phrase): RoleFilter {
  const titles: string[] = [];
  const seniority = new Set<Seniority>();

  // "chief technology officers" spelled out stays spelled out, as the rep wrote it (lead search matches it
  // against "CTO" too).
  for (const m of phrase.takeAll(/\bchief\s+((?:[a-z]+\s+){1,3})officers?\b/gi)) {
    titles.push(`Chief ${m[1]!.trim().split(/\s+/).map(capitalize).join(' ')} Officer`);
  }
  // C-level and other abbreviations; two-letter ones ("AE", "PM") only in capitals, as "am"/"pm" are words.
  const isAbbreviation = (m: RegExpExecArray) => {
    const abbr = m[1]!.toLowerCase();
    return TITLE_ABBREVIATIONS[abbr] !== undefined && !['vp', 'svp', 'evp'].includes(abbr) && (abbr.length > 2 || m[1] === m[1]!.toUpperCase());
  };
  // "no, not the CTO list again — I need COOs", "no CTOs": a role the rep turns down is no title to search for
  // (titles have no exclusion filter), so it is dropped rather than searched. "not just CTOs" names no turned-down role.
  phrase.takeAll(/\b(?:not|no)\s+(?:the\s+|any\s+|more\s+)?([A-Za-z]{2,4}?)(?:s|S|'s|’s)?\b/g, isAbbreviation);
  for (const m of phrase.takeAll(/\b([A-Za-z]{2,4}?)(?:s|S|'s|’s)?\b/g, isAbbreviation)) {
    const abbr = m[1]!.toLowerCase();
    // Lead search expands C-level abbreviations itself; other roles read better spelled out.
    titles.push(ABBREVIATION_OF.has(TITLE_ABBREVIATIONS[abbr]!.toLowerCase()) ? abbr.toUpperCase() : TITLE_ABBREVIATIONS[abbr]!);
  }

  const level = (written: string): 'vp' | 'director' | 'head' | 'manager' => {
    const w = written.toLowerCase();
    if (/^head/.test(w)) return 'head';
    if (/^director/.test(w)) return 'director';
    if (/^manager/.test(w)) return 'manager';
    return 'vp';
  };
  const addLevelled = (lvl: ReturnType<typeof level>, fn: string) => {
    if (lvl === 'manager') titles.push(`${fn} Manager`);
    else {
      seniority.add(lvl === 'head' ? 'director' : lvl);
      titles.push(fn);
    }
  };
  // "VPs of Sales", "head of marketing", "directors of engineering", "VP Sales": the title as written (in
  // the singular), which is a job title of its own; every independent phrasing set expected exactly that.
  // Lead search matches its words in any order and skips "of", so "VP of Sales" finds "VP Sales" and
  // "Vice President of Sales" too; the seniority goes with it.
  const writtenTitle = (m: RegExpExecArray, fn: string) => {
    const lvl = level(m[1]!);
    if (lvl === 'manager') return addLevelled(lvl, fn);
    if (lvl === 'head' && !/\bof\s/i.test(m[0])) return addLevelled(lvl, fn);
    if (lvl !== 'head') seniority.add(lvl);
    titles.push(`${levelName(m[1]!)}${/\b(?:of|for)\s/i.test(m[0]) ? ' of' : ''} ${fn}`);
  };
  for (const m of phrase.takeAll(new RegExp(`\\b(${VP}|${DIRECTOR}|${HEAD}|${MANAGER})\\s+(?:of\\s+|for\\s+)?(${FUNCTION_ALT})\\b`, 'gi'))) {
    writtenTitle(m, functionName(m[2]!));
  }
  // A function the list lacks, written out after "of": "Directors of Customer Experience in the UK".
  for (const m of phrase.takeAll(new RegExp(`\\b(${VP}|${DIRECTOR}|${HEAD})\\s+of\\s+(${OTHER_FUNCTION})`, 'giu'), (m) => !/\u2022/.test(m[0]))) {
    writtenTitle(m, m[2]!.trim().split(/\s+/).map(capitalize).join(' '));
  }
  // "sales directors", "engineering managers", "marketing VPs": a director or VP of a function is a job title of its
  // own, kept whole as independent helpers wrote it ("Sales Director", "VP of Engineering"; lead search matches its
  // words in any order); a head or leader of one is director level in that function.
  for (const m of phrase.takeAll(new RegExp(`\\b(${FUNCTION_ALT})\\s+(${VP}|${DIRECTOR}|${HEAD}|${MANAGER}|leaders?)\\b`, 'gi'))) {
    const lvl = /^leader/i.test(m[2]!) ? 'head' : level(m[2]!);
    const fn = functionName(m[1]!);
    if (lvl === 'director' || lvl === 'vp') {
      seniority.add(lvl);
      titles.push(lvl === 'director' ? `${fn} Director` : `${levelName(m[2]!)} of ${fn}`);
    } else addLevelled(lvl, fn);
  }
  for (const [re, title] of ROLE_NOUNS) {
    for (const m of phrase.takeAll(re)) titles.push(title(m));
  }
  for (const [re, levels] of SENIORITY_WORDS) {
    if (phrase.take(re)) for (const l of levels) seniority.add(l);
  }

  const out: RoleFilter = {};
  // The title filter is one phrase; with several roles asked for, keep the first and say so via seniority.
  if (titles.length) out.title = titles[0];
  if (seniority.size) out.seniority = [...seniority];
  return out;
}

function capitalize(w: string): string {
  if (/^(?:qa|ml|it|hr)$/i.test(w)) return w.toUpperCase();
  return w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
}
