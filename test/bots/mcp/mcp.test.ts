// SalesOS over MCP, driven by the official SDK's own client over both transports: Streamable HTTP against
// POST /mcp with personal access tokens, and stdio against a real `salesos mcp` process.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpHttpHandler, MCP_PATH } from '../../../bots/mcp/http.ts';
import { createHttpServer, type HttpServer } from '../../../app/http-server.ts';
import { ApiTokenRepository } from '../../../core/db/api-tokens-repository.ts';
import { log } from '../../../core/log.ts';
import { toolsFor } from '../../../tools/registry.ts';
import { BIN, childEnv, ROOT } from '../../support/cli.ts';
import { createTestContainer, type TestContainer } from '../../support/container.ts';
import { createTestOrg, type TestOrg } from '../../support/org.ts';

let c: TestContainer;
let org: TestOrg;
let http: HttpServer;
let url: URL;
let tokens: ApiTokenRepository;
/** The tokens' clock: fixed, moved by hand. */
let now = new Date('2026-11-18T09:00:00Z');

beforeAll(async () => {
  c = await createTestContainer();
  org = await createTestOrg(c.db.prisma);
  tokens = new ApiTokenRepository(c.db.prisma, { now: () => now });
  http = createHttpServer();
  http.route('POST', MCP_PATH, createMcpHttpHandler({ assistant: c.assistant, tokens, version: '0.0.0-test', log }));
  url = new URL(`http://127.0.0.1:${await http.listen(0, '127.0.0.1')}${MCP_PATH}`);
});

afterAll(async () => {
  await http?.close();
  await c?.close();
});

async function connect(token: string | undefined): Promise<Client> {
  const client = new Client({ name: 'salesos-test', version: '1.0.0' });
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
  return client;
}

const tokenFor = async (userId: string, opts: { readOnly?: boolean } = {}) =>
  (await tokens.create({ userId, name: 'test client', readOnly: opts.readOnly ?? false })).token;

const textOf = (r: Record<string, unknown>) => (r.content as { type: string; text: string }[])[0]?.text ?? '';

describe('MCP over Streamable HTTP (POST /mcp)', () => {
  it('lists exactly the tools the token user’s role may use, with JSON Schemas', async () => {
    const rep = await connect(await tokenFor(org.alice.id));
    const repTools = (await rep.listTools()).tools;
    const names = repTools.map((t) => t.name).sort();
    // Exactly the rep role's tools, plus confirmAction because some of them write.
    expect(names).toEqual([...toolsFor('rep').map((t) => t.name), 'confirmAction'].sort());
    expect(names).toEqual(expect.arrayContaining(['findLeads', 'updateLead', 'enrichLead']));
    expect(names).not.toContain('setDigestSchedule');
    const find = repTools.find((t) => t.name === 'findLeads')!;
    expect(find.inputSchema.type).toBe('object');
    expect(Object.keys(find.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['industry', 'country', 'tech', 'status']));
    expect(find.annotations?.readOnlyHint).toBe(true);
    await rep.close();

    const manager = await connect(await tokenFor(org.manager.id));
    expect((await manager.listTools()).tools.map((t) => t.name)).toContain('setDigestSchedule');
    await manager.close();
  });

  it('a read-only token is offered no write and cannot confirm', async () => {
    const client = await connect(await tokenFor(org.alice.id, { readOnly: true }));
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('findLeads');
    expect(names).not.toContain('updateLead');
    // Enrichment writes the lead too: a read-only token, like a read-only Slack guest, does not get it.
    expect(names).not.toContain('enrichLead');
    expect(names).not.toContain('confirmAction');
    const r = await client.callTool({ name: 'updateLead', arguments: { lead: 'Jane Doe', status: 'contacted' } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('read-only');
    await client.close();
  });

  it('findLeads returns the rep’s leads as readable text and structured content, scoped by RBAC and audited as mcp', async () => {
    const client = await connect(await tokenFor(org.alice.id));
    const r = await client.callTool({ name: 'findLeads', arguments: { industry: ['Fintech'] } });
    expect(r.isError).toBe(false);
    const structured = r.structuredContent as { outcome: string; cards: { type: string; leads?: { fullName: string }[] }[] };
    expect(structured.outcome).toBe('ok');
    const list = structured.cards.find((card) => card.type === 'lead_list');
    expect(list?.leads?.map((l) => l.fullName).sort()).toEqual(['Jane Doe', 'Max Muster']);
    expect(textOf(r)).toContain(org.leads['Jane Doe']!);
    // Carol's lead (another team) never reaches Alice.
    const other = await client.callTool({ name: 'findLeads', arguments: { query: 'Cartly' } });
    expect(JSON.stringify(other.structuredContent)).not.toContain('Tom Berg');
    const audit = await c.db.prisma.auditEntry.findFirst({ where: { actorId: org.alice.id, name: 'findLeads' }, orderBy: { seq: 'desc' } });
    expect(audit?.platform).toBe('mcp');
    await client.close();
  });

  it('a write is refused until the user confirms it, then runs once', async () => {
    const client = await connect(await tokenFor(org.alice.id));
    const pending = await client.callTool({ name: 'updateLead', arguments: { lead: 'Max Muster', status: 'contacted' } });
    const data = pending.structuredContent as { outcome: string; data: { pendingActionId: string } };
    expect(data.outcome).toBe('pending_confirmation');
    expect((await c.db.prisma.lead.findUniqueOrThrow({ where: { id: org.leads['Max Muster']! } })).status).toBe('new');

    const bad = await client.callTool({ name: 'confirmAction', arguments: { actionId: 'not-an-id', decision: 'confirm' } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toContain('Invalid input for confirmAction');

    const done = await client.callTool({ name: 'confirmAction', arguments: { actionId: data.data.pendingActionId, decision: 'confirm' } });
    expect(done.isError).toBe(false);
    expect((await c.db.prisma.lead.findUniqueOrThrow({ where: { id: org.leads['Max Muster']! } })).status).toBe('contacted');

    const again = await client.callTool({ name: 'confirmAction', arguments: { actionId: data.data.pendingActionId, decision: 'confirm' } });
    expect(again.isError).toBe(true);
    expect(textOf(again)).toContain('will not run twice');

    // Someone else cannot confirm Alice's pending write.
    const next = await client.callTool({ name: 'updateLead', arguments: { lead: 'Jane Doe', status: 'replied' } });
    const id = (next.structuredContent as { data: { pendingActionId: string } }).data.pendingActionId;
    const bob = await connect(await tokenFor(org.bob.id));
    const foreign = await bob.callTool({ name: 'confirmAction', arguments: { actionId: id, decision: 'confirm' } });
    expect(foreign.isError).toBe(true);
    expect((await c.db.prisma.lead.findUniqueOrThrow({ where: { id: org.leads['Jane Doe']! } })).status).toBe('new');
    const cancelled = await client.callTool({ name: 'confirmAction', arguments: { actionId: id, decision: 'cancel' } });
    expect(cancelled.isError).toBe(false);
    expect(textOf(cancelled)).toContain('Cancelled');
    await client.close();
    await bob.close();
  });

  it('answers 401 for a missing, malformed, unknown, revoked or expired token, and a deactivated user', async () => {
    const post = (token?: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
    const revoked = await tokens.create({ userId: org.alice.id, name: 'old laptop', readOnly: false });
    await tokens.revoke(revoked.row.id);
    // A one-day token, checked two days later.
    const expired = await tokens.create({ userId: org.alice.id, name: 'expired', readOnly: false, expiresInDays: 1 });
    now = new Date(now.getTime() + 2 * 86_400_000);
    const inactiveUser = await c.db.prisma.user.create({ data: { email: 'gone@test.io', name: 'Gone', role: 'rep', timeZone: 'UTC', active: false } });
    const inactive = await tokenFor(inactiveUser.id);
    const cases: [string | undefined, string][] = [
      [undefined, 'Authorization: Bearer'],
      ['hunter2', 'not a SalesOS personal access token'],
      [`sos_pat_${'A'.repeat(43)}`, 'not known'],
      [revoked.token, 'revoked'],
      [expired.token, 'expired'],
      [inactive, 'deactivated'],
    ];
    for (const [token, message] of cases) {
      const res = await post(token);
      expect(res.status, message).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="salesos"/);
      expect(JSON.stringify(await res.json())).toContain(message);
    }
    // The SDK's client sees the refusal as an error, not as an empty tool list.
    await expect(connect(revoked.token)).rejects.toThrow();
    expect((await post(await tokenFor(org.alice.id))).status).toBe(200);
  });
});

describe('MCP over stdio (salesos mcp)', () => {
  it('serves the user’s tools to a local client and runs them', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp', '--as', 'alice@test.io'],
      cwd: ROOT,
      env: childEnv({ DATABASE_URL: c.db.url, SALESOS_SEED_DEMO: 'false', LOG_LEVEL: 'warn' }) as Record<string, string>,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'salesos-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('findLeads');
      expect(names).not.toContain('setDigestSchedule');
      const r = await client.callTool({ name: 'getLead', arguments: { lead: 'Jane Doe' } });
      expect(r.isError).toBe(false);
      expect(textOf(r)).toContain('Jane Doe');
    } finally {
      await client.close();
    }
  });
});
