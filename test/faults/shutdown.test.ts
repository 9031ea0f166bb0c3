// SIGTERM while turns are in flight, through the real `salesos start`, its Slack and Teams endpoints, a
// fake model server and PostgreSQL: new requests get 503, a turn that finishes within SHUTDOWN_GRACE_MS is
// delivered, one that does not is stopped with a message to the user — audited, settled, remembered — and
// "stopped" is the last line of the log. Nothing is left behind.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Started } from '../support/cli.ts';
import { createEmptyDatabase } from '../support/db.ts';
import { startFakeBotConnector } from '../support/fake-bot-connector.ts';
import { startFakeOpenAI, type FakeAnswer, type FakeOpenAI } from '../support/fake-openai.ts';
import { FAKE_TEAM_ID, SLACK_TEST_NOW_S, signSlackRequest, startFakeSlackApi } from '../support/fake-slack-api.ts';

let fake: FakeOpenAI;
let answer: FakeAnswer = { text: 'ok' };

beforeAll(async () => {
  fake = await startFakeOpenAI(() => answer);
});
afterAll(async () => fake?.close());

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** What a stop left in the database: open reservations, model audit rows, stored messages. */
async function leftovers(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const open = await client.query(`SELECT count(*)::int AS n FROM usage_entries WHERE status = 'reserved'`);
    const audit = await client.query(`SELECT outcome::text, "errorCode", "costUsd"::float8 AS cost FROM audit_entries WHERE kind = 'model' ORDER BY seq`);
    const messages = await client.query(`SELECT role::text, text FROM messages ORDER BY seq`);
    return { openReservations: open.rows[0].n as number, modelAudit: audit.rows, messages: messages.rows as { role: string; text: string }[] };
  } finally {
    await client.end();
  }
}

function expectStoppedLast(server: Started): void {
  const messages = server.logs().map((l) => String(l.message));
  expect(messages.at(-1)).toBe('SalesOS stopped cleanly');
  expect(messages.join('\n')).not.toMatch(/Cannot use a pool|could not settle|audit append failed|could not store the turn/);
}

const modelEnv = () => ({ OPENAI_BASE_URL: fake.url, SALESOS_MODEL: 'gpt-5-mini' });

describe('SIGTERM during a Slack turn', () => {
  it('answers new requests 503, stops the turn after the grace period with a message, and leaves nothing behind', async () => {
    const slackApi = await startFakeSlackApi();
    slackApi.addUser({ id: 'U0REP', name: 'rita', realName: 'Rita Rep', email: 'rita@example.com', tz: 'Europe/Berlin' });
    const db = await createEmptyDatabase();
    const secret = 'shutdown-signing-secret';
    answer = { hang: true };
    const before = fake.requests.length;
    const server = await startServer({
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: 'xoxb-shutdown',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: slackApi.url,
      SHUTDOWN_GRACE_MS: '1000',
      // The instant the requests below are signed at; the server checks signatures against it.
      SALESOS_TEST_CLOCK: new Date(SLACK_TEST_NOW_S * 1000).toISOString(),
      ...modelEnv(),
    });
    const url = `http://127.0.0.1:${server.port}/slack/events`;
    const event = (id: string, ts: string) =>
      JSON.stringify({
        type: 'event_callback',
        team_id: FAKE_TEAM_ID,
        api_app_id: 'A0APP',
        event_id: id,
        event_time: 1_763_456_400,
        event: { type: 'app_mention', user: 'U0REP', text: '<@UBOT> who are my hottest leads?', ts, channel: 'C0SALES', event_ts: ts },
      });
    const post = (body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signSlackRequest(secret, body) }, body });
    try {
      expect((await post(event('Ev0SHUT1', '1764100000.000100'))).status).toBe(200);
      await until('the model call', () => fake.requests.length > before);

      const exited = server.stop('SIGTERM');
      await until('shutdown to begin', () => server.logs().some((l) => String(l.message).includes('finishing in-flight work')));
      const refused = await post(event('Ev0SHUT2', '1764100000.000200'));
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))])).toBe(0);

      const told = slackApi.calls.find((c) => JSON.stringify(c.body).includes('SalesOS is restarting, so I stopped working on this.'));
      expect(told?.body.channel).toBe('C0SALES');
      expectStoppedLast(server);
      expect(server.logs().some((l) => String(l.message).includes('stopped 1 turn(s)'))).toBe(true);

      const left = await leftovers(db.url);
      expect(left.openReservations).toBe(0);
      expect(left.modelAudit).toEqual([{ outcome: 'error', errorCode: 'shutting_down', cost: expect.any(Number) }]);
      expect(left.modelAudit[0].cost).toBeGreaterThan(0); // the request reached the model: the reservation is the charge
      expect(left.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
      expect(left.messages[1]!.text).toContain('SalesOS is restarting');
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await slackApi.close();
      await db.drop();
    }
  }, 60_000);
});

describe('SIGTERM during a Teams turn', () => {
  it('lets a turn that finishes within the grace period deliver its answer, and refuses new activities with 503', async () => {
    const connector = await startFakeBotConnector();
    const db = await createEmptyDatabase();
    // Slow enough (6 words × 600 ms) that the turn is still running when the second activity arrives, even on a
    // loaded machine: at 150 ms a turn could finish and the server close before the test posted again.
    answer = { slow: { text: 'Your hottest lead is Jane Doe.', chunkDelayMs: 600 } };
    const before = fake.requests.length;
    const server = await startServer({ DATABASE_URL: db.url, TEAMS_ALLOW_UNAUTHENTICATED: 'true', SHUTDOWN_GRACE_MS: '10000', ...modelEnv() });
    const activity = (id: string) => ({
      type: 'message',
      id,
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      timestamp: '2026-11-27T09:00:00.000Z',
      from: { id: '29:teams-user', name: 'Terry Teams', aadObjectId: '00000000-0000-0000-0000-0000000000aa' },
      recipient: { id: '28:salesos-bot', name: 'SalesOS' },
      conversation: { id: 'a:1on1-shutdown', conversationType: 'personal', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' } },
      text: 'who is my hottest lead?',
      textFormat: 'plain',
    });
    const post = (id: string) =>
      fetch(`http://127.0.0.1:${server.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity(id)),
      });
    try {
      expect((await post('msg-shut-1')).status).toBeLessThan(300);
      await until('the model call', () => fake.requests.length > before);

      const exited = server.stop('SIGTERM');
      await until('shutdown to begin', () => server.logs().some((l) => String(l.message).includes('finishing in-flight work')));
      expect((await post('msg-shut-2')).status).toBe(503);
      expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))])).toBe(0);

      const answered = connector.activities.find((a) => String(a.activity.text ?? '').includes('Your hottest lead is Jane Doe.'));
      expect(answered?.conversationId).toBe('a:1on1-shutdown');
      expect(connector.activities.some((a) => String(a.activity.text ?? '').includes('restarting'))).toBe(false);
      expectStoppedLast(server);

      const left = await leftovers(db.url);
      expect(left.openReservations).toBe(0);
      expect(left.modelAudit.map((r) => r.outcome)).toEqual(['ok']);
      expect(left.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await connector.close();
      await db.drop();
    }
  }, 60_000);
});
