// The words of the patterns, lookalikes and rescore cards: figures phrased once for their views.
import type { LookalikesCard, PatternsCard, RescoreCard } from '../../cards.ts';

const VERB: Record<PatternsCard['goal'], string> = { replied: 'replied', qualified: 'qualified', customer: 'became customers' };
const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
const count = (n: number) => n.toLocaleString('en-US');

/** "412 of 3,200 contacted leads replied (12.9%)." */
export function patternsHeadline(card: PatternsCard): string {
  return `${count(card.positives)} of ${count(card.leads)} contacted leads ${VERB[card.goal]} (${pct(card.baseRate)}).`;
}

/** "36% replied, 3.0× the average · 270 leads · 95% CI 30–42%" */
export function patternFigures(p: PatternsCard['patterns'][number], goal: PatternsCard['goal']): string {
  return `${pct(p.rate)} ${VERB[goal]}, ${p.lift.toFixed(1)}× the average · ${count(p.leads)} leads · 95% CI ${pct(p.ciLow)}–${pct(p.ciHigh)}`;
}

export function patternVerdict(p: PatternsCard['patterns'][number]): string {
  return p.significant ? 'significant' : 'could be chance';
}

/** "A model of these attributes ranks leads with AUC 0.62 (5-fold cross-validated); today's fit score: 0.51." */
export function modelText(card: PatternsCard): string | undefined {
  const m = card.model;
  if (!m) return undefined;
  const current = m.staticScoreAuc !== undefined ? `; today's fit score: ${m.staticScoreAuc.toFixed(2)}` : '';
  return `A model of these attributes ranks leads with AUC ${m.auc.toFixed(2)} (${m.folds}-fold cross-validated)${current}. 0.5 is a coin toss.`;
}

export function lookalikeFigures(lead: LookalikesCard['leads'][number]): string {
  return `${Math.round(lead.similarity * 100)}% similar — ${lead.reason}`;
}

/** "Scores of 2,340 leads recomputed (1,980 changed) from a model with AUC 0.62 (today's score: 0.51)." */
export function rescoreHeadline(card: RescoreCard): string {
  const current = card.staticScoreAuc !== undefined ? ` (the old scores: ${card.staticScoreAuc.toFixed(2)})` : '';
  return `Fit scores of ${count(card.leads)} leads recomputed, ${count(card.changed)} changed, from a model with AUC ${card.auc.toFixed(2)}${current}.`;
}

/** One row per score band: "0–9   ████ 120 → ██ 40". */
export function distributionRows(card: RescoreCard, barWidth = 12): { band: string; before: string; after: string }[] {
  const most = Math.max(1, ...card.before, ...card.after);
  const bar = (n: number) => '█'.repeat(Math.round((n / most) * barWidth)) || (n ? '▏' : '');
  return card.before.map((b, i) => ({
    band: i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`,
    before: `${bar(b)} ${count(b)}`.trim(),
    after: `${bar(card.after[i] ?? 0)} ${count(card.after[i] ?? 0)}`.trim(),
  }));
}
