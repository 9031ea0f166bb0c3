// Two real `salesos start` processes behind one imaginary load balancer, sharing one PostgreSQL database and
// one Redis (a key prefix of their own): what the README promises about replicas, proven end to end. The
// outside world is faked on 127.0.0.1 (Slack Web API, Bot Connector). The digest clock is fixed with
// SALESOS_TEST_CLOCK (Wednesday 25 November 2026, 09:00 UTC); nothing here reads the real date.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALREADY_PRESSED } from '../../bots/slack/listeners/actions.ts';
import { openDatabase, type Database } from '../../core/db/client.ts';
import { buttonClick, buttonsIn } from '../bots/slack/harness.ts';
import { conversation, executeInvoke, messageActivity, person, registerMember } from '../bots/teams/harness.ts';
import { startServer, type Started } from '../support/cli.ts';
import { createEmptyDatabase } from '../support/db.ts';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { FAKE_TEAM_ID, SLACK_TEST_NOW_S, signSlackRequest, startFakeSlackApi, type FakeSlackApi, type SlackCall } from '../support/fake-slack-api.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';
import { createManager, dropPrefix, REDIS_URL, uniquePrefix, type ManagerFixture } from '../jobs/digest-fixtures.ts';

const SECRET = 'replicas-signing-secret';
// The instant the tests' Slack requests are signed at (2026-11-25T09:00:00Z, a Wednesday).
const CLOCK = new Date(SLACK_TEST_NOW_S * 1000).toISOString();
const prefix = uniquePrefix('replicas');

let empty: { url: string; drop(): Promise<void> };
let db: Database;
let slack: FakeSlackApi;
let connector: FakeBotConnector;
let a: Started;
let b: Started;
let org: TestOrg;
const teamsRep = person('Tara Teams');

/** Polls `probe` until it returns something, or fails naming what it waited for. */
async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const logsOf = (...replicas: Started[]) => replicas.flatMap((r) => r.logs());
const logged = (message: string, id?: string) => logsOf(a, b).filter((l) => l.message === message && (id === undefined || JSON.stringify(l).includes(id)));

let tsCounter = 0;
const nextTs = () => `1764000000.${String(++tsCounter).padStart(6, '0')}`;

function slackEvent(eventId: string, event: Record<string, unknown>): string {
  return JSON.stringify({ type: 'event_callback', team_id: FAKE_TEAM_ID, api_app_id: 'A0APP', event_id: eventId, event_time: 1764000000, event });
}

async function postSlack(replica: Started, body: string, contentType = 'application/json', headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${replica.port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...signSlackRequest(SECRET, body), ...headers },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

const clickBody = (payload: Record<string, unknown>) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** Answers started in a thread: posted messages and streams (a slow answer streams instead of posting). */
const answersIn = (threadTs: string) =>
  slack.calls.filter((c) => (c.method === 'chat.postMessage' || c.method === 'chat.startStream') && c.body.thread_ts === threadTs);

async function postTeams(replica: Started, activity: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const res = await fetch(`http://127.0.0.1:${replica.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const teamsMessagesIn = (conversationId: string) =>
  connector.activities.filter((x) => x.method === 'POST' && x.conversationId === conversationId && x.activity.type === 'message');

beforeAll(async () => {
  empty = await createEmptyDatabase();
  slack = await startFakeSlackApi();
  connector = await startFakeBotConnector();
  const env = {
    DATABASE_URL: empty.url,
    REDIS_URL,
    SLACK_BOT_TOKEN: 'xoxb-replicas',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.url,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    SALESOS_TEST_CLOCK: CLOCK,
    DIGEST_RECONCILE_SECONDS: '1',
    LOG_LEVEL: 'debug',
  };
  // Both replicas start at once on an empty database, as in a fresh deployment: each migrates first.
  [a, b] = await Promise.all([startServer(env, 120_000, undefined, ['--prefix', prefix]), startServer(env, 120_000, undefined, ['--prefix', prefix])]);
  db = await openDatabase({ databaseUrl: empty.url, dataDir: '', migrate: false });
  org = await createTestOrg(db.prisma);
  await db.prisma.platformIdentity.create({ data: { userId: org.alice.id, platform: 'slack', tenantId: FAKE_TEAM_ID, externalUserId: 'U0ALICE' } });
  // The Teams rep is known by email before their first message (Teams links them), with a lead of their own.
  const tara = await db.prisma.user.create({ data: { email: teamsRep.email, name: teamsRep.name, role: 'rep', timeZone: 'Europe/Berlin' } });
  await db.prisma.lead.create({ data: { fullName: 'Tomas Teamlead', email: 'tomas@teamlead.io', company: 'Teamlead', ownerId: tara.id, score: 60 } });
  await db.prisma.lead.create({ data: { fullName: 'Ulla Submit', email: 'ulla@submit.io', company: 'Submit', ownerId: tara.id, score: 60 } });
  slack.addUser({ id: 'U0ALICE', name: 'alice', realName: 'Alice Rep', email: 'alice@test.io', tz: 'Europe/Berlin' });
}, 240_000);

afterAll(async () => {
  const codes = await Promise.all([a?.stop(), b?.stop()]);
  await db?.close();
  await empty?.drop();
  await dropPrefix(prefix);
  await slack?.close();
  await connector?.close();
  expect(codes).toEqual([0, 0]);
}, 120_000);

describe('two replicas on one database', () => {
  it('both started together on an empty database, migrated it once, and run the digest scheduler', async () => {
    const applied = await db.pool!.query(`SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY migration_name`);
    expect(applied.rows.length).toBeGreaterThan(0);
    expect(applied.rows.filter((r) => r.n !== 1)).toEqual([]);
    for (const r of [a, b]) expect(r.logs().some((l) => String(l.message).startsWith('digest scheduler running'))).toBe(true);
  });
});

describe('Slack events across replicas', () => {
  it('an event on one replica and its retry (x-slack-retry-num) on the other get one reply, whether the retry comes later or at once', async () => {
    const threads: { id: string; ts: string }[] = [];
    // Later: the retry reaches replica B after A has answered.
    const later = { id: 'EvReplicaLater', ts: nextTs() };
    threads.push(later);
    const laterBody = slackEvent(later.id, {
      type: 'app_mention',
      user: 'U0ALICE',
      text: '<@UBOT> help',
      ts: later.ts,
      channel: 'C0SALES',
      event_ts: later.ts,
    });
    expect(await postSlack(a, laterBody)).toBe(200);
    await until('the answer on replica A', () => answersIn(later.ts)[0]);
    expect(await postSlack(b, laterBody, 'application/json', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).toBe(200);
    // At once: both replicas receive the same event in the same moment, five times over.
    const atOnce = Array.from({ length: 5 }, (_, i) => ({ id: `EvReplicaRace${i}`, ts: nextTs() }));
    threads.push(...atOnce);
    const statuses = await Promise.all(
      atOnce.flatMap(({ id, ts }) => {
        const body = slackEvent(id, { type: 'app_mention', user: 'U0ALICE', text: '<@UBOT> help', ts, channel: 'C0SALES', event_ts: ts });
        return [postSlack(a, body), postSlack(b, body, 'application/json', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })];
      }),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);

    // Every delivery has been decided: one replica answered and the other dropped it as already handled.
    for (const t of threads) {
      await until(`an answer to ${t.id}`, () => answersIn(t.ts)[0]);
      await until(`the duplicate of ${t.id} to be dropped`, () => logged('dropped a Slack delivery already handled', t.id)[0]);
    }
    for (const t of threads) expect(answersIn(t.ts)).toHaveLength(1);
    for (const t of threads) expect(logged('dropped a Slack delivery already handled', t.id)).toHaveLength(1);
  }, 60_000);

  it('two different events, one per replica, from a person neither has seen, get two replies and one account', async () => {
    slack.addUser({ id: 'U0NEWREP', name: 'nina', realName: 'Nina New', email: 'nina.new@test.io', tz: 'Europe/Berlin' });
    const first = { id: 'EvReplicaNew1', ts: nextTs() };
    const second = { id: 'EvReplicaNew2', ts: nextTs() };
    const body = (e: { id: string; ts: string }) =>
      slackEvent(e.id, { type: 'app_mention', user: 'U0NEWREP', text: '<@UBOT> help', ts: e.ts, channel: 'C0SALES', event_ts: e.ts });
    expect(await Promise.all([postSlack(a, body(first)), postSlack(b, body(second))])).toEqual([200, 200]);
    for (const e of [first, second]) await until(`an answer to ${e.id}`, () => answersIn(e.ts)[0]);
    for (const e of [first, second]) {
      const answer = answersIn(e.ts);
      expect(answer).toHaveLength(1);
      expect(String(answer[0]!.body.text ?? answer[0]!.body.markdown_text)).toContain('SalesOS');
    }
    expect(logged('dropped a Slack delivery already handled', first.id)).toEqual([]);
    expect(logged('dropped a Slack delivery already handled', second.id)).toEqual([]);
    expect(await db.prisma.user.count({ where: { email: 'nina.new@test.io' } })).toBe(1);
    expect(await db.prisma.platformIdentity.count({ where: { platform: 'slack', externalUserId: 'U0NEWREP' } })).toBe(1);
  }, 60_000);

  it('a Confirm double-clicked on both replicas updates the lead once, with one audit record for the write; the second click is told so', async () => {
    const lead = org.leads['Jane Doe']!;
    const thread = nextTs();
    const ask = slackEvent('EvReplicaMark', {
      type: 'app_mention',
      user: 'U0ALICE',
      text: '<@UBOT> mark Jane Doe as contacted',
      ts: thread,
      channel: 'C0SALES',
      event_ts: thread,
    });
    expect(await postSlack(a, ask)).toBe(200);
    const card = await until('the confirmation card', () =>
      slack.calls.find((c) => c.method === 'chat.postMessage' && c.body.thread_ts === thread && buttonsIn(c.body.blocks).some((x) => x.text === 'Confirm')),
    );
    expect((await db.prisma.lead.findUniqueOrThrow({ where: { id: lead } })).status).toBe('new');
    const writesBefore = await db.prisma.auditEntry.count({ where: { name: 'updateLead' } });
    const activitiesBefore = await db.prisma.leadActivity.count({ where: { leadId: lead } });

    const confirm = buttonsIn(card.body.blocks).find((x) => x.text === 'Confirm')!;
    const cardTs = '1764000999.000001';
    // One person, one button, two clicks: Slack sends each with its own trigger id, to whichever replica.
    const click = (responseId: string) =>
      clickBody(buttonClick({ button: confirm, userId: 'U0ALICE', channel: 'C0SALES', messageTs: cardTs, threadTs: thread, fake: slack, responseId }));
    expect(
      await Promise.all([
        postSlack(a, click('confirm-a'), 'application/x-www-form-urlencoded'),
        postSlack(b, click('confirm-b'), 'application/x-www-form-urlencoded'),
      ]),
    ).toEqual([200, 200]);

    const updated = await until('the card replaced with the outcome', () =>
      slack.calls.find((c: SlackCall) => c.method === 'chat.update' && c.body.ts === cardTs),
    );
    expect(updated.body.text).toMatch(/Confirmed|contacted/i);
    const clickId = `act:${cardTs}:${confirm.action_id}`;
    await until('the second click to be dropped', () => logged('dropped a Slack delivery already handled', clickId)[0]);
    expect(slack.calls.filter((c) => c.method === 'chat.update' && c.body.ts === cardTs)).toHaveLength(1);
    // The second click, wherever it landed, is told privately that the button was already pressed.
    const told = await until('the second click to be answered', () => {
      const answers = slack.calls.filter((c) => c.method === 'response_url:confirm-a' || c.method === 'response_url:confirm-b');
      return answers.length ? answers : undefined;
    });
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: ALREADY_PRESSED });
    expect((await db.prisma.lead.findUniqueOrThrow({ where: { id: lead } })).status).toBe('contacted');
    expect(await db.prisma.leadActivity.count({ where: { leadId: lead } })).toBe(activitiesBefore + 1);
    const writes = await db.prisma.auditEntry.findMany({ where: { name: 'updateLead' }, orderBy: { seq: 'asc' } });
    expect(writes).toHaveLength(writesBefore + 1);
    expect(writes.at(-1)!.outcome).toBe('ok');
  }, 60_000);
});

/** Asks in a fresh 1:1 chat to mark a lead contacted; the card message and its Confirm button's data. */
async function teamsConfirmation(rep: typeof teamsRep, leadName: string) {
  const conv = conversation({ kind: 'personal' });
  await postTeams(a, messageActivity(connector, rep, conv, `mark ${leadName} as contacted`));
  const card = await until('the confirmation card', () =>
    teamsMessagesIn(String(conv.id)).find((x) => JSON.stringify(x.activity.attachments ?? []).includes('"title":"Confirm"')),
  );
  let data: unknown;
  JSON.stringify(card.activity.attachments, (_k, v) => {
    if (v && typeof v === 'object' && v.type === 'Action.Execute' && v.title === 'Confirm') data = v.data;
    return v;
  });
  if (!data) throw new Error('no Confirm button on the card');
  return { conv, card, data };
}

describe('Teams activities across replicas', () => {
  const rep = teamsRep;

  it('the same activity delivered to both replicas gets one reply; a different one its own', async () => {
    registerMember(connector, rep);
    const conv = conversation({ kind: 'personal' });
    const activity = messageActivity(connector, rep, conv, 'help');
    const [ra, rb] = await Promise.all([postTeams(a, activity), postTeams(b, activity)]);
    expect([ra.status, rb.status].every((s) => s < 300)).toBe(true);
    await until('the reply', () => teamsMessagesIn(String(conv.id))[0]);
    await until('the duplicate to be dropped', () => logged('teams message already handled; dropping the retry', String(activity.id))[0]);
    expect(teamsMessagesIn(String(conv.id))).toHaveLength(1);
    expect(String(teamsMessagesIn(String(conv.id))[0]!.activity.text)).toContain('SalesOS');

    const next = messageActivity(connector, rep, conv, 'help');
    expect((await postTeams(b, next)).status).toBeLessThan(300);
    await until('the second reply', () => teamsMessagesIn(String(conv.id))[1]);
    expect(logged('teams message already handled; dropping the retry', String(next.id))).toEqual([]);
    expect(await db.prisma.user.count({ where: { email: rep.email } })).toBe(1);
  }, 60_000);

  it('a Confirm (Action.Execute) clicked on both replicas runs once; the second click is told it was already pressed', async () => {
    const lead = await db.prisma.lead.findFirstOrThrow({ where: { email: 'tomas@teamlead.io' } });
    const { conv, card: cardMessage, data } = await teamsConfirmation(rep, 'Tomas Teamlead');
    const writesBefore = await db.prisma.auditEntry.count({ where: { name: 'updateLead' } });

    const [ra, rb] = await Promise.all([
      postTeams(a, executeInvoke(connector, rep, conv, cardMessage.activityId, data)),
      postTeams(b, executeInvoke(connector, rep, conv, cardMessage.activityId, data)),
    ]);
    const answers = [ra.body, rb.body];
    const card = answers.filter((x) => x.type === 'application/vnd.microsoft.card.adaptive');
    const told = answers.filter((x) => x.type === 'application/vnd.microsoft.activity.message');
    expect(card).toHaveLength(1);
    expect(told).toHaveLength(1);
    expect(String(told[0].value)).toContain('already pressed');
    expect((await db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe('contacted');
    expect(await db.prisma.leadActivity.count({ where: { leadId: lead.id } })).toBe(1);
    const writes = await db.prisma.auditEntry.findMany({ where: { name: 'updateLead' }, orderBy: { seq: 'asc' } });
    expect(writes).toHaveLength(writesBefore + 1);
    expect(writes.at(-1)!.outcome).toBe('ok');
  }, 60_000);
  it('a Confirm sent as Action.Submit to both replicas runs once and updates the card once', async () => {
    const lead = await db.prisma.lead.findFirstOrThrow({ where: { email: 'ulla@submit.io' } });
    const { conv, card, data } = await teamsConfirmation(rep, 'Ulla Submit');
    const writesBefore = await db.prisma.auditEntry.count({ where: { name: 'updateLead' } });
    // Action.Submit arrives as a message carrying the button's data, each click with its own activity id.
    const submit = () => messageActivity(connector, rep, conv, '', { replyToId: card.activityId, value: data });
    const [sa, sb] = await Promise.all([postTeams(a, submit()), postTeams(b, submit())]);
    expect([sa.status, sb.status].every((s) => s < 300)).toBe(true);
    const updates = () => connector.activities.filter((x) => x.method === 'PUT' && x.activityId === card.activityId);
    await until('the card updated with the outcome', () => updates()[0]);
    await until('the lead to be contacted', async () => (await db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status === 'contacted');
    await until('the write to be audited', async () => (await db.prisma.auditEntry.count({ where: { name: 'updateLead' } })) > writesBefore);
    // The other click ran nothing: no second update, no second write, no second status change.
    await until('the other click to be dropped', () => logged('teams card action already handled; dropping the repeat', String(conv.id))[0]);
    expect(updates()).toHaveLength(1);
    expect(JSON.stringify(updates()[0]!.activity.attachments)).toContain('Confirmed: ');
    expect(await db.prisma.auditEntry.count({ where: { name: 'updateLead' } })).toBe(writesBefore + 1);
    expect(await db.prisma.leadActivity.count({ where: { leadId: lead.id } })).toBe(1);
  }, 60_000);
});

describe('manager digests with a scheduler and a worker in each replica', () => {
  it('sends each manager’s digest for the period once', async () => {
    const managers: ManagerFixture[] = [];
    for (let i = 0; i < 6; i++) managers.push(await createManager(db.prisma, { slack: true }));
    const sentRun = (m: ManagerFixture) =>
      until(`${m.email}'s digest for 25 November to be sent`, async () => {
        const run = await db.prisma.digestRun.findUnique({
          where: { managerId_periodKey: { managerId: m.id, periodKey: '2026-11-25' } },
          include: { deliveries: true },
        });
        return run?.status === 'sent' ? run : undefined;
      });
    for (const m of managers) await sentRun(m);
    // Both replicas keep reconciling every second and would enqueue a period again if they thought it unsent:
    // let each finish two more full reconciliations before counting.
    const syncs = (r: Started) => r.logs().filter((l) => l.message === 'digest schedules in sync').length;
    const [sa, sb] = [syncs(a), syncs(b)];
    await until('two more reconciliations in each replica', () => syncs(a) >= sa + 2 && syncs(b) >= sb + 2);
    for (const m of managers) {
      const run = await sentRun(m);
      expect(run.deliveries).toMatchObject([{ platform: 'slack', status: 'sent', attempts: 1 }]);
      const posts = slack.messagesIn(`D${m.slackUserId}`);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.metadata?.event_payload).toMatchObject({ run_id: run.id });
      expect(await db.prisma.digestRun.count({ where: { managerId: m.id } })).toBe(1);
    }
  }, 90_000);
});

describe('a replica going away (a deploy)', () => {
  it('an event refused by a replica that is shutting down is answered once by the other when Slack retries it; the replica stops without waiting out its grace', async () => {
    const stopped = a.stop('SIGTERM');
    await until('replica A to begin shutting down', () => a.logs().find((l) => String(l.message).startsWith('SIGTERM received: finishing in-flight work')));
    const e = { id: 'EvReplicaDeploy', ts: nextTs() };
    const body = slackEvent(e.id, { type: 'app_mention', user: 'U0ALICE', text: '<@UBOT> help', ts: e.ts, channel: 'C0SALES', event_ts: e.ts });
    // Refused with 503, or no longer listening at all: either way Slack has no acknowledgement and retries.
    const refused = await postSlack(a, body).catch(() => 'connection refused');
    expect([503, 'connection refused']).toContain(refused);
    expect(await postSlack(b, body, 'application/json', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' })).toBe(200);
    await until('the answer from replica B', () => answersIn(e.ts)[0]);
    expect(await stopped).toBe(0);
    // Its earlier turns had all ended with their answers: nothing waited out the grace period.
    const shutdown = a.logs().slice(a.logs().findIndex((l) => String(l.message).startsWith('SIGTERM received')));
    expect(shutdown.filter((l) => String(l.message).includes('grace period'))).toEqual([]);
    expect(shutdown.map((l) => l.message)).toContain('SalesOS stopped cleanly');
    expect(answersIn(e.ts)).toHaveLength(1);
    expect(logged('dropped a Slack delivery already handled', e.id)).toEqual([]);
  }, 60_000);
});

describe('CostGuard across replicas', () => {
  // A model that costs money (a fake OpenAI-compatible server, priced by a prices file): $0.06 per answer,
  // about $0.07 reserved before each call (the worst case), against a budget of $0.30.
  let fakeModel: FakeOpenAI;
  let c: Started;
  let d: Started;
  let pricesDir: string;

  beforeAll(async () => {
    fakeModel = await startFakeOpenAI(() => ({ text: 'Here is what I found.', usage: { prompt: 5000, completion: 1000 } }));
    pricesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replica-prices-'));
    const prices = path.join(pricesDir, 'prices.json');
    fs.writeFileSync(prices, JSON.stringify({ 'replica-model': { inputPerMTok: 10, outputPerMTok: 10, maxOutputTokens: 1000 } }));
    const env = {
      DATABASE_URL: empty.url,
      SLACK_BOT_TOKEN: 'xoxb-replicas',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
      OPENAI_BASE_URL: fakeModel.url,
      SALESOS_MODEL: 'replica-model',
      COST_PRICES_FILE: prices,
      LOG_LEVEL: 'info',
      // Slack signatures are checked against this instant, the one the events are signed at.
      SALESOS_TEST_CLOCK: CLOCK,
    };
    [c, d] = await Promise.all([startServer(env), startServer(env)]);
    const user = await db.prisma.user.create({ data: { email: 'bea.budget@test.io', name: 'Bea Budget', role: 'rep', timeZone: 'UTC', dailyLimitUsd: 0.3 } });
    await db.prisma.platformIdentity.create({ data: { userId: user.id, platform: 'slack', tenantId: FAKE_TEAM_ID, externalUserId: 'U0BUDGET' } });
    slack.addUser({ id: 'U0BUDGET', name: 'bea', realName: 'Bea Budget', email: 'bea.budget@test.io', tz: 'UTC' });
  }, 240_000);

  afterAll(async () => {
    const codes = await Promise.all([c?.stop(), d?.stop()]);
    await fakeModel?.close();
    fs.rmSync(pricesDir, { recursive: true, force: true });
    expect(codes).toEqual([0, 0]);
  }, 120_000);

  it('eight questions at once, half to each replica, never spend more than the daily budget; the rest are told why', async () => {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'bea.budget@test.io' } });
    const threads = Array.from({ length: 8 }, (_, i) => ({ id: `EvReplicaBudget${i}`, ts: nextTs() }));
    const statuses = await Promise.all(
      threads.map((t, i) =>
        postSlack(
          i % 2 ? d : c,
          slackEvent(t.id, { type: 'app_mention', user: 'U0BUDGET', text: '<@UBOT> tell me about my pipeline', ts: t.ts, channel: 'C0BUDGET', event_ts: t.ts }),
        ),
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    for (const t of threads) await until(`an answer to ${t.id}`, () => answersIn(t.ts)[0]);
    await until(
      'every reservation to be settled',
      async () => (await db.prisma.usageEntry.count({ where: { userId: user.id, status: 'reserved', lease: false } })) === 0,
    );

    const spent = await db.prisma.usageEntry.findMany({ where: { userId: user.id } });
    // In whole micro-dollars, as the ledger counts them.
    const totalMicros = spent.reduce((sum, e) => sum + Math.round(Number(e.costUsd) * 1e6), 0);
    expect(totalMicros).toBeGreaterThan(0);
    expect(totalMicros).toBeLessThanOrEqual(300_000);
    const texts = threads.map((t) => JSON.stringify(answersIn(t.ts).map((x) => x.body)));
    const refused = texts.filter((x) => x.includes('daily AI budget'));
    const answered = texts.filter((x) => x.includes('Here is what I found.'));
    // Eight answers would cost $0.48: several were answered, the others refused — and every question got one reply.
    expect(answered.length).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeGreaterThan(0);
    expect(answered.length + refused.length).toBe(threads.length);
    for (const t of threads) expect(answersIn(t.ts)).toHaveLength(1);
  }, 90_000);
});
