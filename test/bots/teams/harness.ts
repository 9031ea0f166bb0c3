// Starts the real pieces for Teams end-to-end tests: a migrated PostgreSQL database, the real assistant
// (offline model), the Teams bot mounted on our HTTP server, and a fake Bot Connector on 127.0.0.1.
import { DEMO_OFFER } from '../../../core/demo/offer.ts';
import { randomUUID } from 'node:crypto';
import { buildContainer, type Container } from '../../../app/container.ts';
import { createHttpServer, type HttpServer } from '../../../app/http-server.ts';
import { createTeamsBot, type TeamsBot, type TeamsBotOptions } from '../../../bots/teams/bot.ts';
import { loadConfig } from '../../../core/config.ts';
import { log } from '../../../core/log.ts';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import { startFakeBotConnector, type FakeBotConnector } from '../../support/fake-bot-connector.ts';

export interface TeamsHarness {
  db: TestDatabase;
  container: Container;
  connector: FakeBotConnector;
  bot: TeamsBot;
  url: string;
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startTeamsHarness(
  opts: { env?: Record<string, string>; bot?: (connector: FakeBotConnector) => Partial<TeamsBotOptions> } = {},
): Promise<TeamsHarness> {
  const db = await createTestDatabase();
  const connector = await startFakeBotConnector();
  const config = loadConfig({ NODE_ENV: 'test', SALESOS_SEED_DEMO: 'false', TEAMS_ALLOW_UNAUTHENTICATED: 'true', ...opts.env });
  const container = await buildContainer({ config, db, close: async () => {} });
  // An organisation that drafts emails has said what it sells (draftEmail asks for that first).
  await db.prisma.offerProfile.create({ data: { scope: 'organisation', scopeKey: 'organisation', ...DEMO_OFFER } });
  const bot = createTeamsBot({
    config,
    assistant: container.assistant,
    users: container.users,
    log,
    timing: { streamIntervalMs: 0, typingIntervalMs: 60_000 },
    ...opts.bot?.(connector),
  });
  const server: HttpServer = createHttpServer();
  server.route('POST', '/api/messages', bot.handleRequest);
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/api/messages`;
  return {
    db,
    container,
    connector,
    bot,
    url,
    async post(activity, headers = {}) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await bot.drain(5000);
      await server.close(1000);
      await connector.close();
      await db.drop();
    },
  };
}

export const TENANT = 'tenant-contoso';
export const BOT = { id: '28:salesos-bot', name: 'SalesOS' };

export interface Person {
  id: string;
  aadObjectId: string;
  name: string;
  email: string;
}

export function person(name: string): Person {
  const slug = name.toLowerCase().replace(/\s+/g, '.');
  return { id: `29:${slug}`, aadObjectId: `aad-${slug}-${randomUUID().slice(0, 8)}`, name, email: `${slug}@contoso.com` };
}

export function registerMember(connector: FakeBotConnector, p: Person): void {
  connector.members.set(p.id, { id: p.id, name: p.name, aadObjectId: p.aadObjectId, email: p.email, userPrincipalName: p.email });
}

type Scope = { kind: 'personal' } | { kind: 'groupChat' } | { kind: 'channel'; replyChain: string };

export function conversation(scope: Scope, key = randomUUID().slice(0, 8)): Record<string, unknown> {
  if (scope.kind === 'personal') return { id: `a:1on1-${key}`, conversationType: 'personal', tenantId: TENANT };
  if (scope.kind === 'groupChat') return { id: `19:group-${key}@thread.v2`, conversationType: 'groupChat', tenantId: TENANT, isGroup: true };
  return { id: `19:channel-${key}@thread.tacv2;messageid=${scope.replyChain}`, conversationType: 'channel', tenantId: TENANT, isGroup: true };
}

export function messageActivity(
  connector: FakeBotConnector,
  from: Person,
  conv: Record<string, unknown>,
  text: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'message',
    id: `msg-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: BOT,
    conversation: conv,
    channelData: { tenant: { id: TENANT } },
    text,
    textFormat: 'plain',
    ...extra,
  };
}

export function executeInvoke(
  connector: FakeBotConnector,
  from: Person,
  conv: Record<string, unknown>,
  cardActivityId: string,
  data: unknown,
): Record<string, unknown> {
  return {
    ...messageActivity(connector, from, conv, ''),
    type: 'invoke',
    id: `invoke-${randomUUID()}`,
    name: 'adaptiveCard/action',
    replyToId: cardActivityId,
    value: { action: { type: 'Action.Execute', verb: 'salesos', data }, trigger: 'manual' },
  };
}

export function installActivity(connector: FakeBotConnector, from: Person, conv: Record<string, unknown>): Record<string, unknown> {
  return { ...messageActivity(connector, from, conv, ''), type: 'conversationUpdate', id: `cu-${randomUUID()}`, text: undefined, membersAdded: [BOT] };
}
