import { describe, expect, it } from 'vitest';
import { storable } from '../../core/safe-text.ts';

describe('storable', () => {
  it('replaces NUL and lone surrogates at any depth, keys included', () => {
    const input = { 'a\u0000': ['ok', { deep: 'x\uD800y' }], n: 1, when: new Date(0) };
    expect(storable(input)).toEqual({ 'a\uFFFD': ['ok', { deep: 'x\uFFFDy' }], n: 1, when: new Date(0) });
    // The input itself is never changed.
    expect(input).toEqual({ 'a\u0000': ['ok', { deep: 'x\uD800y' }], n: 1, when: new Date(0) });
  });

  it('keeps valid surrogate pairs', () => {
    expect(storable('😀 fine')).toBe('😀 fine');
  });

  it('returns plain objects and arrays with nothing to change as they are, and copies the rest', () => {
    const clean = { text: 'hello', parts: [{ type: 'text', text: 'hi' }], tokens: 3, none: null };
    expect(storable(clean)).toBe(clean);
    const dirty = { keep: { a: 'fine' }, fix: ['bad\u0000'] };
    const out = storable(dirty);
    expect(out).not.toBe(dirty);
    expect(out.keep).toBe(dirty.keep);
    expect(out.fix).toEqual(['bad\uFFFD']);
    // A class instance becomes a plain object of its fields, as before.
    class Point {
      constructor(readonly x: number) {}
    }
    const p = storable(new Point(1));
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(p).toEqual({ x: 1 });
  });
});
