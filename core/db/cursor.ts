// Opaque keyset cursors for lead search: the last row's sort key and id, base64url-encoded JSON.
// The sort name travels inside, so a cursor from one sort order is never applied to another.
import { ValidationError } from '../errors.ts';

export type LeadSort = 'score' | 'recent';

export interface LeadCursor {
  sort: LeadSort;
  /** score (sort "score") or createdAt in epoch ms (sort "recent"). */
  key: number;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(c: LeadCursor): string {
  return Buffer.from(JSON.stringify([c.sort === 'score' ? 's' : 'r', c.key, c.id])).toString('base64url');
}

export function decodeCursor(raw: string, sort: LeadSort): LeadCursor {
  const bad = (why: string) =>
    new ValidationError('That page cursor is not valid; run the search again without a cursor.', { cursor: raw, why });
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw bad('not base64url JSON');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad('wrong shape');
  const [s, key, id] = parsed as unknown[];
  const cursorSort = s === 's' ? 'score' : s === 'r' ? 'recent' : undefined;
  if (!cursorSort) throw bad('unknown sort');
  if (cursorSort !== sort) throw bad(`cursor is for sort "${cursorSort}", not "${sort}"`);
  if (typeof key !== 'number' || !Number.isFinite(key) || !Number.isInteger(key)) throw bad('bad sort key');
  if (typeof id !== 'string' || !UUID.test(id)) throw bad('bad id');
  return { sort, key, id };
}
