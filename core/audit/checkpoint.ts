// Signed checkpoints of the audit chain (in the spirit of Certificate Transparency's signed tree heads):
// one line naming the newest entry's seq and MAC and the entry count, MAC'd under AUDIT_KEY. Kept outside
// the database (a log pipeline, a ticket, a safe), a checkpoint lets `salesos audit verify --against`
// detect a trail rolled back or emptied together with its head row.
import crypto from 'node:crypto';
import { ValidationError } from '../errors.ts';
import type { AuditKey } from './audit-key.ts';
import { canonicalJson, sameMac, type ChainHead } from './hash-chain.ts';

export interface Checkpoint extends ChainHead {
  at: Date;
  keyId: string;
  mac: string;
}

const PREFIX = 'salesos-audit-checkpoint/v1';

function checkpointMac(key: AuditKey, c: Omit<Checkpoint, 'mac'>): string {
  return crypto
    .createHmac('sha256', key.secret)
    .update(canonicalJson({ checkpoint: 1, seq: c.lastSeq, hash: c.lastHash, count: c.count, at: c.at.toISOString(), keyId: c.keyId }))
    .digest('hex');
}

export function signCheckpoint(key: AuditKey, head: ChainHead, at: Date): Checkpoint {
  const body = { ...head, at, keyId: key.id };
  return { ...body, mac: checkpointMac(key, body) };
}

/** One shell-safe line: salesos-audit-checkpoint/v1/seq=…/count=…/hash=…/at=…/key=…/mac=… */
export function formatCheckpoint(c: Checkpoint): string {
  return `${PREFIX}/seq=${c.lastSeq}/count=${c.count}/hash=${c.lastHash}/at=${c.at.toISOString()}/key=${c.keyId}/mac=${c.mac}`;
}

export function parseCheckpoint(text: string): Checkpoint {
  const bad = (why: string) =>
    new ValidationError(`That is not a SalesOS audit checkpoint (${why}). Copy the whole line printed by \`salesos audit checkpoint\`.`);
  const t = text.trim();
  if (!t.startsWith(PREFIX + '/')) throw bad(`it must start with ${PREFIX}/`);
  const fields = new Map<string, string>();
  for (const part of t.slice(PREFIX.length + 1).split('/')) {
    const i = part.indexOf('=');
    if (i < 1) throw bad(`"${part.slice(0, 40)}" is not name=value`);
    fields.set(part.slice(0, i), part.slice(i + 1));
  }
  const int = (name: string) => {
    const v = fields.get(name) ?? '';
    if (!/^\d{1,15}$/.test(v)) throw bad(`${name} must be a whole number`);
    return Number(v);
  };
  const hex = (name: string, len?: number) => {
    const v = fields.get(name) ?? '';
    if (!/^[0-9a-f]+$/.test(v) || (len !== undefined && v.length !== len)) throw bad(`${name} must be hexadecimal`);
    return v;
  };
  const lastHash = fields.get('hash') === 'GENESIS' ? 'GENESIS' : hex('hash', 64);
  const at = new Date(fields.get('at') ?? '');
  if (Number.isNaN(at.getTime())) throw bad('at must be an ISO time');
  return { lastSeq: int('seq'), count: int('count'), lastHash, at, keyId: hex('key', 16), mac: hex('mac', 64) };
}

/** Whether the checkpoint was signed with this key and not altered since. */
export function checkpointSigned(key: AuditKey, c: Checkpoint): boolean {
  return c.keyId === key.id && sameMac(checkpointMac(key, c), c.mac);
}
