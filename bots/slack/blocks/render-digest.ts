// A manager's digest: totals, one line per rep, what needs attention, and the top leads.
import type { DigestCard } from '../../../core/cards.ts';
import { leadHeadline } from './lead-text.ts';
import { context, divider, esc, fields, header, section, usd, type Block, type RenderedCard } from './limits.ts';

const MAX_REPS = 20;
const MAX_LEADS = 5;

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export function renderDigest(card: DigestCard): RenderedCard {
  const t = card.totals;
  const blocks: Block[] = [
    header(`${card.teamName} · ${card.period.label}`),
    fields([
      ['Leads added', String(t.leadsAdded)],
      ['Leads enriched', String(t.leadsEnriched)],
      ['Spend', `${usd(t.spendUsd)} of ${usd(t.budgetUsd)}`],
    ]),
  ];
  if (card.missed?.length)
    blocks.push(
      context(
        `:warning: Not sent in time (missed): ${esc(card.missed.map((m) => m.label).join('; '))}. Ask for one with \`salesos digest --send --at <date>\`.`,
      ),
    );
  if (card.reps.length) {
    const lines = card.reps.slice(0, MAX_REPS).map((r) => {
      const roast =
        r.avgRoastScore === null ? '' : ` · roast avg ${r.avgRoastScore.toFixed(0)}${r.avgRoastScoreChange ? ` (${signed(r.avgRoastScoreChange)})` : ''}`;
      return `• *${esc(r.name)}*: ${r.leadsAdded} added (${signed(r.change.leadsAdded)}), ${r.leadsEnriched} enriched, ${r.emailsRoasted + r.emailsDrafted} emails${roast} · ${usd(r.spendUsd)}`;
    });
    if (card.reps.length > MAX_REPS) lines.push(`_…and ${card.reps.length - MAX_REPS} more reps_`);
    blocks.push(section(`*Reps*\n${lines.join('\n')}`));
  }
  const a = card.attention;
  const attention: string[] = [];
  if (a.hotUncontacted.length) attention.push(`*Hot, not contacted:* ${a.hotUncontacted.slice(0, MAX_LEADS).map(leadHeadline).join('; ')}`);
  if (a.staleLeads.length) attention.push(`*Stale:* ${a.staleLeads.slice(0, MAX_LEADS).map(leadHeadline).join('; ')}`);
  if (a.inactiveReps.length) attention.push(`*Inactive reps:* ${esc(a.inactiveReps.join(', '))}`);
  if (attention.length) blocks.push(divider(), section(`:eyes: *Needs attention*\n${attention.join('\n')}`));
  if (card.topLeads.length)
    blocks.push(
      section(
        `*Top leads*\n${card.topLeads
          .slice(0, MAX_LEADS)
          .map((l) => `• ${leadHeadline(l)} (score ${l.score})`)
          .join('\n')}`,
      ),
    );
  blocks.push(context(`${card.period.cadence} digest for ${esc(card.managerName)}`));
  const text = `${card.teamName} ${card.period.label}: ${t.leadsAdded} leads added, ${t.leadsEnriched} enriched, ${usd(t.spendUsd)} spent of ${usd(t.budgetUsd)}`;
  return { blocks, text };
}
