// Opaque keyset cursors for lead search: the last row's sort key and id, base64url-encoded JSON.
// The sort name travels inside, so a cursor from one sort order is never applied to another.
import { ValidationError } from '../errors.ts';
import { UUID } from '../ids.ts';

export type LeadSort = 'score' | 'recent';

export interface LeadCursor {
  sort: LeadSort;
  /** score (sort "score") or createdAt in epoch ms (sort "recent"). */
  key: number;
  id: string;
}

/** 9999-12-31T23:59:59.999Z: the last instant PostgreSQL's timestamptz and JavaScript's Date both render. */
const MAX_TIME_MS = 253_402_300_799_999;

export function encodeCursor(c: LeadCursor): string {
  return Buffer.from(JSON.stringify([c.sort === 'score' ? 's' : 'r', c.key, c.id])).toString('base64url');
}

export function decodeCursor(raw: string, sort: LeadSort): LeadCursor {
  const bad = (why: string) => new ValidationError('That page cursor is not valid; run the search again without a cursor.', { cursor: raw, why });
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
  if (typeof key !== 'number' || !Number.isInteger(key)) throw bad('bad sort key');
  // A forged key must fail here, not as an int overflow or an invalid date inside the query.
  if (cursorSort === 'score' ? key < -2_147_483_648 || key > 2_147_483_647 : key < 0 || key > MAX_TIME_MS) throw bad('sort key out of range');
  if (typeof id !== 'string' || !UUID.test(id)) throw bad('bad id');
  return { sort, key, id };
}
