// The Slack receiver under hostile but correctly signed input: never a 500, never a reset connection.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../support/fake-slack-api.ts';
import { SIGNING_SECRET, startSlackHarness, TEAM, type SlackHarness } from './harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ demoLeads: 30 });
}, 60_000);
afterAll(async () => h?.close());

describe('a signed body that is not what its type needs', () => {
  it.each([
    ['null', 'null', 'application/json'],
    ['an array', '[]', 'application/json'],
    ['a number', '42', 'application/json'],
    ['{"event":null}', '{"event":null}', 'application/json'],
    ['an event_callback without an event', '{"type":"event_callback","team_id":"T1"}', 'application/json'],
    ['an event_callback whose event is null', '{"type":"event_callback","event":null}', 'application/json'],
    ['an event without a type', '{"type":"event_callback","event":{"text":"hi"}}', 'application/json'],
    ['url_verification without a challenge', '{"type":"url_verification"}', 'application/json'],
    [
      'a slash command without user_id',
      new URLSearchParams({ command: '/salesos', team_id: TEAM, channel_id: 'C1', text: 'hi' }).toString(),
      'application/x-www-form-urlencoded',
    ],
    [
      'block_actions without actions',
      new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' } }) }).toString(),
      'application/x-www-form-urlencoded',
    ],
    ['a payload of null', new URLSearchParams({ payload: 'null' }).toString(), 'application/x-www-form-urlencoded'],
    ['an unknown interactive type', new URLSearchParams({ payload: JSON.stringify({ type: 'nonsense' }) }).toString(), 'application/x-www-form-urlencoded'],
  ])('%s gets 400', async (_what, body, contentType) => {
    const res = await h.post(body, contentType);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/body|slash command|missing/);
  });
});

describe('an oversized body', () => {
  const big = JSON.stringify({ type: 'event_callback', event: { type: 'message', text: 'x'.repeat(1_200_000) } });

  it('gets 413 with a declared length, before the body is read, and the answer arrives', async () => {
    const res = await h.post(big, 'application/json');
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/larger than 1048576 bytes/);
  });

  it('gets 413 when sent chunked without a length', async () => {
    const url = new URL(h.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signSlackRequest(SIGNING_SECRET, big) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < big.length; i += 64 * 1024) req.write(big.slice(i, i + 64 * 1024));
      req.end();
    });
    expect(status).toBe(413);
  });
});

describe('slash commands without trigger_id', () => {
  const command = (text: string, responseId: string) =>
    new URLSearchParams({
      token: 'legacy',
      team_id: TEAM,
      channel_id: 'C1',
      user_id: 'U1',
      user_name: 'rita',
      command: '/salesos',
      text,
      response_url: h.fake.responseUrl(responseId),
    }).toString();

  it('two different commands are both answered', async () => {
    expect((await h.post(command('how much budget do I have left?', 'nt-1'), 'application/x-www-form-urlencoded')).status).toBe(200);
    expect((await h.post(command('find leads in fintech', 'nt-2'), 'application/x-www-form-urlencoded')).status).toBe(200);
    await h.fake.waitForCall('response_url:nt-1', undefined, 20_000);
    await h.fake.waitForCall('response_url:nt-2', undefined, 20_000);
  });

  it('the same signed request delivered twice is answered once', async () => {
    const body = command('how much budget do I have left?', 'nt-dup');
    const headers = signSlackRequest(SIGNING_SECRET, body);
    for (let i = 0; i < 2; i++) expect((await h.post(body, 'application/x-www-form-urlencoded', headers)).status).toBe(200);
    await h.fake.waitForCall('response_url:nt-dup', undefined, 20_000);
    // A third, later command proves the pipeline is idle before counting.
    await h.post(command('help', 'nt-after'), 'application/x-www-form-urlencoded');
    await h.fake.waitForCall('response_url:nt-after', undefined, 20_000);
    expect(h.fake.callsTo('response_url:nt-dup')).toHaveLength(1);
  });
});
