// The log-odds → 0–100 mapping is chosen on predictions for emails the model did not train on; it must hold a
// margin, not win one email on a single knife-edge shift (docs/email-rubric.md, "After set 11").
import { describe, expect, it } from 'vitest';
import { chooseScoreMapping, scoreFromLogOdds } from '../../../core/email/evidence-model.ts';

// Forty clear cases on each side, far from the lines.
const clear = [...Array.from({ length: 40 }, () => ({ logOdds: -3, strong: false })), ...Array.from({ length: 40 }, () => ({ logOdds: 3, strong: true }))];
const misses = (preds: { logOdds: number; strong: boolean }[], mapping: { scale: number; shift: number }) =>
  preds.filter((p) => {
    const s = scoreFromLogOdds({ mapping }, p.logOdds);
    return p.strong ? s < 75 : s >= 65;
  }).length;

describe('chooseScoreMapping', () => {
  it('does not take a steep mapping that separates one close pair at a single shift only', () => {
    // A weak email at -0.002 and a strong one at 0.238: only scale 2 with shift 0.60 puts both on their sides.
    const preds = [...clear, { logOdds: -0.002, strong: false }, { logOdds: 0.238, strong: true }];
    expect(misses(preds, { scale: 2, shift: 0.6 })).toBe(0);
    expect(misses(preds, { scale: 2, shift: 0.59 })).toBe(1);
    expect(misses(preds, { scale: 2, shift: 0.61 })).toBe(1);
    const chosen = chooseScoreMapping(preds);
    // One miss that holds over a range of shifts, at the least stretch, beats zero on a knife edge.
    expect(chosen.scale).toBe(1);
    expect(misses(preds, chosen)).toBe(1);
    for (const d of [-0.1, 0.1]) expect(misses(preds, { ...chosen, shift: chosen.shift + d })).toBe(1);
  });

  it('but takes the least stretch that separates every email when the gap allows it over a range of shifts', () => {
    const preds = [...clear, { logOdds: -0.5, strong: false }, { logOdds: 0.5, strong: true }];
    const chosen = chooseScoreMapping(preds);
    expect(chosen.scale).toBe(1);
    expect(misses(preds, chosen)).toBe(0);
    for (const d of [-0.1, 0.1]) expect(misses(preds, { ...chosen, shift: chosen.shift + d })).toBe(0);
  });
});
