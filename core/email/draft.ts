// Composes a first-touch email from what the rep sells (the offer profile) and what we know about the lead.
// Deterministic: the same lead, offer, sender and seed give the same draft. It states only facts it was
// given (a note, the stack, the industry, the role) and never scores itself: the rubric judges it afterwards.
import { ValidationError } from '../errors.ts';
import { ROLE_WORDS, SIGN_OFFS, roleAreaOf } from './draft-phrases.ts';
import type { Offer } from './offer.ts';
import { contentWords } from './text-signals.ts';

export interface DraftLead {
  firstName?: string;
  fullName: string;
  title?: string;
  company?: string;
  industry?: string;
  city?: string;
  country?: string;
  techStack?: string[];
  companySize?: number;
  /** The rep's notes on the lead, newest first (what they learned on a call, in the news, on LinkedIn). */
  notes?: string[];
}

export interface DraftSender {
  name: string;
  company?: string;
}

export interface DraftOptions {
  offer: Offer;
  seed?: number;
}

export interface EmailDraft {
  subject: string;
  body: string;
}

export interface ComposedDraft extends EmailDraft {
  /** The lead facts the draft uses, as "note: …", "tech: …" (shown to the rep, checked by tests). */
  usedFacts: string[];
}

const HONORIFIC = /^(mr|mrs|ms|miss|mx|dr|prof)\.?$/i;
const COMPANY_SUFFIX = /[,\s]+(inc|llc|ltd|limited|gmbh|corp|corporation|co|plc|ag|bv|pty)\.?$/i;
// Verbs a one-line value proposition usually starts with ("cut vendor setup to days"); otherwise it is a
// noun phrase ("faster vendor onboarding") and reads after "gives".
const LEADING_VERB =
  /^(cut|cuts|reduce|save|get|find|book|close|ship|catch|stop|win|turn|spend|answer|fill|hire|see|track|keep|make|run|build|grow|raise|lower|avoid|automate|replace|move|send|collect|match|resolve|fix|check|prevent|ramp|onboard|handle|plan|forecast|hit|spot|detect|protect|recover|halve|double|speed|shorten|free|route|turn|land|launch|pass|settle|schedule|respond|reply|price|sell|hit)\b/i;
const MAX_NOTE_WORDS = 25;

export function draftFirstTouchEmail(lead: DraftLead, sender: DraftSender, opts: DraftOptions): ComposedDraft {
  if (!clean(lead?.fullName)) throw new ValidationError('The lead needs a full name to draft an email.');
  if (!clean(sender?.name)) throw new ValidationError('The sender needs a name to sign the email.');
  if (opts.seed !== undefined && !Number.isInteger(opts.seed)) throw new ValidationError('The seed must be an integer.');
  const product = clean(opts.offer?.product);
  const value = clean(opts.offer?.valueProposition)
    ?.replace(/^to\s+/i, '')
    .replace(/[.!]+$/, '');
  if (!product || !value) throw new ValidationError('The offer needs a product and a one-line value proposition.');

  const first = firstNameOf(lead);
  const company = clean(lead.company)?.replace(COMPANY_SUFFIX, '');
  const title = clean(lead.title);
  const industry = clean(lead.industry);
  const tech = (lead.techStack ?? []).map(clean).filter((t): t is string => !!t);
  const note = (lead.notes ?? []).map(clean).find((n): n is string => !!n && n.split(/\s+/).length <= MAX_NOTE_WORDS);
  const v = hash(`${opts.seed ?? 0}|${lead.fullName}|${company ?? ''}|${title ?? ''}`);

  const role = ROLE_WORDS[roleAreaOf(title)];
  const who = company && company.split(/\s+/).length <= 3 ? company : 'your team';
  const audience = audienceOf(role.teams, industry, clean(opts.offer.typicalCustomer));
  const usedFacts: string[] = [];

  // The opener: the most specific fact we hold, said plainly.
  let opener: string;
  if (note) {
    opener = `Saw this about ${who === 'your team' ? 'your team' : who}: ${lowerFirst(note.replace(/[.!]+$/, ''))}.`;
    usedFacts.push(`note: ${note}`);
  } else if (tech.length) {
    opener = `Noticed ${who === 'your team' ? 'your team' : who} runs on ${tech.slice(0, 2).join(' and ')}${industry ? `, like many ${lowerIndustry(industry)} teams` : ''}.`;
    usedFacts.push(...tech.slice(0, 2).map((t) => `tech: ${t}`));
  } else if (industry && title) {
    opener = `As ${article(title)} ${title} in ${lowerIndustry(industry)}, you know how often ${lowerIndustry(industry)} ${role.teams} ${role.pains[v % role.pains.length]}.`;
    usedFacts.push(`title: ${title}`, `industry: ${industry}`);
  } else if (title) {
    opener = `Most ${role.teams} I talk to ${role.pains[v % role.pains.length]}; as ${title}, you may see the same.`;
    usedFacts.push(`title: ${title}`);
  } else if (industry) {
    opener = `Most ${lowerIndustry(industry)} ${role.teams} I talk to ${role.pains[v % role.pains.length]}.`;
    usedFacts.push(`industry: ${industry}`);
  } else {
    opener = `Most ${role.teams} I talk to ${role.pains[v % role.pains.length]}.`;
  }

  const valueLine = LEADING_VERB.test(value) ? `${product} helps ${audience} ${lowerFirst(value)}.` : `${product} gives ${audience} ${lowerFirst(value)}.`;
  const proof = pickProof(
    opts.offer.proofPoints ?? [],
    [industry, title, ...tech, note].filter((x): x is string => !!x),
    v,
  );
  const ask = askOf(clean(opts.offer.preferredAsk), who);
  const greeting = first ? `Hi ${first},` : 'Hi there,';
  const signOff = `${SIGN_OFFS[(v >>> 2) % SIGN_OFFS.length]},\n${clean(sender.name)}${clean(sender.company) ? `\n${clean(sender.company)}` : ''}`;
  const body = [greeting, opener, [valueLine, proof].filter(Boolean).join(' '), ask, signOff].join('\n\n');
  return { subject: subjectOf(product, company, tech[0], role.label, v), body, usedFacts };
}

function audienceOf(teams: string, industry: string | undefined, typicalCustomer: string | undefined): string {
  if (teams === 'teams' && typicalCustomer) return typicalCustomer;
  const qualified = industry && industry.split(/\s+/).length <= 2 && teams !== 'founders' ? `${lowerIndustry(industry)} ${teams}` : teams;
  return `${qualified} like yours`;
}

/** The proof point sharing the most words with what we know about the lead; the seed breaks ties. */
function pickProof(points: string[], facts: string[], v: number): string | undefined {
  const usable = points.map(clean).filter((p): p is string => !!p);
  if (!usable.length) return undefined;
  const known = new Set(facts.flatMap((f) => contentWords(f)));
  const ranked = usable
    .map((p, i) => ({ p, i, overlap: contentWords(p).filter((w) => known.has(w)).length }))
    .sort((a, b) => b.overlap - a.overlap || ((a.i + v) % usable.length) - ((b.i + v) % usable.length));
  const chosen = ranked[0]!.p;
  return /[.!?]$/.test(chosen) ? chosen : `${chosen}.`;
}

function askOf(preferred: string | undefined, who: string): string {
  if (preferred) return /[?]$/.test(preferred) ? preferred : `${preferred.replace(/[.!]+$/, '')}?`;
  return `Worth a short look at how this would work for ${who}?`;
}

function subjectOf(product: string, company: string | undefined, tech: string | undefined, label: string, v: number): string {
  const candidates = [
    company && tech && `${tech} at ${company}`,
    company && label !== 'Quick idea' && `${label} at ${company}`,
    company && `${product} for ${company}`,
    tech && `Your ${tech} setup`,
    label === 'Quick idea' ? label : `${label} idea`,
  ].filter((s): s is string => !!s && s.split(/\s+/).length <= 4 && s.length <= 40);
  return candidates[v % candidates.length] ?? `${product} idea`;
}

function firstNameOf(lead: DraftLead): string | undefined {
  const token = clean(lead.fullName)!
    .split(/\s+/)
    .find((t) => !HONORIFIC.test(t));
  return clean(lead.firstName) ?? (token && /^\p{L}[\p{L}'-]*$/u.test(token) ? token : undefined);
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) && !/^(uni|eu|one)/i.test(word) ? 'an' : 'a';
}

function lowerFirst(s: string): string {
  // "Cut setup…" → "cut setup…"; "SSO at Acme" and "HubSpot…" keep their capitals.
  return /^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

function lowerIndustry(industry: string): string {
  // Keep "SaaS" or "IT services"; lowercase "Software" or "Financial Services" so it reads mid-sentence.
  return /\p{Lu}{2}|\p{Ll}\p{Lu}/u.test(industry) ? industry : industry.toLowerCase();
}

function clean(s: string | undefined | null): string | undefined {
  if (typeof s !== 'string') return undefined;
  const t = s.replace(/\s+/g, ' ').trim();
  return t && !/^(undefined|null|n\/a)$/i.test(t) ? t : undefined;
}

/** FNV-1a: a stable small hash so variants depend on the lead and the seed, never on Math.random. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
