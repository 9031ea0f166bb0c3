// Writes the offline model's final reply from the tool results of the turn: each tool's own summary (or
// refusal) in order, nothing invented. The leads and drafts themselves are on the cards every channel
// renders (numbered, so "the second one" works), so the text does not repeat them.
import { isRecord, type ToolOutcome } from './conversation-context.ts';

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
    const hint = followUpHint(available, typeof out.nextCursor === 'string', out.leads.length);
    if (hint) sections.push(hint);
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

function followUpHint(available: ReadonlySet<string>, more: boolean, shown: number): string | undefined {
  const ideas = [
    // Never point at a second lead that is not in the list.
    available.has('enrichLead') ? (shown >= 2 ? '"enrich the second one"' : '"enrich #1"') : undefined,
    available.has('draftEmail') ? '"draft an email to #1"' : undefined,
    !available.has('enrichLead') || !available.has('draftEmail') ? (available.has('getLead') ? '"tell me about #1"' : undefined) : undefined,
    more && available.has('findLeads') ? '"show more"' : undefined,
  ].filter((x): x is string => x !== undefined);
  if (!ideas.length) return undefined;
  const last = ideas.pop()!;
  return `Say ${ideas.length ? `${ideas.join(', ')} or ${last}` : last}.`;
}
