// The request as the intent classifier reads it: names, companies, places, industries, technologies,
// titles, statuses, numbers and positions replaced by placeholders, so "mark Jane Doe as contacted" and
// "mark Max Müller as replied" are one phrasing ("mark xperson as xstatus").
import { TITLE_ABBREVIATIONS } from '../../leads/catalog.ts';
import type { Knowledge } from './knowledge.ts';
import type { LeadMention } from './lead-mentions.ts';
import { ORDINAL_PATTERN } from './numbers.ts';
import { UUID_PATTERN } from '../../ids.ts';

const STATUS = /^(?:contacted|uncontacted|replied|qualified|disqualified|customers?|clients?)$/;
const TITLE =
  /^(?:founders?|co-?founders?|directors?|managers?|vps?|heads?|engineers?|developers?|executives?|execs?|presidents?|owners?|partners?|analysts?|designers?|recruiters?|consultants?|chiefs?)$/;
const SHORT_PLACES = /^(?:uk|us|usa|uae|nyc|sf|la)$/;

export function abstractForClassifier(text: string, knowledge: Knowledge, mentions: readonly LeadMention[]): string {
  let t = text;
  // Right to left so earlier offsets stay valid.
  for (const m of [...mentions].sort((a, b) => b.start - a.start)) {
    t = t.slice(0, m.start) + (m.by === 'company' ? ' xcompany ' : ' xperson ') + t.slice(m.end);
  }
  t = t
    .replace(new RegExp(`[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|\\b${UUID_PATTERN}\\b`, 'gi'), ' xemail ')
    .replace(new RegExp(`(?<![\\w])(?:#\\s?\\d+|number\\s+\\d+|no\\.\\s?\\d+|\\d+(?:st|nd|rd|th))\\b`, 'gi'), ' xordinal ')
    .replace(new RegExp(`\\b(?:${ORDINAL_PATTERN})(?=\\s+(?:one|lead|result|person|contact|entry)\\b|\\s*[?!.,]*$)`, 'gi'), ' xordinal ');
  const words = t.split(/(\s+|[,.;:!?()"“”]+)/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const key = w.toLowerCase().replace(/['’]s$/, '');
    if (!/\p{L}|\d/u.test(w)) {
      out.push(w);
      continue;
    }
    if (/^\d+(?:[.,]\d+)?(?:k|\+|%)?$/i.test(key) || /^\d+-\d+$/.test(key)) {
      out.push('xnum');
      continue;
    }
    // Two- and three-word values first ("new york", "real estate", "google analytics").
    let consumed = 0;
    for (const n of [5, 3]) {
      const run = words.slice(i, i + n).join('');
      if (i + n > words.length || !/\s/.test(run)) continue;
      const v = placeholderOf(run.toLowerCase(), knowledge);
      if (v) {
        out.push(v);
        consumed = n;
        break;
      }
    }
    if (consumed) {
      i += consumed - 1;
      continue;
    }
    const short = key.replace(/[^a-z]/g, '').length <= 3;
    if (
      Object.hasOwn(TITLE_ABBREVIATIONS, key.replace(/s$/, '')) &&
      (key.length > 3 || w === w.toUpperCase() || /^(?:cto|ceo|cfo|coo|cmo|cio|cro|cpo|vp)s?$/.test(key))
    )
      out.push('xtitle');
    else if (TITLE.test(key)) out.push('xtitle');
    else if (STATUS.test(key)) out.push('xstatus');
    else if ((!short || SHORT_PLACES.test(key) || w === w.toUpperCase()) && placeholderOf(key, knowledge)) out.push(placeholderOf(key, knowledge)!);
    // Without the user's lead names, a capitalised word that is not English (after the first) is a name.
    else if (!knowledge.leads.length && i > 0 && /^\p{Lu}\p{Ll}+$/u.test(w) && !knowledge.common(key)) {
      if (out.at(-2) !== 'xperson') out.push('xperson');
      else out.pop();
    } else out.push(w.toLowerCase());
  }
  // "Lukas Becker from Kontoflow answered": a lead's company beside their name only says who they are.
  return out
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/\bxperson (?:from|at|of|over at) xcompany\b/g, 'xperson')
    .trim();
}

function placeholderOf(run: string, k: Knowledge): string | undefined {
  if (/^(?:it|in|at|no|be|us|me|or|on|to|as|so|do|new|the|a|an|i)$/.test(run)) return undefined;
  if (k.industry(run)) return 'xindustry';
  if (k.country(run) || k.city(run)) return 'xplace';
  if (k.tech(run)) return 'xtech';
  if (k.company(run) && !k.common(run)) return 'xcompany';
  return undefined;
}
