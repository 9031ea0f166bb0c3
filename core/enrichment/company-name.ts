// Company names: a readable guess from a domain label, and a normal form of a written name without its
// legal-form suffix (so "Acme Robotics GmbH" and "Acme Robotics" compare equal).

const LEGAL_FORMS = [
  'gmbh & co. kg',
  'gmbh & co kg',
  'pty ltd',
  'pty. ltd.',
  'pvt ltd',
  'pvt. ltd.',
  'co., ltd.',
  'co. ltd',
  'co ltd',
  'inc',
  'incorporated',
  'llc',
  'l.l.c.',
  'llp',
  'ltd',
  'limited',
  'plc',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'kg',
  'ug',
  'se',
  'sa',
  's.a.',
  'sas',
  's.a.s.',
  'sarl',
  's.a.r.l.',
  'srl',
  's.r.l.',
  'spa',
  's.p.a.',
  'sl',
  's.l.',
  'bv',
  'b.v.',
  'nv',
  'n.v.',
  'oy',
  'oyj',
  'ab',
  'as',
  'a/s',
  'aps',
  'asa',
  'kk',
  'k.k.',
  'sp. z o.o.',
  'sp z oo',
  's.r.o.',
  'a.s.',
  'zrt',
  'kft',
  'lda',
];
// Longest first so "gmbh & co. kg" wins over "kg".
const LEGAL_FORM_PATTERN = new RegExp(
  `[\\s,]+(${[...LEGAL_FORMS]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})\\.?$`,
  'i',
);

const ARTICLES = new Set(['the', 'a', 'an', 'la', 'le', 'les', 'el', 'il', 'die', 'der', 'das', 'de', 'het']);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** "Acme Robotics, Inc." -> "Acme Robotics"; "Müller GmbH & Co. KG" -> "Müller". Case is kept. */
export function normaliseCompanyName(name: string): string {
  let out = name.trim().replace(/\s+/g, ' ');
  for (let i = 0; i < 3; i++) {
    const next = out.replace(LEGAL_FORM_PATTERN, '').replace(/[\s,]+$/, '');
    // "The Company" is a name, not "The" plus a legal form.
    if (next === out || next === '' || ARTICLES.has(next.toLowerCase())) break;
    out = next;
  }
  return out;
}

/** "acme-robotics" -> "Acme Robotics"; two-letter words become upper case ("hp" -> "HP"). */
export function companyNameFromDomainLabel(label: string): string | undefined {
  const words = label.toLowerCase().split(/[-_]+/).filter(Boolean);
  if (words.length === 0 || words.every((w) => /^\d+$/.test(w))) return undefined;
  return words.map((w) => (w.length <= 2 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1))).join(' ');
}
