// Slack request signing as bots/slack/verify.ts checks it: Bolt's verifySlackRequest for the signature and
// stale timestamps, ours around it for timestamps ahead of the clock and missing or malformed headers.
// Requests are signed the way Slack signs them (test/support/fake-slack-api.ts), at a fixed clock.
import { describe, expect, it } from 'vitest';
import { verifySlackSignature } from '../../../bots/slack/verify.ts';
import { signSlackRequest } from '../../support/fake-slack-api.ts';

const SECRET = 'test-signing-secret';
const NOW_MS = Date.parse('2026-11-25T12:00:00Z');
const NOW_S = NOW_MS / 1000;
const BODY = JSON.stringify({ type: 'event_callback', event_id: 'Ev1' });

function check(headers: Record<string, string | undefined>, body = BODY) {
  return verifySlackSignature({
    signingSecret: SECRET,
    rawBody: body,
    signature: headers['x-slack-signature'],
    timestamp: headers['x-slack-request-timestamp'],
    nowMs: NOW_MS,
  });
}

describe('verifySlackSignature', () => {
  it('accepts a request signed with the secret, now and up to five minutes ago', () => {
    expect(check(signSlackRequest(SECRET, BODY, NOW_S))).toEqual({ ok: true });
    expect(check(signSlackRequest(SECRET, BODY, NOW_S - 299))).toEqual({ ok: true });
  });

  it('refuses another secret, and a body changed after signing', () => {
    expect(check(signSlackRequest('another-secret', BODY, NOW_S))).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(check(signSlackRequest(SECRET, BODY, NOW_S), `${BODY} `)).toEqual({ ok: false, reason: 'signature mismatch' });
  });

  it('refuses a correctly signed request more than five minutes old (a replay)', () => {
    const verdict = check(signSlackRequest(SECRET, BODY, NOW_S - 301));
    expect(verdict.ok).toBe(false);
    expect(verdict.ok === false && verdict.reason).toMatch(/stale/);
  });

  it('refuses a correctly signed request dated more than five minutes ahead, which Bolt alone would accept', () => {
    expect(check(signSlackRequest(SECRET, BODY, NOW_S + 301))).toEqual({ ok: false, reason: 'timestamp 301 s in the future' });
    expect(check(signSlackRequest(SECRET, BODY, NOW_S + 299))).toEqual({ ok: true });
  });

  it('refuses missing and malformed headers with a reason', () => {
    const signed = signSlackRequest(SECRET, BODY, NOW_S);
    expect(check({ ...signed, 'x-slack-signature': undefined })).toEqual({ ok: false, reason: 'missing x-slack-signature or x-slack-request-timestamp' });
    expect(check({ ...signed, 'x-slack-request-timestamp': undefined })).toEqual({
      ok: false,
      reason: 'missing x-slack-signature or x-slack-request-timestamp',
    });
    expect(check({ ...signed, 'x-slack-request-timestamp': '12abc' })).toEqual({ ok: false, reason: 'malformed x-slack-request-timestamp' });
    expect(check({ ...signed, 'x-slack-signature': signed['x-slack-signature']!.replace('v0=', 'v1=') })).toEqual({
      ok: false,
      reason: 'unknown signature version',
    });
  });
});
