// Slack request signing: HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret, and a
// timestamp within five minutes so a captured request cannot be replayed later. Bolt's own
// verifySlackRequest checks the signature (constant-time) and refuses a stale timestamp. Ours stays around
// it for what Bolt's does not do: a timestamp more than five minutes *ahead* is refused too (Slack's rule
// is the difference either way; Bolt only looks back), and missing or malformed headers are refused with a
// reason instead of reaching Bolt as a TypeError or NaN.
import { verifySlackRequest } from '@slack/bolt';

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
  const nowMs = opts.nowMs ?? Date.now();
  const aheadSeconds = Number(timestamp) - Math.floor(nowMs / 1000);
  if (aheadSeconds > MAX_REQUEST_AGE_SECONDS) return { ok: false, reason: `timestamp ${aheadSeconds} s in the future` };
  try {
    verifySlackRequest({
      signingSecret: opts.signingSecret,
      body: opts.rawBody,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
      nowMilliseconds: nowMs,
    });
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: (err as Error).message.replace(/^Failed to verify authenticity: /, '') };
  }
}
