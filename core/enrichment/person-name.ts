// First and last name from a full name or, when it is unambiguous, from an email local part.

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'herr', 'frau', 'mme', 'mlle']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'mba', 'esq', 'dds', 'cpa']);
/** Words that belong to the surname that follows them ("van der Berg", "de la Cruz"). */
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'dos',
  'das',
  'du',
  'la',
  'le',
  'ten',
  'ter',
  'zu',
  'bin',
  'al',
  'st',
]);

export interface NameParts {
  firstName?: string;
  lastName?: string;
}

const bare = (word: string) => word.toLowerCase().replace(/[.,]/g, '');

export function splitFullName(fullName: string): NameParts {
  let text = fullName.trim().replace(/\s+/g, ' ');
  // "Doe, Jane" -> "Jane Doe" (but not "Jane Doe, PhD")
  const comma = text.split(',').map((s) => s.trim());
  if (comma.length === 2 && comma[0] && comma[1] && !SUFFIXES.has(bare(comma[1]))) text = `${comma[1]} ${comma[0]}`;
  const words = text.split(' ').filter((w) => w && !SUFFIXES.has(bare(w)));
  while (words.length > 1 && HONORIFICS.has(bare(words[0]!))) words.shift();
  const cleaned = words.map((w) => w.replace(/,$/, ''));
  if (cleaned.length === 0) return {};
  if (cleaned.length === 1) return { firstName: cleaned[0] };
  let lastStart = cleaned.length - 1;
  while (lastStart > 1 && PARTICLES.has(bare(cleaned[lastStart - 1]!))) lastStart--;
  return { firstName: cleaned[0], lastName: cleaned.slice(lastStart).join(' ') };
}

/** "o'brien" -> "O'Brien", "mary-jane" -> "Mary-Jane". */
export function capitalizeName(word: string): string {
  return word.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

export interface LocalPartName {
  firstName?: string;
  lastName?: string;
  fullName?: string;
  /** Why it was read this way, for the enrichment notes. */
  pattern: string;
}

/**
 * jane.doe, jane_doe, jane-doe, jane.m.doe -> Jane Doe; j.doe -> last name only.
 * jdoe, jane, janedoe and anything with digits inside give nothing: they can be read more than one way.
 */
export function nameFromLocalPart(local: string): LocalPartName | undefined {
  const core = local.toLowerCase().split('+')[0]!.replace(/\d+$/, '');
  const separator = /[._]/.test(core) ? /[._]+/ : /-+/;
  const parts = core.split(separator).filter(Boolean);
  if (parts.some((p) => !/^\p{L}[\p{L}'-]*$/u.test(p))) return undefined;
  const word = (p: string) => p.replace(/-/g, '').length >= 2;
  if (parts.length === 2 && word(parts[0]!) && word(parts[1]!)) {
    const [first, last] = [capitalizeName(parts[0]!), capitalizeName(parts[1]!)];
    return { firstName: first, lastName: last, fullName: `${first} ${last}`, pattern: 'first.last' };
  }
  if (parts.length === 3 && word(parts[0]!) && parts[1]!.length === 1 && word(parts[2]!)) {
    const [first, last] = [capitalizeName(parts[0]!), capitalizeName(parts[2]!)];
    return { firstName: first, lastName: last, fullName: `${first} ${last}`, pattern: 'first.initial.last' };
  }
  if (parts.length === 2 && parts[0]!.length === 1 && word(parts[1]!)) return { lastName: capitalizeName(parts[1]!), pattern: 'initial.last' };
  return undefined;
}
