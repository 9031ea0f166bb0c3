// A pasted email is the same email wherever it is pasted: the same multi-line "roast this email:" message
// through Teams (POST /api/messages), Slack (signed Events API) and the terminal (`salesos chat` from a pipe)
// keeps its line breaks and gets the same roast.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { TEST_SERVER_URL } from '../support/db.ts';
import { startSlackHarness, type SlackHarness } from './slack/harness.ts';
import { BOT, conversation, messageActivity, person, registerMember, startTeamsHarness, type TeamsHarness } from './teams/harness.ts';

const EMAIL_LINES = [
  'Subject: Quick question about onboarding',
  '',
  'Hi Jane,',
  '',
  'I saw Acme Payments is hiring six SDRs in Berlin this quarter.',
  'Teams that size usually lose a week ramping each new rep.',
  '',
  'Would a 15-minute call next Tuesday make sense?',
  '',
  'Best,',
  'Bob',
];
const MESSAGE = ['roast this email:', ...EMAIL_LINES].join('\n');

let teams: TeamsHarness;
let slack: SlackHarness;

beforeAll(async () => {
  [teams, slack] = await Promise.all([startTeamsHarness(), startSlackHarness()]);
  slack.fake.addUser({ id: 'U7', name: 'bob', realName: 'Bob Builder', email: 'bob.builder@contoso.com', tz: 'Europe/Berlin' });
}, 60_000);
afterAll(async () => {
  await teams?.close();
  await slack?.close();
});

type Roast = { kind: string; score: number; grade: string; subject: string | null };
const roastsOf = (db: TeamsHarness['db'], userId: string): Promise<Roast[]> =>
  db.prisma.emailReview.findMany({ where: { userId, kind: 'roast' }, select: { kind: true, score: true, grade: true, subject: true } });

describe('the same multi-line message in Teams, Slack and the terminal', () => {
  it('keeps its line breaks and gets the same roast on all three', async () => {
    // Teams: a channel message that @mentions the bot first.
    const rep = person('Bob Builder');
    registerMember(teams.connector, rep);
    const conv = conversation({ kind: 'channel', replyChain: '1700000000777' });
    await teams.post(
      messageActivity(teams.connector, rep, conv, `<at>SalesOS</at> ${MESSAGE.replace(/\n/g, '\r\n')}`, {
        entities: [{ type: 'mention', text: '<at>SalesOS</at>', mentioned: BOT }],
      }),
    );
    const teamsReply = await teams.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    expect(JSON.stringify(teamsReply.activity.attachments)).toContain('Email roast');
    const teamsUser = (await teams.container.users.resolveIdentity('teams', 'tenant-contoso', rep.aadObjectId))!;
    const stored = await teams.db.prisma.message.findFirstOrThrow({ where: { role: 'user', conversation: { key: `teams:tenant-contoso:${conv.id}` } } });
    expect(stored.text).toBe(MESSAGE);

    // Slack: an app_mention in a channel.
    await slack.sendEvent({ type: 'app_mention', user: 'U7', channel: 'C9', ts: '1700000777.000100', text: `<@UBOT> ${MESSAGE}` });
    const slackReply = await slack.fake.waitForCall('chat.postMessage', (c) => JSON.stringify(c.body.blocks ?? '').includes('Email roast'));
    expect(slackReply.body.thread_ts).toBe('1700000777.000100');
    const slackUser = (await slack.container.users.getByEmail('bob.builder@contoso.com'))!;

    // The terminal: the first line opens the email, a line with "." ends it.
    const consoleUser = await teams.container.users.create({ email: 'terminal.bob@contoso.com', name: 'Terminal Bob', role: 'rep', timeZone: 'Europe/Berlin' });
    const databaseUrl = TEST_SERVER_URL.replace(/\/[^/]*$/, `/${teams.db.name}`);
    const cli = await runCli(['chat', '--as', consoleUser.email], { DATABASE_URL: databaseUrl }, `${MESSAGE}\n.\n`, 120_000);
    expect(cli.code).toBe(0);

    const [teamsRoasts, slackRoasts, consoleRoasts] = await Promise.all([
      roastsOf(teams.db, teamsUser.id),
      roastsOf(slack.db, slackUser.id),
      roastsOf(teams.db, consoleUser.id),
    ]);
    expect(teamsRoasts).toHaveLength(1);
    expect(teamsRoasts[0]!.subject).toBe('Quick question about onboarding');
    expect(slackRoasts).toEqual(teamsRoasts);
    expect(consoleRoasts).toEqual(teamsRoasts);
    expect(cli.stdout).toContain(`${teamsRoasts[0]!.score}/100`);
    expect(JSON.stringify(slackReply.body.blocks)).toContain(`Email roast: ${teamsRoasts[0]!.score}/100`);
  }, 180_000);

  it("Teams: other people's mentions read as their names, only the bot's own mention is removed", async () => {
    const rep = person('Mia Mention');
    registerMember(teams.connector, rep);
    const conv = conversation({ kind: 'groupChat' });
    const text = '<at>SalesOS</at> draft an intro email for <at>Jane Doe</at>\n\nmention that <at>Max</at> referred us';
    await teams.post(
      messageActivity(teams.connector, rep, conv, text, {
        entities: [
          { type: 'mention', text: '<at>SalesOS</at>', mentioned: BOT },
          { type: 'mention', text: '<at>Jane Doe</at>', mentioned: { id: '29:jane', name: 'Jane Doe' } },
          { type: 'mention', text: '<at>Max</at>', mentioned: { id: '29:max', name: 'Max Mustermann' } },
        ],
      }),
    );
    await teams.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    const stored = await teams.db.prisma.message.findFirstOrThrow({ where: { role: 'user', conversation: { key: `teams:tenant-contoso:${conv.id}` } } });
    expect(stored.text).toBe('draft an intro email for Jane Doe\n\nmention that Max Mustermann referred us');
  });
});
