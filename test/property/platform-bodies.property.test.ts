// Property-based: whatever a correctly signed Slack request or an (emulator-mode) Teams request carries,
// the answer is a status the protocol defines, never a 500.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackHarness, TEAM, type SlackHarness } from '../bots/slack/harness.ts';
import { startTeamsHarness, type TeamsHarness } from '../bots/teams/harness.ts';

let slack: SlackHarness;
let teams: TeamsHarness;
beforeAll(async () => {
  [slack, teams] = await Promise.all([startSlackHarness({ demoLeads: 20 }), startTeamsHarness()]);
}, 90_000);
afterAll(async () => {
  await Promise.all([slack?.close(), teams?.close()]);
});

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', 'help', '<!channel>', '\u0000', '\u202E'),
);
const loose = fc.oneof(
  text,
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), text, { maxKeys: 3 }),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Slack-shaped JSON bodies with every field possibly wrong, and anything at all. */
const slackJson = fc
  .oneof(
    fc.record(
      {
        type: fc.constantFrom('event_callback', 'url_verification', 'app_rate_limited', 'block_actions', 'nonsense'),
        event: maybe(
          fc.oneof(
            loose,
            fc.record({
              type: maybe(fc.constantFrom('message', 'app_mention', 'assistant_thread_started')),
              text: maybe(text),
              user: maybe(text),
              channel: maybe(text),
              ts: maybe(text),
            }),
          ),
        ),
        challenge: maybe(loose),
        team_id: maybe(loose),
        event_id: maybe(loose),
      },
      { requiredKeys: [] },
    ),
    fc.jsonValue(),
  )
  .map((v) => JSON.stringify(v) ?? 'null');

/** Slash-command forms and interactivity payloads with fields missing or wrong. */
const slackForm = fc.oneof(
  fc
    .record(
      {
        command: fc.constantFrom('/salesos', 'salesos', ''),
        team_id: fc.constantFrom(TEAM, ''),
        channel_id: text,
        user_id: text,
        text,
        trigger_id: maybe(text),
        response_url: maybe(fc.constantFrom('http://127.0.0.1:1/x', 'not a url')),
      },
      { requiredKeys: [] },
    )
    .map((f) => new URLSearchParams(Object.entries(f).filter(([, v]) => v !== undefined) as [string, string][]).toString()),
  fc
    .oneof(
      fc.jsonValue(),
      fc.record(
        {
          type: fc.constantFrom('block_actions', 'view_submission', 'shortcut'),
          user: maybe(fc.oneof(loose, fc.record({ id: text }))),
          actions: maybe(fc.oneof(loose, fc.array(fc.dictionary(fc.string({ maxLength: 8 }), loose, { maxKeys: 3 }), { maxLength: 2 }))),
        },
        { requiredKeys: [] },
      ),
    )
    .map((p) => new URLSearchParams({ payload: JSON.stringify(p) ?? 'null' }).toString()),
);

describe('Slack: any correctly signed body', () => {
  it('gets 200 or 400, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          slackJson.map((b) => [b, 'application/json'] as const),
          slackForm.map((b) => [b, 'application/x-www-form-urlencoded'] as const),
        ),
        async ([body, type]) => {
          const res = await slack.post(body, type);
          await res.arrayBuffer();
          expect([200, 400], body).toContain(res.status);
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  }, 180_000);
});

const activity = fc.record(
  {
    type: fc.oneof(fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'typing', 'nonsense'), loose),
    name: maybe(fc.oneof(fc.constantFrom('adaptiveCard/action', 'nonsense'), loose)),
    value: maybe(
      fc.oneof(
        loose,
        fc.record(
          { action: maybe(fc.oneof(loose, fc.record({ type: maybe(text), verb: maybe(text), data: maybe(loose) }, { requiredKeys: [] }))) },
          { requiredKeys: [] },
        ),
      ),
    ),
    text: maybe(loose),
    id: maybe(loose),
    serviceUrl: maybe(fc.oneof(fc.constant('http://127.0.0.1:1/'), loose)),
    channelId: maybe(fc.oneof(fc.constant('msteams'), loose)),
    from: maybe(fc.oneof(loose, fc.record({ id: maybe(text), name: maybe(text), aadObjectId: maybe(text) }, { requiredKeys: [] }))),
    conversation: maybe(fc.oneof(loose, fc.record({ id: maybe(text), conversationType: maybe(text), tenantId: maybe(text) }, { requiredKeys: [] }))),
    recipient: maybe(fc.oneof(loose, fc.record({ id: maybe(text) }, { requiredKeys: [] }))),
  },
  { requiredKeys: [] },
);

describe('Teams: any request body', () => {
  it('gets 200, 202 or 400, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: activity }, { weight: 1, arbitrary: fc.jsonValue() }), async (body) => {
        const res = await fetch(teams.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) ?? 'null' });
        await res.arrayBuffer();
        expect([200, 202, 400], JSON.stringify(body)).toContain(res.status);
      }),
      { numRuns: 150, seed: 12 },
    );
  }, 180_000);
});
