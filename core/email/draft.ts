// Composes a first-touch email from what we know about a lead. Deterministic: the same lead, sender and seed
// give the same draft. Phrasing varies by role, industry and seed; every candidate is scored with the rubric
// and the first one scoring 90+ (or else the best) is returned, so drafts always follow the rubric.
import { ValidationError } from '../errors.ts';
import { CALLS_TO_ACTION, ROLE_WORDS, SIGN_OFFS, roleAreaOf } from './draft-phrases.ts';
import { scoreEmail } from './rubric.ts';

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
}

export interface DraftSender {
  name: string;
  company?: string;
}

export interface DraftOptions {
  /** What the sender helps with, as a verb phrase completing "We help sales teams …" ("book more demos"). */
  purpose?: string;
  seed?: number;
}

export interface EmailDraft {
  subject: string;
  body: string;
}

const HONORIFIC = /^(mr|mrs|ms|miss|mx|dr|prof)\.?$/i;
const COMPANY_SUFFIX = /[,\s]+(inc|llc|ltd|limited|gmbh|corp|corporation|co|plc|ag|bv|pty)\.?$/i;
const GOOD_ENOUGH = 90;

interface Facts {
  first?: string;
  company?: string;
  title?: string;
  industry?: string;
  city?: string;
  tech?: string;
}

export function draftFirstTouchEmail(lead: DraftLead, sender: DraftSender, opts: DraftOptions = {}): EmailDraft {
  if (!clean(lead?.fullName)) throw new ValidationError('The lead needs a full name to draft an email.');
  if (!clean(sender?.name)) throw new ValidationError('The sender needs a name to sign the email.');
  if (opts.seed !== undefined && !Number.isInteger(opts.seed)) throw new ValidationError('The seed must be an integer.');

  const facts = factsOf(lead);
  const role = ROLE_WORDS[roleAreaOf(facts.title)];
  const purpose = clean(opts.purpose)?.replace(/^to\s+/i, '').replace(/[.!?]+$/, '');
  const start = hash(`${opts.seed ?? 0}|${lead.fullName}|${facts.company ?? ''}|${facts.industry ?? ''}|${facts.title ?? ''}`);

  const openers = openersFor(facts);
  const industryTeams = facts.industry && facts.industry.split(/\s+/).length <= 2 ? `${lowerIndustry(facts.industry)} ${role.teams}` : role.teams;
  const teamsWord = role.teams === 'founders' ? role.teams : industryTeams;
  const who = facts.company && facts.company.split(/\s+/).length <= 3 ? facts.company : 'your team';
  const us = clean(sender.company);
  const lead_ = { firstName: facts.first, company: facts.company, title: facts.title, industry: facts.industry, city: facts.city, techStack: lead.techStack };

  let best: { draft: EmailDraft; rank: number } | undefined;
  const variants = openers.length * CALLS_TO_ACTION.length * 2;
  for (let k = 0; k < Math.min(variants, 24); k++) {
    const v = (start + k * 7) >>> 0;
    const opener = openers[v % openers.length]!;
    const pain = role.pains[(v >>> 3) % role.pains.length]!;
    const cta = CALLS_TO_ACTION[(v >>> 5) % CALLS_TO_ACTION.length]!.replace('{who}', who);
    const helper = us ? `${us} helps` : 'We help';
    const value = purpose
      ? `${helper} ${teamsWord} like yours ${purpose}.`
      : `${helper} teams like yours ${role.outcome}.`;
    const painLine = purpose ? '' : `Most ${teamsWord} ${pain}.`;
    const greeting = facts.first ? `Hi ${facts.first},` : 'Hi there,';
    const signOff = `${SIGN_OFFS[(v >>> 2) % SIGN_OFFS.length]},\n${clean(sender.name)}`;
    const subject = subjectFor(facts, role.label, us, v);
    // Long names can push a draft past 50 words; the pain line is the one to drop then.
    for (const middle of painLine ? [painLine, ''] : ['']) {
      const paragraphs = [[opener, middle].filter(Boolean).join(' '), `${value} ${cta}`];
      const draft = { subject, body: [greeting, ...paragraphs, signOff].join('\n\n') };
      const scored = scoreEmail({ ...draft, lead: lead_ });
      const rank = scored.score + (scored.wordCount >= 25 && scored.wordCount <= 50 ? 100 : 0);
      if (rank >= 100 + GOOD_ENOUGH) return draft;
      if (!best || rank > best.rank) best = { draft, rank };
    }
  }
  return best!.draft;
}

function factsOf(lead: DraftLead): Facts {
  const firstToken = clean(lead.fullName)!.split(/\s+/).find((t) => !HONORIFIC.test(t));
  const first = clean(lead.firstName) ?? (firstToken && /^\p{L}[\p{L}'-]*$/u.test(firstToken) ? firstToken : undefined);
  const title = clean(lead.title);
  return {
    first,
    company: clean(lead.company)?.replace(COMPANY_SUFFIX, ''),
    title,
    industry: clean(lead.industry),
    city: clean(lead.city),
    tech: (lead.techStack ?? []).map(clean).find(Boolean),
  };
}

/** Openers that state only what we know; none of them invents an event. */
function openersFor(f: Facts): string[] {
  const out: string[] = [];
  const industry = f.industry ? lowerIndustry(f.industry) : undefined;
  if (f.tech) out.push(f.company ? `Noticed ${f.company} runs on ${f.tech}.` : `Noticed your team uses ${f.tech}.`);
  if (f.company && industry) {
    out.push(`${f.company} came up while I was looking at ${industry} teams${f.city ? ` in ${f.city}` : ''}.`);
  }
  if (f.company && f.city) out.push(`I came across ${f.company} while looking at teams in ${f.city}.`);
  if (f.company && f.title && f.title.split(/\s+/).length <= 4) out.push(`Reaching out since you're the ${f.title} at ${f.company}.`);
  if (f.company && out.length === 0) out.push(`${f.company} came up as I was looking at teams like yours.`);
  if (out.length === 0 && industry) out.push(`Reaching out since you work in ${industry}.`);
  if (out.length === 0 && f.city) out.push(`Reaching out to a few teams in ${f.city}.`);
  if (out.length === 0) out.push('Reaching out with a quick idea for your team.');
  return out;
}

function subjectFor(f: Facts, label: string, us: string | undefined, v: number): string {
  const candidates = [
    f.company && `Idea for ${f.company}`,
    f.company && us && `${f.company} + ${us}`,
    f.company && f.tech && `${f.tech} at ${f.company}`,
    f.company && `${label} at ${f.company}`,
    f.tech && `Your ${f.tech} setup`,
    f.first && `${f.first}, quick idea`,
    label !== 'Quick idea' && `${label} idea`,
    'Quick idea',
  ].filter((s): s is string => !!s && s.split(/\s+/).length <= 4 && s.length <= 40);
  return candidates[v % candidates.length] ?? 'Quick idea';
}

function lowerIndustry(industry: string): string {
  // Keep "SaaS" or "IT services"; lowercase "Software" so it reads mid-sentence.
  return /\p{Lu}.*\p{Lu}/u.test(industry) ? industry : industry.toLowerCase();
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
