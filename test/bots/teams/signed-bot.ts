// A Teams bot that validates real Bot Framework tokens, signed by the fake connector's key and checked
// against its local OpenID metadata, mounted on its own HTTP server next to a harness.
import { PassThrough } from 'node:stream';
import { ServiceClientCredentialsFactory, TokenCredentials } from 'botframework-connector';
import { createHttpServer } from '../../../app/http-server.ts';
import { createTeamsBot, type TeamsBot } from '../../../bots/teams/bot.ts';
import { loadConfig } from '../../../core/config.ts';
import { createLogger } from '../../../core/log.ts';
import type { TeamsHarness } from './harness.ts';

export const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const OUTBOUND_TOKEN = 'outbound-token-from-fake-entra';

/** Stands in for Entra ID: the bot's own outbound token, without MSAL calling login.microsoftonline.com. */
export class StaticTokenFactory extends ServiceClientCredentialsFactory {
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

export function capturedLogger() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk) => lines.push(...String(chunk).split('\n').filter(Boolean)));
  return { logger: createLogger({ stream, format: 'json', level: 'debug' }), lines };
}

export interface SignedBot {
  bot: TeamsBot;
  lines: string[];
  /** POSTs the activity with a valid channel token. */
  post(activity: Record<string, unknown>): Promise<number>;
  close(): Promise<void>;
}

export async function startSignedBot(h: TeamsHarness, env: Record<string, string>): Promise<SignedBot> {
  const { logger, lines } = capturedLogger();
  const config = loadConfig({ SALESOS_SEED_DEMO: 'false', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-used', ...env });
  const bot = createTeamsBot({
    config,
    assistant: h.container.assistant,
    users: h.container.users,
    log: logger,
    auth: { openIdMetadataUrl: h.connector.openIdMetadataUrl, tokenIssuer: h.connector.issuer, credentialsFactory: new StaticTokenFactory() },
    timing: { streamIntervalMs: 0, typingIntervalMs: 60_000 },
  });
  const server = createHttpServer();
  server.route('POST', '/api/messages', bot.handleRequest);
  const port = await server.listen(0, '127.0.0.1');
  return {
    bot,
    lines,
    async post(activity) {
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${h.connector.signToken({ audience: APP_ID })}` },
        body: JSON.stringify(activity),
      });
      await res.arrayBuffer();
      return res.status;
    },
    async close() {
      await bot.drain(5000);
      await server.close(100);
    },
  };
}
