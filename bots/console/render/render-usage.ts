// Today's spend against the daily budget: a one-line summary, a bar, and the cost per model and tool.
import type { UsageCard } from '../../../core/cards.ts';
import type { RenderContext } from './context.ts';
import { int, time, usd } from './format.ts';
import { renderTable } from './table.ts';
import { clean, hang } from './text.ts';

const BAR_MAX = 30;

/** "████░░░░ 14%" coloured by how close the budget is; share is clamped to 0..1. */
export function bar(share: number, ctx: RenderContext): string {
  const s = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 1));
  const percent = `${Math.round(share * 100)}%`;
  const cells = Math.max(4, Math.min(BAR_MAX, ctx.width - percent.length - 1));
  const full = Math.round(s * cells);
  const paint = s >= 0.9 ? ctx.style.red : s >= 0.7 ? ctx.style.yellow : ctx.style.green;
  return `${paint('█'.repeat(full))}${ctx.style.dim('░'.repeat(cells - full))} ${percent}`;
}

export function renderUsage(card: UsageCard, ctx: RenderContext): string[] {
  const { style, width } = ctx;
  const lines = hang('', `Usage for ${clean(card.userName)} · ${clean(card.day)}`, width).map(style.bold);
  const resets = `resets ${time(card.resetsAt, card.timeZone)} ${clean(card.timeZone)}`;
  const spent = `Spent ${usd(card.spentUsd)} of ${usd(card.limitUsd)} today · ${usd(card.remainingUsd)} left · ${resets}`;
  lines.push(...hang('', spent, width));
  if (card.reservedUsd > 0) lines.push(...hang('', `${usd(card.reservedUsd)} held for calls still running`, width).map(style.dim));
  lines.push(bar(card.limitUsd > 0 ? card.spentUsd / card.limitUsd : 1, ctx));
  if (card.byName.length) {
    const rows = [...card.byName]
      .sort((a, b) => b.costUsd - a.costUsd || a.name.localeCompare(b.name, 'en'))
      .map((b) => [clean(b.name), b.kind, int(b.calls), usd(b.costUsd)]);
    lines.push(
      '',
      ...renderTable(
        [
          { header: 'Model / tool', min: 8 },
          { header: 'Kind', dropOrder: 1 },
          { header: 'Calls', align: 'right' },
          { header: 'Cost', align: 'right' },
        ],
        rows,
        { width, style },
      ),
    );
  } else {
    lines.push('', style.dim('No model or tool calls yet today.'));
  }
  if (card.team) {
    const t = card.team;
    lines.push('', ...hang('', `Team: ${usd(t.spentUsd)} of ${usd(t.limitUsd)} today · ${usd(Math.max(0, t.limitUsd - t.spentUsd))} left`, width));
  }
  return lines;
}
