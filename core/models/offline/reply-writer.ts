// Writes the offline model's final reply from the tool results of the turn: each tool's own summary (or
// refusal) in order, nothing invented. A search also lists its leads, numbered, so "the second one" works.
import { isRecord, type ToolOutcome } from './conversation-context.ts';

const MAX_LISTED = 25;

export function writeReply(results: ToolOutcome[], available: ReadonlySet<string>): string {
  if (!results.length) return 'There is nothing to report.';
  const parts = results.map((r) => describe(r, available));
  return parts.filter(Boolean).join('\n\n');
}

function describe(r: ToolOutcome, available: ReadonlySet<string>): string {
  if (r.denied) return `I did not run ${r.toolName}${typeof r.output === 'string' && r.output ? `: ${r.output}` : '.'}`;
  if (r.failed) return `${r.toolName} failed: ${messageOf(r.output) ?? 'no details were given.'}`;
  if (typeof r.output === 'string') return r.output.trim() || `${r.toolName} finished.`;
  if (!isRecord(r.output)) return `${r.toolName} finished.`;

  const out = r.output;
  if (out.ok === false) {
    const err = isRecord(out.error) && typeof out.error.message === 'string' ? out.error.message : undefined;
    return err ?? (typeof out.summary === 'string' ? out.summary : `${r.toolName} could not be done.`);
  }
  const summary = typeof out.summary === 'string' && out.summary.trim() ? out.summary.trim() : `${r.toolName} finished.`;
  const sections = [summary];
  if (r.toolName === 'findLeads' && Array.isArray(out.leads) && out.leads.length) {
    sections.push(leadList(out.leads));
    const hint = followUpHint(available, typeof out.nextCursor === 'string');
    if (hint) sections.push(hint);
  }
  if (r.toolName === 'draftEmail') {
    const draft = draftText(out);
    if (draft) sections.push(draft);
  }
  return sections.join('\n\n');
}

function messageOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.replace(/^(?:[A-Z]\w*)?Error:\s*/, '').slice(0, 500);
  if (isRecord(value)) {
    if (typeof value.message === 'string') return value.message;
    if (isRecord(value.error) && typeof value.error.message === 'string') return value.error.message;
  }
  return undefined;
}

/** "1. Jane Doe — CTO at Acme (jane@acme.io) · score 91" */
export function leadLine(position: number, lead: Record<string, unknown>): string {
  const s = (k: string) => (typeof lead[k] === 'string' && (lead[k] as string).trim() ? (lead[k] as string).trim() : undefined);
  const name = s('fullName') ?? s('name') ?? s('email') ?? 'Unnamed lead';
  const title = s('title');
  const company = s('company');
  const role = title && company ? `${title} at ${company}` : (title ?? company);
  const email = s('email');
  let line = `${position}. ${name}`;
  if (role) line += ` — ${role}`;
  if (email && email !== name) line += ` (${email})`;
  if (typeof lead.score === 'number') line += ` · score ${lead.score}`;
  return line;
}

function leadList(leads: unknown[]): string {
  const lines = leads
    .slice(0, MAX_LISTED)
    .map((l, i) => (isRecord(l) ? leadLine(i + 1, l) : undefined))
    .filter((l): l is string => l !== undefined);
  if (leads.length > MAX_LISTED) lines.push(`…and ${leads.length - MAX_LISTED} more.`);
  return lines.join('\n');
}

function followUpHint(available: ReadonlySet<string>, more: boolean): string | undefined {
  const ideas = [
    available.has('enrichLead') ? '"enrich the second one"' : undefined,
    available.has('draftEmail') ? '"draft an email to #1"' : undefined,
    !available.has('enrichLead') || !available.has('draftEmail') ? (available.has('getLead') ? '"tell me about #1"' : undefined) : undefined,
    more && available.has('findLeads') ? '"show more"' : undefined,
  ].filter((x): x is string => x !== undefined);
  if (!ideas.length) return undefined;
  const last = ideas.pop()!;
  return `Say ${ideas.length ? `${ideas.join(', ')} or ${last}` : last}.`;
}

function draftText(out: Record<string, unknown>): string | undefined {
  const source = isRecord(out.draft) ? out.draft : isRecord(out.email) ? out.email : out;
  const body = typeof source.body === 'string' ? source.body.trim() : undefined;
  if (!body) return undefined;
  const subject = typeof source.subject === 'string' && source.subject.trim() ? `Subject: ${source.subject.trim()}\n\n` : '';
  return `${subject}${body}`;
}
