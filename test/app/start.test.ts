import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountHealth } from '../../app/health.ts';
import { createHttpServer } from '../../app/http-server.ts';
import { createEmptyDatabase, createTestDatabase } from '../support/db.ts';
import { runCli, startServer } from '../support/cli.ts';

describe('salesos start on PostgreSQL', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await createEmptyDatabase();
  });
  afterAll(async () => db.drop());

  it('migrates, serves /healthz and /readyz, runs the digest scheduler, and stops cleanly on SIGTERM', async () => {
    const server = await startServer({ DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(server.logs().some((l) => String(l.message).startsWith('digest scheduler running'))).toBe(true);
    const base = `http://127.0.0.1:${server.port}`;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      database: { status: 'ok', mode: 'postgres' },
      migrations: { status: 'ok', pending: [] },
      redis: { status: 'ok', required: false },
      model: { status: 'ok', provider: 'offline', id: 'offline' },
    });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);

    const code = await server.stop('SIGTERM');
    expect(code).toBe(0);
    expect(server.logs().map((l) => l.message)).toContain('SalesOS stopped cleanly');
  });
});

describe('salesos start with Redis down', () => {
  it('keeps serving chat without scheduled digests, and says why', async () => {
    const db = await createEmptyDatabase();
    try {
      const server = await startServer({ DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:1' });
      const line = server.logs().find((l) => String(l.message).includes('digest scheduler could not start'));
      expect(line?.level).toBe('error');
      expect(JSON.stringify(line)).toContain('Redis at REDIS_URL (127.0.0.1:1) is not reachable');
      const ready = await fetch(`http://127.0.0.1:${server.port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'degraded', database: { status: 'ok' }, redis: { status: 'down', required: false } });
      expect(await server.stop()).toBe(0);
    } finally {
      await db.drop();
    }
  }, 180_000);
});

describe('start-up configuration errors', () => {
  it('stops with one message naming each bad variable', async () => {
    const result = await runCli(['start'], { PORT: 'abc', LOG_LEVEL: 'chatty' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SalesOS configuration is invalid');
    expect(result.stderr).toContain('PORT: expected a whole number');
    expect(result.stderr).toContain('LOG_LEVEL: expected one of error, warn, info, debug');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace for the user
  });

  it('says which command is unknown', async () => {
    const result = await runCli(['frobnicate'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
  });
});

describe('/readyz', () => {
  it('is 503 while migrations are pending', async () => {
    const db = await createTestDatabase({ migrate: false });
    const http = createHttpServer();
    mountHealth(http, db);
    const port = await http.listen(0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; migrations: { status: string; pending: string[] } };
      expect(body.status).toBe('not_ready');
      expect(body.migrations.status).toBe('down');
      expect(body.migrations.pending.length).toBeGreaterThan(0);
    } finally {
      await http.close();
      await db.drop();
    }
  });
});

describe('salesos start on the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-embedded-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('creates the database, seeds the demo organisation once, and is ready', async () => {
    const server = await startServer({ SALESOS_DATA_DIR: dataDir }, 120_000);
    const ready = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: { status: 'ok', mode: 'embedded' } });
    expect(server.logs().some((l) => String(l.message).includes('seeded the demo organisation'))).toBe(true);
    expect(await server.stop()).toBe(0);

    // Second start reuses the folder and does not seed again.
    const again = await startServer({ SALESOS_DATA_DIR: dataDir }, 120_000);
    expect(again.logs().some((l) => String(l.message).includes('seeded the demo organisation'))).toBe(false);
    expect(await again.stop()).toBe(0);
  }, 240_000);
});

describe('salesos start with Teams in emulator mode', () => {
  it('mounts POST /api/messages and answers a 1:1 message through the connector', async () => {
    const { startFakeBotConnector } = await import('../support/fake-bot-connector.ts');
    const connector = await startFakeBotConnector();
    const db = await createEmptyDatabase();
    const server = await startServer({ DATABASE_URL: db.url, TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    try {
      expect(server.logs().some((l) => String(l.message).includes('WITHOUT AUTHENTICATION'))).toBe(true);
      const activity = {
        type: 'message',
        id: 'msg-start-1',
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        timestamp: new Date().toISOString(),
        from: { id: '29:teams-user', name: 'Terry Teams', aadObjectId: '00000000-0000-0000-0000-0000000000aa' },
        recipient: { id: '28:salesos-bot', name: 'SalesOS' },
        conversation: { id: 'a:1on1-start', conversationType: 'personal', tenantId: 'tenant-1' },
        channelData: { tenant: { id: 'tenant-1' } },
        text: 'help',
        textFormat: 'plain',
      };
      const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(res.status).toBeLessThan(300);
      const reply = await connector.waitFor((a) => a.activity.type === 'message' && String(a.activity.text ?? '').includes('SalesOS'), 20_000);
      expect(reply.conversationId).toBe('a:1on1-start');
    } finally {
      expect(await server.stop()).toBe(0);
      await connector.close();
      await db.drop();
    }
  }, 180_000);
});

describe('salesos start with Slack in HTTP mode', () => {
  it('mounts POST /slack/events: a signed mention gets a threaded reply, a forged one 401', async () => {
    const { startFakeSlackApi, signSlackRequest, FAKE_TEAM_ID, SLACK_TEST_NOW_S } = await import('../support/fake-slack-api.ts');
    const slackApi = await startFakeSlackApi();
    slackApi.addUser({ id: 'U0REP', name: 'rita', realName: 'Rita Rep', email: 'rita@example.com', tz: 'Europe/Berlin' });
    const db = await createEmptyDatabase();
    const secret = 'start-test-signing-secret';
    const server = await startServer({
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: 'xoxb-start-test',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: slackApi.url,
      // The instant the requests below are signed at; the server checks signatures against it.
      SALESOS_TEST_CLOCK: new Date(SLACK_TEST_NOW_S * 1000).toISOString(),
    });
    try {
      expect(server.logs().some((l) => String(l.message).includes('Slack (POST /slack/events)'))).toBe(true);
      const body = JSON.stringify({
        type: 'event_callback',
        team_id: FAKE_TEAM_ID,
        api_app_id: 'A0APP',
        event_id: 'Ev0START',
        event_time: Math.floor(Date.now() / 1000),
        event: { type: 'app_mention', user: 'U0REP', text: '<@UBOT> help', ts: '1764100000.000100', channel: 'C0SALES', event_ts: '1764100000.000100' },
      });
      const url = `http://127.0.0.1:${server.port}/slack/events`;
      const forged = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signSlackRequest('wrong-secret', body) }, body });
      expect(forged.status).toBe(401);
      const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signSlackRequest(secret, body) }, body });
      expect(ok.status).toBe(200);
      // A quick answer is one post; on a loaded machine the same answer may stream (chat.startStream) instead.
      const inThread = (c: { body: Record<string, any> }) => c.body.thread_ts === '1764100000.000100';
      const reply = await Promise.any([slackApi.waitForCall('chat.postMessage', inThread, 20_000), slackApi.waitForCall('chat.startStream', inThread, 20_000)]);
      expect(reply.token).toBe('xoxb-start-test');
      expect(String(reply.body.text ?? reply.body.markdown_text)).toContain('SalesOS');
    } finally {
      expect(await server.stop()).toBe(0);
      await slackApi.close();
      await db.drop();
    }
  }, 180_000);
});
