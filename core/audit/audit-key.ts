// The key of the audit chain (AUDIT_KEY). Where it comes from, by NODE_ENV:
// - production: AUDIT_KEY is required (core/config.ts refuses to start without it);
// - test: unset means the fixed, public TEST key below — tests need no setup and prove nothing secret;
// - development (and the embedded default): unset means `<SALESOS_DATA_DIR>/audit.key`, generated on
//   first use (mode 0600) and announced in the log, so a fresh install is anchored from its first row.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { ConfigError } from '../errors.ts';
import { log } from '../log.ts';

export interface AuditKey {
  secret: Buffer;
  /** A short fingerprint, stored in the chain head and checkpoints, that says which key signed them. */
  id: string;
}

export const MIN_AUDIT_KEY_LENGTH = 32;
/** Not a secret: used only when NODE_ENV=test and AUDIT_KEY is unset. */
export const TEST_AUDIT_KEY = 'salesos-test-audit-key-not-secret-0000000000';

export function auditKeyFrom(secret: string): AuditKey {
  if (secret.length < MIN_AUDIT_KEY_LENGTH) throw new ConfigError([`AUDIT_KEY: expected at least ${MIN_AUDIT_KEY_LENGTH} characters (got a value)`]);
  const bytes = Buffer.from(secret, 'utf8');
  const id = crypto.createHmac('sha256', bytes).update('salesos audit key id').digest('hex').slice(0, 16);
  return { secret: bytes, id };
}

export function auditKeyFile(dataDir: string): string {
  return path.join(dataDir, 'audit.key');
}

/** The key for this process: AUDIT_KEY, the test key, or the data folder's key file (created when missing). */
export function resolveAuditKey(config: Pick<Config, 'env' | 'dataDir'> & { audit?: { key?: string } }): AuditKey {
  if (config.audit?.key) return auditKeyFrom(config.audit.key);
  if (config.env === 'production') throw new ConfigError(['AUDIT_KEY: required when NODE_ENV=production (got not set)']);
  if (config.env === 'test') return auditKeyFrom(TEST_AUDIT_KEY);
  const file = auditKeyFile(config.dataDir);
  try {
    return auditKeyFrom(fs.readFileSync(file, 'utf8').trim());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('hex');
  try {
    fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    log.warn(
      `AUDIT_KEY is not set: generated the audit trail's key in ${file}. Keep a copy of it (the trail cannot be verified without it), and set AUDIT_KEY in production.`,
    );
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return auditKeyFrom(fs.readFileSync(file, 'utf8').trim());
  }
  return auditKeyFrom(secret);
}
