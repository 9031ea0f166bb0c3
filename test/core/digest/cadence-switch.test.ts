// Switching cadence keeps periods whole: a period is keyed by the day it ends, so a daily and a weekly
// digest on one day are one digest, and the next period starts where the last one stopped. Through the
// real runDigest, database and fake Slack Web API, at fixed dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatSenders } from '../../../app/chat-senders.ts';
import { buildDigestServices } from '../../../app/digest-background.ts';
import { runDigest, type DigestServices } from '../../../core/digest/run-digest.ts';
import { runCli } from '../../support/cli.ts';
import { createTestContainer, type TestContainer } from '../../support/container.ts';
import { startFakeBotConnector, type FakeBotConnector } from '../../support/fake-bot-connector.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.ts';
import { createManager } from '../../jobs/digest-fixtures.ts';

let slack: FakeSlackApi;
let connector: FakeBotConnector;
let c: TestContainer;
let svc: DigestServices;

beforeAll(async () => {
  slack = await startFakeSlackApi();
  connector = await startFakeBotConnector();
  c = await createTestContainer({
    SLACK_BOT_TOKEN: 'xoxb-switch',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: slack.url,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
  });
  svc = buildDigestServices(c, buildChatSenders(c));
}, 60_000);

afterAll(async () => {
  await c?.db.drop();
  await slack?.close();
  await connector?.close();
});

describe('switching cadence', () => {
  it('daily → weekly on a day the daily digest went out sends nothing more, and the weekly one starts where the daily stopped', async () => {
    const m = await createManager(c.db.prisma, { slack: true });
    // Friday 27 November 08:30 Berlin: the daily digest (covering Thursday) goes out.
    const daily = await runDigest(svc, { managerId: m.id, fireAt: new Date('2026-11-27T07:30:00Z'), scheduled: true });
    expect(daily).toMatchObject({ status: 'sent', periodKey: '2026-11-27' });
    await svc.managers.savePreference(m.id, { enabled: true, cadence: 'weekly', cron: '30 8 * * 1,5' });
    // The weekly schedule fires the same Friday: the same period, already sent.
    const sameDay = await runDigest(svc, { managerId: m.id, fireAt: new Date('2026-11-27T07:30:00Z'), scheduled: true });
    expect(sameDay).toMatchObject({ status: 'already_done', periodKey: '2026-11-27' });
    expect(slack.messagesIn(`D${m.slackUserId}`)).toHaveLength(1);
    // Monday's weekly digest covers Friday to Sunday: from the end of Friday's daily, no overlap, no gap.
    await runDigest(svc, { managerId: m.id, fireAt: new Date('2026-11-30T07:30:00Z'), scheduled: true });
    const runs = await c.db.prisma.digestRun.findMany({ where: { managerId: m.id }, orderBy: { periodEnd: 'asc' } });
    expect(runs.map((r) => [r.periodKey, r.periodStart.toISOString(), r.periodEnd.toISOString()])).toEqual([
      ['2026-11-27', '2026-11-25T23:00:00.000Z', '2026-11-26T23:00:00.000Z'],
      ['2026-11-30', '2026-11-26T23:00:00.000Z', '2026-11-29T23:00:00.000Z'],
    ]);
    expect((runs[1]!.content as { period: { label: string; cadence: string } }).period).toMatchObject({
      label: 'Fri 27 Nov – Sun 29 Nov 2026',
      cadence: 'weekly',
    });
  });

  it('weekly → daily: the first daily digest covers every day since the weekly one', async () => {
    const m = await createManager(c.db.prisma, { slack: true });
    await svc.managers.savePreference(m.id, { enabled: true, cadence: 'weekly', cron: '30 8 * * 1' });
    await runDigest(svc, { managerId: m.id, fireAt: new Date('2026-11-23T07:30:00Z'), scheduled: true });
    await svc.managers.savePreference(m.id, { enabled: true, cadence: 'daily', cron: '30 8 * * 1-5' });
    // Wednesday: Monday and Tuesday, not only Tuesday.
    await runDigest(svc, { managerId: m.id, fireAt: new Date('2026-11-25T07:30:00Z'), scheduled: true });
    const [, first] = await c.db.prisma.digestRun.findMany({ where: { managerId: m.id }, orderBy: { periodEnd: 'asc' } });
    expect([first!.periodStart.toISOString(), first!.periodEnd.toISOString()]).toEqual(['2026-11-22T23:00:00.000Z', '2026-11-24T23:00:00.000Z']);
  });
});

describe('salesos digest --status', () => {
  it('shows runs, deliveries, attempts and failures per period, and why a run did not go out', async () => {
    const m = await createManager(c.db.prisma, { slack: true });
    slack.failNext('chat.postMessage', { kind: 'error', error: 'invalid_blocks_format' });
    await expect(runDigest(svc, { managerId: m.id, fireAt: new Date('2026-12-02T07:30:00Z'), scheduled: false })).rejects.toThrow(
      /could not be delivered to slack\.$/,
    );
    const r = await runCli(['digest', '--status', '--manager', m.email], { DATABASE_URL: c.db.url, SALESOS_SEED_DEMO: 'false' });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^period\s+runs\s+sent\s+partial\s+failed\s+missed\s+cancelled\s+running\s+skipped\s+deliveries\s+delivered\s+attempts\s+failures$/,
    );
    expect(lines[1]).toMatch(/^2026-12-02\s+1\s+0\s+0\s+1\s+0\s+0\s+0\s+0\s+1\s+0\s+1\s+1$/);
    expect(r.stdout).toContain(`2026-12-02  ${m.email}  failed`);
    expect(r.stdout).toMatch(/slack: failed after 1 attempt — .*invalid_blocks_format/);
  }, 60_000);
});

describe('a Teams digest whose first attempt is unconfirmed', () => {
  it('is not sent again by a retry (Teams cannot be asked), is recorded as skipped with the reason, and is sent by hand', async () => {
    const m = await createManager(c.db.prisma, { teams: { serviceUrl: connector.serviceUrl } });
    const fireAt = new Date('2026-12-03T07:30:00Z');
    // A 500 on the post, and on the look-up of the conversation's activities after it: Teams may or may not
    // have stored the card, and cannot say.
    connector.fail({ status: 500, pathIncludes: m.teamsConversationId!, times: 2 });
    await expect(runDigest(svc, { managerId: m.id, fireAt, scheduled: true, retry: true })).rejects.toThrow(
      /could not be delivered to teams; the next try is at/,
    );
    const retried = await runDigest(svc, { managerId: m.id, fireAt, scheduled: true, retry: true });
    expect(retried).toMatchObject({
      status: 'skipped',
      deliveries: [{ platform: 'teams', status: 'skipped', error: expect.stringMatching(/^unconfirmed: .*not sent again, to avoid a duplicate/) }],
    });
    const posts = () => connector.activities.filter((a) => a.conversationId === m.teamsConversationId);
    expect(posts()).toHaveLength(0);
    // A scheduled job does not take it up again; the operator does.
    expect(await runDigest(svc, { managerId: m.id, fireAt, scheduled: true, retry: true })).toMatchObject({ status: 'already_done' });
    const byHand = await runDigest(svc, { managerId: m.id, fireAt, scheduled: false });
    expect(byHand).toMatchObject({ status: 'sent', deliveries: [{ platform: 'teams', status: 'sent' }] });
    expect(posts()).toHaveLength(1);
  });
});
