import { describe, expect, it } from 'vitest';
import { buildInstructions } from '../../../core/agent/instructions.ts';
import { ALL_TOOLS, toolsFor } from '../../../tools/registry.ts';

const actor = { id: 'u1', email: 'jane@salesos.demo', name: 'Jane Rep', role: 'rep' as const, timeZone: 'Europe/Berlin' };

describe('instructions', () => {
  const text = buildInstructions({
    actor,
    now: new Date('2026-11-25T23:30:00Z'),
    capabilities: toolsFor('rep').map((t) => ({ name: t.name, line: t.capability })),
    platform: 'slack',
  });

  it("state today's date in the rep's time zone", () => {
    // 23:30 UTC is already Thursday in Berlin.
    expect(text).toContain('Today is Thursday, 26 November 2026 (Europe/Berlin).');
  });

  it('name the rep, their email and role, and the platform', () => {
    expect(text).toContain('Jane Rep <jane@salesos.demo>, whose role is rep');
    expect(text).toContain('inside Slack');
  });

  it('list exactly the tools offered, with what each does', () => {
    for (const t of toolsFor('rep')) expect(text).toContain(`- ${t.name}:`);
    const notOffered = ALL_TOOLS.map((t) => t.name).filter((n) => !toolsFor('rep').some((t) => t.name === n));
    for (const n of notOffered) expect(text).not.toContain(`- ${n}:`);
  });

  it('take each line from the tool itself: every tool defines its name, description, status text and prompt line', () => {
    for (const t of ALL_TOOLS) {
      for (const facet of ['name', 'description', 'statusText', 'capability'] as const) expect(t[facet].trim().length, `${t.name}.${facet}`).toBeGreaterThan(3);
      expect(t.permission, t.name).toBeTruthy();
    }
    expect(new Set(ALL_TOOLS.map((t) => t.name)).size).toBe(ALL_TOOLS.length);
    // Every role's prompt carries the line of each tool it is offered, as the tool wrote it.
    for (const role of ['rep', 'manager', 'admin'] as const) {
      const offered = toolsFor(role);
      const prompt = buildInstructions({
        actor: { ...actor, role },
        now: new Date('2026-11-25T12:00:00Z'),
        capabilities: offered.map((t) => ({ name: t.name, line: t.capability })),
        platform: 'teams',
      });
      for (const t of offered) expect(prompt).toContain(`- ${t.name}: ${t.capability}`);
    }
  });

  it('forbid inventing data and explain references and confirmations', () => {
    expect(text).toContain('never invent leads');
    expect(text).toContain('the second one');
    expect(text).toContain('confirmation');
  });
});
