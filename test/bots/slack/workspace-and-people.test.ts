// One workspace, known people — through the real POST /slack/events against the fake Web API: events from
// another workspace are refused before anything runs; guests follow SLACK_GUEST_USERS (deny, or read-only:
// no write tool runs); people of another workspace and profiles without an email get a clear message.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GUEST_DENIED_MESSAGE, NO_EMAIL_MESSAGE, OTHER_WORKSPACE_MESSAGE } from '../../../bots/slack/identity.ts';
import { parseActionValue } from '../../../bots/slack/blocks/limits.ts';
import { DEMO_REP_EMAIL } from '../../../core/demo/staff.ts';
import { buttonClick, buttonsIn, nextEventId, startSlackHarness, TEAM, type SlackHarness } from './harness.ts';

let n = 0;
const ts = () => `1700005000.${String(++n).padStart(6, '0')}`;
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));
const processed = async (h: SlackHarness, id: string) =>
  Number((await h.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM processed_deliveries WHERE id = ${id}`)[0]!.n);

describe('workspace learned from auth.test, guests read-only', () => {
  let h: SlackHarness;
  let authTestsAtStart = 0;
  beforeAll(async () => {
    // Answers as single posts (streaming is not what this file is about; a loaded machine would stream them).
    h = await startSlackHarness({ demoLeads: 30, streaming: false, env: { SLACK_GUEST_USERS: 'read-only' } });
    authTestsAtStart = h.fake.callsTo('auth.test').length;
    h.fake.addUser({ id: 'U6', name: 'gus', realName: 'Gus Guest', email: DEMO_REP_EMAIL, isRestricted: true });
    h.fake.addUser({ id: 'U4', name: 'noemail', realName: 'No Email' });
    h.fake.addUser({ id: 'UX', name: 'partner', realName: 'Pat Partner', email: 'pat@partner.example', teamId: 'T0PARTNER' });
  });
  afterAll(async () => h?.close());
  beforeEach(() => h.fake.reset());

  it('learned the workspace from auth.test once, at start, and answers its own workspace', async () => {
    expect(authTestsAtStart).toBe(1);
    const thread = ts();
    await h.sendEvent({ type: 'app_mention', user: 'U6', channel: 'C1', ts: thread, text: '<@UBOT> help' });
    await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === thread);
    expect(h.fake.callsTo('auth.test')).toHaveLength(0);
  });

  it('refuses an event from another workspace: nothing runs, nothing is posted, the delivery is not even claimed', async () => {
    const eventId = nextEventId();
    const thread = ts();
    const res = await h.sendEvent({ type: 'app_mention', user: 'UZ', channel: 'C7', ts: thread, text: '<@UBOT> find leads' }, { eventId, teamId: 'T0OTHER' });
    expect(res.status).toBe(200);
    await settle();
    // Nothing about this event reached Slack (calls still finishing from an earlier test are not its).
    expect(h.fake.calls.filter((c) => c.body.user === 'UZ' || c.body.channel === 'C7' || c.body.thread_ts === thread)).toEqual([]);
    expect(await processed(h, eventId)).toBe(0);
  });

  it('refuses a button click and a slash command from another workspace too', async () => {
    const click = buttonClick({
      // A button that would run (myUsage) if the click were let through.
      button: { action_id: 'salesos_usage', value: JSON.stringify({ kind: 'tool', tool: 'myUsage', input: {} }) },
      messageTs: ts(),
      channel: 'C7',
      responseId: 'other',
      fake: h.fake,
    });
    await h.sendAction({ ...click, team: { id: 'T0OTHER', domain: 'evil' }, user: { id: 'UZ', team_id: 'T0OTHER' } });
    const form = new URLSearchParams({
      team_id: 'T0OTHER',
      channel_id: 'C7',
      user_id: 'UZ',
      command: '/salesos',
      text: 'find leads',
      response_url: h.fake.responseUrl('other'),
      trigger_id: 't.1',
    });
    const res = await h.post(form.toString(), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await settle();
    expect(h.fake.calls.filter((c) => c.body.user === 'UZ' || c.body.channel === 'C7' || c.method === 'response_url:other')).toEqual([]);
  });

  it('lets a guest read (find leads) but never run a write tool (Mark contacted is refused, the lead unchanged)', async () => {
    const thread = ts();
    await h.sendEvent({ type: 'app_mention', user: 'U6', channel: 'C1', ts: thread, text: '<@UBOT> find leads' });
    const list = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === thread && buttonsIn(c.body.blocks).length > 0);
    const mark = buttonsIn(list.body.blocks).find((b) => b.text === 'Mark contacted')!;
    const action = parseActionValue(mark.value);
    const leadId = action?.kind === 'tool' ? String(action.input.lead) : '';
    const before = (await h.db.prisma.lead.findUnique({ where: { id: leadId } }))!.status;
    h.fake.reset();
    await h.sendAction(buttonClick({ button: mark, messageTs: ts(), threadTs: thread, userId: 'U6', fake: h.fake }));
    const reply = await h.fake.waitForCall('chat.postMessage');
    expect(JSON.stringify(reply.body)).toMatch(/read-only/);
    expect(buttonsIn(reply.body.blocks).map((b) => b.text)).not.toContain('Confirm');
    expect((await h.db.prisma.lead.findUnique({ where: { id: leadId } }))!.status).toBe(before);
    const denied = await h.db.prisma.auditEntry.findFirst({ where: { name: 'updateLead', outcome: 'denied' }, orderBy: { seq: 'desc' } });
    expect(denied).not.toBeNull();
  });

  it('tells someone of another workspace (Slack Connect) that SalesOS is not for them, and creates no account', async () => {
    const thread = ts();
    await h.sendEvent({ type: 'app_mention', user: 'UX', channel: 'C1', ts: thread, text: '<@UBOT> find leads' });
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === thread);
    expect(post.body.text).toBe(OTHER_WORKSPACE_MESSAGE);
    expect(await h.container.users.getByEmail('pat@partner.example')).toBeUndefined();
  });

  it('names the missing users:read.email scope when Slack gives no email', async () => {
    const thread = ts();
    await h.sendEvent({ type: 'app_mention', user: 'U4', channel: 'C1', ts: thread, text: '<@UBOT> help' });
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === thread);
    expect(post.body.text).toBe(NO_EMAIL_MESSAGE);
    expect(post.body.text).toContain('users:read.email');
  });

  it('names the users:read scope when Slack refuses profiles altogether', async () => {
    const thread = ts();
    h.fake.failNext('users.info', { kind: 'error', error: 'missing_scope' });
    h.fake.addUser({ id: 'U3', name: 'new', email: 'new@example.com' });
    await h.sendEvent({ type: 'app_mention', user: 'U3', channel: 'C1', ts: thread, text: '<@UBOT> help' });
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === thread);
    expect(post.body.text).toMatch(/users:read scopes|users:read and/);
  });
});

describe('SLACK_TEAM_ID set, guests denied (the default)', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ streaming: false, env: { SLACK_TEAM_ID: 'T0FAKE' } });
    h.fake.addUser({ id: 'U5', name: 'sally', realName: 'Single Channel Sally', email: 'sally@example.com', isUltraRestricted: true });
    h.fake.addUser({ id: 'U2', name: 'multi', realName: 'Multi Guest', email: DEMO_REP_EMAIL, isRestricted: true });
  });
  afterAll(async () => h?.close());
  beforeEach(() => h.fake.reset());

  it('does not call auth.test when the workspace is configured', async () => {
    await h.sendEvent({ type: 'app_mention', user: 'U5', channel: 'C1', ts: ts(), text: '<@UBOT> help' });
    await h.fake.waitForCall('chat.postMessage');
    expect(h.fake.callsTo('auth.test')).toHaveLength(0);
  });

  it('tells a single-channel guest SalesOS is not available to guests, and provisions nothing', async () => {
    const thread = ts();
    await h.sendEvent({ type: 'app_mention', user: 'U5', channel: 'C1', ts: thread, text: '<@UBOT> find leads' });
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === thread);
    expect(post.body.text).toBe(GUEST_DENIED_MESSAGE);
    expect(await h.container.users.getByEmail('sally@example.com')).toBeUndefined();
  });

  it('denies a multi-channel guest even when their email belongs to an existing SalesOS user', async () => {
    const thread = ts();
    await h.sendEvent({ type: 'message', channel_type: 'im', user: 'U2', channel: 'D2', ts: thread, text: 'find leads' });
    const post = await h.fake.waitForCall('chat.postMessage');
    expect(post.body.text).toBe(GUEST_DENIED_MESSAGE);
    expect(await h.container.users.resolveIdentity('slack', TEAM, 'U2')).toBeFalsy();
  });

  it('refuses events of another workspace against the configured id', async () => {
    await h.sendEvent({ type: 'app_mention', user: 'UZ', channel: 'C7', ts: ts(), text: '<@UBOT> help' }, { teamId: 'T0OTHER' });
    await settle();
    expect(h.fake.calls.filter((c) => c.body.user === 'UZ' || c.body.channel === 'C7')).toEqual([]);
  });
});
