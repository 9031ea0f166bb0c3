import { generateKeyPairSync } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { ServiceClientCredentialsFactory, TokenCredentials } from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../app/http-server.ts';
import { createTeamsBot } from '../../../bots/teams/bot.ts';
import { loadConfig } from '../../../core/config.ts';
import { createLogger } from '../../../core/log.ts';
import { signJwt } from '../../support/fake-bot-connector.ts';
import { conversation, messageActivity, person, registerMember, startTeamsHarness, type TeamsHarness } from './harness.ts';

const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const OUTBOUND_TOKEN = 'outbound-token-from-fake-entra';

/** Stands in for Entra ID: the bot's own outbound token, without MSAL calling login.microsoftonline.com. */
class StaticTokenFactory extends ServiceClientCredentialsFactory {
  async isValidAppId(appId: string) {
    return appId === APP_ID;
  }
  async isAuthenticationDisabled() {
    return false;
  }
  async createCredentials() {
    return new TokenCredentials(OUTBOUND_TOKEN);
  }
}

function capturedLogger() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk) => lines.push(...String(chunk).split('\n').filter(Boolean)));
  return { logger: createLogger({ stream, format: 'json', level: 'debug' }), lines };
}

let h: TeamsHarness;
const rep = person('Sue Secure');

beforeAll(async () => {
  h = await startTeamsHarness({
    env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-used', TEAMS_ALLOW_UNAUTHENTICATED: 'false' },
    bot: (connector) => ({
      auth: { openIdMetadataUrl: connector.openIdMetadataUrl, tokenIssuer: connector.issuer, credentialsFactory: new StaticTokenFactory() },
    }),
  });
  registerMember(h.connector, rep);
}, 60_000);
afterAll(async () => h?.close());

async function postWith(authorization: string | undefined) {
  const conv = conversation({ kind: 'groupChat' });
  const res = await h.post(messageActivity(h.connector, rep, conv, 'how much budget do I have left?'), authorization ? { authorization } : {});
  return { res, conv };
}

async function expectRefused(authorization: string | undefined) {
  const { res, conv } = await postWith(authorization);
  expect(res.status).toBe(401);
  await h.bot.drain();
  expect(h.connector.activities.filter((a) => a.conversationId === conv.id)).toEqual([]);
}

describe('Teams authentication with an app id', () => {
  it('a request without a token is refused with 401', async () => {
    await expectRefused(undefined);
  });

  it('a malformed token is refused with 401', async () => {
    await expectRefused('Bearer not.a.jwt');
    await expectRefused('Basic dXNlcjpwYXNz');
  });

  it('a token signed by a key the connector does not publish (forged) is refused with 401', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await expectRefused(`Bearer ${h.connector.signToken({ audience: APP_ID }, privateKey)}`);
    // Same claims, unknown key id.
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(
      `Bearer ${signJwt({ iss: h.connector.issuer, aud: APP_ID, serviceurl: h.connector.serviceUrl, nbf: now, exp: now + 600 }, privateKey, 'unknown-kid')}`,
    );
  });

  it('a genuine token for another bot (wrong audience) is refused with 401', async () => {
    await expectRefused(`Bearer ${h.connector.signToken({ audience: '00000000-0000-0000-0000-000000000000' })}`);
  });

  it('an expired token is refused with 401', async () => {
    await expectRefused(`Bearer ${h.connector.signToken({ audience: APP_ID, expiresInSeconds: -3600 })}`);
  });

  it('a token for another service URL is refused with 401', async () => {
    await expectRefused(`Bearer ${h.connector.signToken({ audience: APP_ID, serviceUrl: 'https://smba.trafficmanager.net/emea/' })}`);
  });

  it('a token signed by the key in the OpenID metadata is accepted, and the reply goes out with the bot’s own token', async () => {
    const { res, conv } = await postWith(`Bearer ${h.connector.signToken({ audience: APP_ID })}`);
    expect(res.status).toBe(202);
    const reply = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    expect(reply.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
  });
});

describe('Teams when the signing keys cannot be fetched', () => {
  it('answers 503 (the channel retries), never 500, and logs why', async () => {
    const { logger, lines } = capturedLogger();
    const config = loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'x' });
    // Port 9 on 127.0.0.1: nothing listens, the metadata fetch is refused.
    const bot = createTeamsBot({
      config,
      assistant: h.container.assistant,
      users: h.container.users,
      log: logger,
      auth: {
        openIdMetadataUrl: 'http://127.0.0.1:9/.well-known/openidconfiguration',
        tokenIssuer: h.connector.issuer,
        credentialsFactory: new StaticTokenFactory(),
      },
    });
    const server = createHttpServer();
    server.route('POST', '/api/messages', bot.handleRequest);
    const port = await server.listen(0, '127.0.0.1');
    try {
      const activity = messageActivity(h.connector, rep, conversation({ kind: 'personal' }), 'hello');
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${h.connector.signToken({ audience: APP_ID })}` },
        body: JSON.stringify(activity),
      });
      expect(res.status).toBe(503);
      expect(lines.join('\n')).toMatch(/could not validate a Teams request/);
    } finally {
      await server.close(100);
    }
  });
});

describe('Teams without an app id', () => {
  it('refuses every request (401) unless TEAMS_ALLOW_UNAUTHENTICATED=true, and the log says how to configure', async () => {
    const { logger, lines } = capturedLogger();
    const bot = createTeamsBot({ config: loadConfig({}), assistant: h.container.assistant, users: h.container.users, log: logger });
    expect(bot.mode).toBe('refused');
    const server = createHttpServer();
    server.route('POST', '/api/messages', bot.handleRequest);
    const port = await server.listen(0, '127.0.0.1');
    try {
      const conv = conversation({ kind: 'personal' });
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageActivity(h.connector, rep, conv, 'hello')),
      });
      expect(res.status).toBe(401);
      expect(lines.join('\n')).toMatch(/MICROSOFT_APP_ID/);
      expect(lines.join('\n')).toMatch(/TEAMS_ALLOW_UNAUTHENTICATED=true/);
    } finally {
      await server.close(100);
    }
  });

  it('emulator mode (TEAMS_ALLOW_UNAUTHENTICATED=true) is announced loudly at start', () => {
    const { logger, lines } = capturedLogger();
    const bot = createTeamsBot({
      config: loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }),
      assistant: h.container.assistant,
      users: h.container.users,
      log: logger,
    });
    expect(bot.mode).toBe('emulator');
    const warning = lines.map((l) => JSON.parse(l)).find((l) => l.level === 'warn');
    expect(warning?.message).toMatch(/WITHOUT AUTHENTICATION/);
  });
});
