import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../../core/enrichment/circuit-breaker.ts';

// A settable clock: the breaker takes `now` as a parameter so cooldowns need no real waiting.
function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('circuit breaker', () => {
  it('stays closed below the threshold and opens on the Nth consecutive failure', () => {
    const c = clock();
    const b = createCircuitBreaker({ failureThreshold: 3, cooldownMs: 1_000, now: c.now });
    b.onFailure();
    b.onFailure();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toEqual({ allowed: true, trial: false });
    b.onFailure();
    expect(b.state).toBe('open');
  });

  it('counts only consecutive failures: a success resets the count', () => {
    const b = createCircuitBreaker({ failureThreshold: 2, cooldownMs: 1_000 });
    b.onFailure();
    b.onSuccess();
    b.onFailure();
    expect(b.state).toBe('closed');
    expect(b.failures).toBe(1);
  });

  it('refuses calls while open and says how long until the next try', () => {
    const c = clock();
    const b = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 1_000, now: c.now });
    b.onFailure();
    c.advance(400);
    expect(b.tryAcquire()).toEqual({ allowed: false, retryInMs: 600 });
  });

  it('lets exactly one trial through after the cooldown', () => {
    const c = clock();
    const b = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 1_000, now: c.now });
    b.onFailure();
    c.advance(1_000);
    expect(b.state).toBe('half_open');
    expect(b.tryAcquire()).toEqual({ allowed: true, trial: true });
    expect(b.tryAcquire()).toEqual({ allowed: false, retryInMs: 0 });
  });

  it('closes when the trial succeeds', () => {
    const c = clock();
    const b = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 1_000, now: c.now });
    b.onFailure();
    c.advance(1_000);
    b.tryAcquire();
    b.onSuccess();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toEqual({ allowed: true, trial: false });
  });

  it('re-opens for a full cooldown when the trial fails', () => {
    const c = clock();
    const b = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 1_000, now: c.now });
    b.onFailure();
    c.advance(1_000);
    b.tryAcquire();
    b.onFailure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toEqual({ allowed: false, retryInMs: 1_000 });
  });

  it('lets another trial through when the trial was released without an outcome', () => {
    const c = clock();
    const b = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 0, now: c.now });
    b.onFailure();
    expect(b.tryAcquire()).toEqual({ allowed: true, trial: true });
    b.release(true);
    expect(b.tryAcquire()).toEqual({ allowed: true, trial: true });
  });

  it('rejects a threshold below 1', () => {
    expect(() => createCircuitBreaker({ failureThreshold: 0, cooldownMs: 10 })).toThrow('failureThreshold must be at least 1');
  });
});
