// Slack request signing: HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret, and a
// timestamp within five minutes so a captured request cannot be replayed later.
import crypto from 'node:crypto';

export const MAX_REQUEST_AGE_SECONDS = 5 * 60;

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export function verifySlackSignature(opts: {
  signingSecret: string;
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
  nowMs?: number;
}): VerifyResult {
  const { signature, timestamp } = opts;
  if (!signature || !timestamp) return { ok: false, reason: 'missing x-slack-signature or x-slack-request-timestamp' };
  if (!/^\d+$/.test(timestamp)) return { ok: false, reason: 'malformed x-slack-request-timestamp' };
  const ageSeconds = Math.abs(Math.floor((opts.nowMs ?? Date.now()) / 1000) - Number(timestamp));
  if (ageSeconds > MAX_REQUEST_AGE_SECONDS) return { ok: false, reason: `stale timestamp (${ageSeconds} s old)` };
  const [version, hex] = signature.split('=');
  if (version !== 'v0' || !hex || !/^[0-9a-f]{64}$/.test(hex)) return { ok: false, reason: 'malformed x-slack-signature' };
  const expected = crypto.createHmac('sha256', opts.signingSecret).update(`v0:${timestamp}:${opts.rawBody}`).digest();
  const given = Buffer.from(hex, 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}
