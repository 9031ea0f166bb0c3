import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, sleep } from '../../../core/enrichment/retry.ts';

describe('backoffDelay', () => {
  it('doubles the ceiling with each retry', () => {
    const top = () => 1;
    expect([0, 1, 2].map((i) => backoffDelay(i, { baseMs: 100, maxMs: 10_000, random: top }))).toEqual([100, 200, 400]);
  });

  it('never exceeds maxMs', () => {
    expect(backoffDelay(10, { baseMs: 100, maxMs: 1_500, random: () => 1 })).toBe(1_500);
  });

  it('spreads delays across [0, ceiling] with jitter', () => {
    expect(backoffDelay(2, { baseMs: 100, maxMs: 10_000, random: () => 0.25 })).toBe(100);
    expect(backoffDelay(2, { baseMs: 100, maxMs: 10_000, random: () => 0 })).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter(' 0.5 ')).toBe(500);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('returns undefined for a missing or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('sleep', () => {
  it('rejects with the abort reason when cancelled', async () => {
    const controller = new AbortController();
    const p = sleep(10_000, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(p).rejects.toThrow('cancelled');
  });
});
