// Finds links the way a reader (and a spam filter) sees them: full URLs, www. addresses and bare domains
// such as acme.io/pricing. A short list of top-level domains keeps "Node.js" or "e.g." from counting.

const HTTP = String.raw`\bhttps?:\/\/[^\s<>()"]+`;
const WWW = String.raw`\bwww\.[^\s<>()"]+`;
const TLDS =
  'com|io|ai|co|net|org|app|dev|me|ly|so|xyz|tech|info|biz|cloud|to|gg|sh|link|page|site|online|store|live|us|uk|de|fr|eu|ca|au|in|nl|es|it|se|ch|be|at|ie|nz';
const BARE = String.raw`(?<![@\w.\/-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:${TLDS})(?:\/[^\s<>()"]*)?(?![\w@-])`;
const LINK = new RegExp(`${HTTP}|${WWW}|${BARE}`, 'gi');

// Booking links are a call to action on their own (Calendly and friends).
const CALENDAR =
  /(calendly\.com|cal\.com|savvycal\.com|chilipiper\.com|meetings\.hubspot\.com|hubspot\.com\/meetings|tidycal\.com|zcal\.co|calendar\.app\.google|youcanbook\.me|doodle\.com)/i;

export interface FoundLink {
  text: string;
  index: number;
}

export function findLinks(text: string): FoundLink[] {
  const found: FoundLink[] = [];
  for (const m of text.matchAll(LINK)) {
    const clean = m[0].replace(/[.,!?;:)'"\]]+$/, '');
    if (clean) found.push({ text: clean, index: m.index ?? 0 });
  }
  return found;
}

export function isCalendarLink(link: string): boolean {
  return CALENDAR.test(link);
}

/** Replaces each link by a placeholder word so readability and word splitting are not thrown off. */
export function replaceLinks(text: string, placeholder = 'link'): string {
  return text.replace(LINK, (m) => {
    const trail = /[.,!?;:)'"\]]+$/.exec(m)?.[0] ?? '';
    return placeholder + trail;
  });
}
