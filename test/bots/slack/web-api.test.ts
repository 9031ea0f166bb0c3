// Which Web API failures the client may retry by itself: only those where Slack cannot have acted. Real
// errors from Bolt's WebClient against the fake Web API (and a closed port), not hand-made error objects.
import net from 'node:net';
import { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureCode, isAmbiguousFailure, notProcessedBySlack, slackClientOptions } from '../../../bots/slack/web-api.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.ts';

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(async () => fake?.close());

/** The bot's own client options (deadline 1 s, its retry policy); `noRetries` only to keep a test short. */
const clientAt = (apiUrl: string, noRetries = false) => {
  const options = slackClientOptions({ apiUrl, apiTimeoutMs: 1_000 });
  return new App({
    token: 'xoxb-t',
    signingSecret: 's',
    botId: 'B',
    botUserId: 'U',
    clientOptions: noRetries ? { ...options, retryConfig: { retries: 0 } } : options,
  }).client;
};

async function failureOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('Slack Web API failures', () => {
  it('a refused connection never reached Slack: retryable, not ambiguous', async () => {
    const err = await failureOf(clientAt(`http://127.0.0.1:${await closedPort()}/api/`, true).chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(notProcessedBySlack(err)).toBe(true);
  });

  it('a deadline is ambiguous (Slack may have stored the post), never retried by the client, named timeout', async () => {
    fake.failNext('chat.postMessage', { kind: 'hang', stored: true });
    const err = await failureOf(clientAt(fake.url).chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(notProcessedBySlack(err)).toBe(false);
    expect(isAmbiguousFailure(err)).toBe(true);
    expect(failureCode(err)).toBe('timeout');
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('a 5xx is ambiguous too and named by its status', async () => {
    fake.reset();
    fake.failNext('chat.postMessage', { kind: 'http_500' });
    const err = await failureOf(clientAt(fake.url).chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(isAmbiguousFailure(err)).toBe(true);
    expect(failureCode(err)).toBe('http_500');
  });

  it('an ok:false answer is definite and named by Slack’s error', async () => {
    fake.failNext('chat.postMessage', { kind: 'error', error: 'not_in_channel' });
    const err = await failureOf(clientAt(fake.url).chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(isAmbiguousFailure(err)).toBe(false);
    expect(failureCode(err)).toBe('not_in_channel');
  });
});
