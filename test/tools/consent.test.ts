// Consent for every write, by construction: a tool whose permission writes cannot be defined without a
// confirmation step, and no write tool changes anything until its confirmation is claimed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Actor } from '../../core/agent/types.ts';
import { isWritePermission, WRITE_PERMISSIONS } from '../../core/rbac.ts';
import { ALL_TOOLS } from '../../tools/registry.ts';
import { runTool } from '../../assistant/run-tool.ts';
import { defineTool, needsConfirmation, type SalesTool, type ToolContext } from '../../tools/tool.ts';
import { createTestContainer, toolContextFor, type TestContainer } from '../support/container.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';

let c: TestContainer;
let org: TestOrg;

beforeAll(async () => {
  c = await createTestContainer();
  org = await createTestOrg(c.db.prisma);
});
afterAll(async () => c?.db.drop());

const ctxFor = (actor: Actor) => toolContextFor(c, actor);

/** A valid input for every write tool; a new write tool without one here fails the walk below. */
const WRITE_SAMPLES: Record<string, unknown> = {
  updateLead: { lead: 'Jane Doe', status: 'customer', note: 'Signed' },
  setDigestSchedule: { enabled: false },
  setOffer: { level: 'team', product: 'Onboardly' },
  rescoreLeads: { goal: 'replied' },
};

/** Everything a write tool could change, to compare before and after. */
async function snapshot(): Promise<string> {
  const [leads, activities, prefs, offers] = await Promise.all([
    c.db.prisma.lead.findMany({ select: { id: true, status: true }, orderBy: { id: 'asc' } }),
    c.db.prisma.leadActivity.count(),
    c.db.prisma.digestPreference.findMany({ orderBy: { userId: 'asc' } }),
    c.db.prisma.offerProfile.findMany({ orderBy: { scopeKey: 'asc' } }),
  ]);
  return JSON.stringify({ leads, activities, prefs, offers });
}

describe('every tool', () => {
  it('that writes has a confirmation step, and only those are held for one', () => {
    const writers = ALL_TOOLS.filter((t) => isWritePermission(t.permission)).map((t) => t.name);
    expect(writers.sort()).toEqual(['rescoreLeads', 'setDigestSchedule', 'setOffer', 'updateLead']);
    for (const t of ALL_TOOLS) {
      expect(needsConfirmation(t)).toBe(isWritePermission(t.permission));
      if (needsConfirmation(t)) expect(typeof t.confirm, t.name).toBe('function');
    }
    expect([...WRITE_PERMISSIONS].sort()).toEqual(['digest:manage', 'leads:rescore', 'leads:write', 'offer:manage']);
  });

  it('that writes changes nothing until confirmed, and asks with a card', async () => {
    const manager = await ctxFor(org.manager);
    for (const t of ALL_TOOLS.filter(needsConfirmation)) {
      expect(WRITE_SAMPLES, `a sample input for ${t.name}`).toHaveProperty(t.name);
      const before = await snapshot();
      const out = await runTool(t, WRITE_SAMPLES[t.name], manager);
      expect(out.outcome, t.name).toBe('pending_confirmation');
      expect(out.cards?.[0]).toMatchObject({ type: 'confirmation', tool: t.name, state: 'pending' });
      expect(await snapshot()).toBe(before);
    }
  });
});

describe('a write tool without a confirmation step', () => {
  const rogue = {
    name: 'wipeLead',
    description: 'x',
    inputSchema: z.object({}),
    permission: 'leads:write',
    statusText: 'x',
    capability: 'wipe a lead',
    redactInAudit: [],
    execute: async () => ({ summary: 'wiped' }),
  };

  it('cannot be defined', () => {
    // @ts-expect-error — the type already refuses a write tool without confirm.
    expect(() => defineTool(rogue)).toThrow(/wipeLead writes \(leads:write\) and must define a confirmation step/);
  });

  it('is refused by the middleware even when it slips past defineTool', async () => {
    const out = await runTool(rogue as unknown as SalesTool, {}, await ctxFor(org.alice));
    expect(out).toMatchObject({ ok: false, outcome: 'denied' });
    expect(out.summary).toMatch(/no confirmation step/);
  });
});

describe('setDigestSchedule', () => {
  it('pauses only after the manager confirms', async () => {
    const ctx = await ctxFor(org.manager);
    const asked = await runTool(ALL_TOOLS.find((t) => t.name === 'setDigestSchedule')!, { enabled: false }, ctx);
    expect(asked.summary).toMatch(/Pause your team digest/);
    expect(await c.db.prisma.digestPreference.findUnique({ where: { userId: org.manager.id } })).toBeNull();
    const claimed = await c.guards.confirmations.claim(asked.data!.pendingActionId as string, org.manager);
    const done = await runTool(ALL_TOOLS.find((t) => t.name === 'setDigestSchedule')!, claimed.input, ctx, { confirmed: true });
    expect(done.outcome).toBe('ok');
    expect((await c.db.prisma.digestPreference.findUniqueOrThrow({ where: { userId: org.manager.id } })).enabled).toBe(false);
  });
});
