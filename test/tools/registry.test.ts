// A tool is defined in one place: its file carries every facet, the registry lists it once, and the
// prompt's lines, each role's tool set, the audit redaction and the names core uses all follow from that.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildInstructions } from '../../core/agent/instructions.ts';
import { EMAIL_BODY_FIELDS } from '../../core/audit/redact-input.ts';
import { OFFLINE_TOOL_NAMES } from '../../core/models/offline/intent.ts';
import { PERMISSIONS, isWritePermission } from '../../core/rbac.ts';
import { ALL_TOOLS, TOOL_NAMES, capabilitiesOf, isToolName, toolNamed, toolsFor, toolsForActor } from '../../tools/registry.ts';
import { defineTool, type SalesTool } from '../../tools/tool.ts';
import { ROOT } from '../support/cli.ts';

const isTool = (v: unknown): v is SalesTool =>
  typeof v === 'object' && v !== null && typeof (v as SalesTool).execute === 'function' && 'inputSchema' in v && 'permission' in v;

/** Every tool exported by a file in tools/, whether or not the registry lists it. */
async function definedTools(): Promise<{ file: string; tool: SalesTool }[]> {
  const dir = path.join(ROOT, 'tools');
  const found: { file: string; tool: SalesTool }[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const mod: Record<string, unknown> = await import(path.join(dir, file));
    for (const value of Object.values(mod)) if (isTool(value)) found.push({ file, tool: value });
  }
  return found;
}

describe('the tool registry', () => {
  it('lists every tool defined in tools/ exactly once, each in a file of its own', async () => {
    const defined = await definedTools();
    expect(defined.length).toBeGreaterThanOrEqual(13);
    const unlisted = defined.filter(({ tool }) => !ALL_TOOLS.some((t) => t === tool)).map(({ file, tool }) => `${file}: ${tool.name}`);
    expect(unlisted, 'a tool missing from ALL_TOOLS in tools/registry.ts').toEqual([]);
    expect(new Set(defined.map(({ file }) => file)).size).toBe(defined.length);
    expect(new Set(TOOL_NAMES).size).toBe(ALL_TOOLS.length);
    expect(TOOL_NAMES).toEqual(ALL_TOOLS.map((t) => t.name));
  });

  it('looks names from outside up, and knows no other', () => {
    expect(toolNamed('roastEmail')?.name).toBe('roastEmail');
    expect(toolNamed('roastemail')).toBeUndefined();
    expect(toolNamed('__proto__')).toBeUndefined();
    expect(isToolName('findLeads')).toBe(true);
    expect(isToolName('deleteAllLeads')).toBe(false);
  });

  it('agrees with the tool names written in core: the offline model calls only registered tools', () => {
    expect(OFFLINE_TOOL_NAMES.filter((n) => !isToolName(n))).toEqual([]);
  });
});

describe('every registered tool', () => {
  it('has each facet: name, description, zod input, permission, status text, prompt line, audit redaction', () => {
    for (const t of ALL_TOOLS) {
      expect(t.name).toMatch(/^[a-z][A-Za-z0-9]+$/);
      for (const facet of ['description', 'statusText', 'capability'] as const) expect(t[facet].trim().length, `${t.name}.${facet}`).toBeGreaterThan(3);
      expect(t.inputSchema, t.name).toBeInstanceOf(z.ZodType);
      expect(PERMISSIONS, t.name).toContain(t.permission);
      expect(Array.isArray(t.redactInAudit), t.name).toBe(true);
      if (isWritePermission(t.permission)) expect(typeof t.confirm, t.name).toBe('function');
    }
  });

  it('that takes an email’s text redacts it in the audit trail', () => {
    const bodyFields = new Set(EMAIL_BODY_FIELDS.map((f) => f.toLowerCase()));
    for (const t of ALL_TOOLS) {
      const fields = Object.keys((z.toJSONSchema(t.inputSchema, { io: 'input', unrepresentable: 'any' }) as { properties?: object }).properties ?? {});
      const redacted = new Set(t.redactInAudit.map((f) => f.toLowerCase()));
      // A lead reference may be an email address, which the trail keeps; a body under that name is still redacted.
      const exposed = fields.filter((f) => bodyFields.has(f.toLowerCase()) && !redacted.has(f.toLowerCase()));
      expect(exposed, t.name).toEqual([]);
    }
    expect(toolNamed('roastEmail')!.redactInAudit).toContain('body');
    expect(toolNamed('findLeads')!.redactInAudit).toEqual([]);
  });

  it('is offered to some role, and every permission has a tool', () => {
    for (const t of ALL_TOOLS)
      expect(
        ['rep', 'manager', 'admin'].some((r) => toolsFor(r as 'rep').includes(t)),
        t.name,
      ).toBe(true);
    expect(PERMISSIONS.filter((p) => !ALL_TOOLS.some((t) => t.permission === p))).toEqual([]);
  });
});

describe('what the registry derives', () => {
  it('each role’s tool set, from the tools’ permissions', () => {
    const names = (tools: SalesTool[]) => tools.map((t) => t.name);
    const managerPermissions: string[] = ['digest:manage', 'offer:manage', 'leads:rescore'];
    expect(names(toolsFor('rep'))).toEqual(ALL_TOOLS.filter((t) => !managerPermissions.includes(t.permission)).map((t) => t.name));
    expect(names(toolsFor('rep'))).not.toContain('setDigestSchedule');
    expect(names(toolsFor('rep'))).toEqual(expect.arrayContaining(['findLeads', 'updateLead', 'enrichLead', 'roastEmail', 'myUsage']));
    expect(names(toolsFor('manager'))).toEqual(TOOL_NAMES);
    expect(names(toolsFor('admin'))).toEqual(TOOL_NAMES);
    // Read-only: nothing that changes data, enrichment included; everything that only reads.
    const readOnly = names(toolsForActor({ role: 'admin', readOnly: true }));
    expect(readOnly).toEqual(ALL_TOOLS.filter((t) => !isWritePermission(t.permission) && t.permission !== 'leads:enrich').map((t) => t.name));
    expect(readOnly).toEqual(expect.arrayContaining(['findLeads', 'getLead', 'roastEmail', 'showOffer']));
    for (const n of ['updateLead', 'enrichLead', 'setOffer', 'setDigestSchedule', 'rescoreLeads']) expect(readOnly).not.toContain(n);
  });

  it('the prompt’s capability list: each offered tool with its own line, none other', () => {
    const offered = toolsFor('rep');
    const prompt = buildInstructions({
      actor: { id: 'u1', email: 'jo@salesos.demo', name: 'Jo Rep', role: 'rep', timeZone: 'UTC' },
      now: new Date('2026-11-25T12:00:00Z'),
      capabilities: Object.entries(capabilitiesOf(offered)).map(([name, line]) => ({ name, line })),
      platform: 'console',
    });
    for (const t of offered) expect(prompt).toContain(`- ${t.name}: ${t.capability}`);
    for (const t of ALL_TOOLS.filter((t) => !offered.includes(t))) expect(prompt).not.toContain(`- ${t.name}:`);
  });
});

describe('a tool missing a facet', () => {
  const complete = {
    name: 'pingLead',
    description: 'Ping a lead.',
    inputSchema: z.object({}),
    permission: 'leads:read',
    statusText: 'Pinging…',
    capability: 'ping a lead',
    redactInAudit: [],
    execute: async () => ({ summary: 'pinged' }),
  } as const;

  it('is accepted when complete', () => {
    expect(defineTool({ ...complete, redactInAudit: [] }).name).toBe('pingLead');
  });

  for (const facet of ['description', 'statusText', 'capability', 'inputSchema', 'permission', 'redactInAudit', 'execute'] as const) {
    it(`cannot be defined without ${facet}`, () => {
      const { [facet]: _dropped, ...rest } = complete;
      expect(() => defineTool(rest as unknown as Parameters<typeof defineTool>[0])).toThrow(new RegExp(facet));
    });
  }

  it('cannot be defined with a name that is not camelCase or a permission that does not exist', () => {
    expect(() => defineTool({ ...complete, redactInAudit: [], name: 'ping lead' })).toThrow(/camelCase/);
    expect(() => defineTool({ ...complete, redactInAudit: [], permission: 'leads:delete' as 'leads:read' })).toThrow(/permission/);
  });
});
