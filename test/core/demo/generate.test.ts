import { describe, expect, it } from 'vitest';
import { DEMO_REP_EMAIL, generateDemoOrganisation } from '../../../core/demo/generate.ts';
import { demoFit } from '../../../core/demo/fit.ts';
import { canonicalCity, canonicalCountry, canonicalIndustry, canonicalTech, seniorityFromTitle } from '../../../core/leads/catalog.ts';
import { leadInputSchema } from '../../../core/leads/lead-input.ts';
import { FREE_MAIL_DOMAINS } from '../../../core/demo/vocabulary.ts';
import { ValidationError } from '../../../core/errors.ts';

const now = new Date('2026-11-25T09:00:00.000Z');
const org = generateDemoOrganisation({ seed: 42, now });
const DAY = 86_400_000;

describe('generateDemoOrganisation: determinism', () => {
  it('gives deep-equal data for the same seed and now', () => {
    expect(generateDemoOrganisation({ seed: 42, now })).toEqual(org);
  });

  it('gives different data for a different seed', () => {
    const other = generateDemoOrganisation({ seed: 7, now });
    expect(other.leads.map((l) => l.email)).not.toEqual(org.leads.map((l) => l.email));
    expect(other.users.map((u) => u.name)).not.toEqual(org.users.map((u) => u.name));
  });

  it('does not read the clock: dates follow `now`', () => {
    const later = generateDemoOrganisation({ seed: 42, now: new Date(now.getTime() + DAY) });
    expect(later.leads[0]!.createdAt.getTime()).toBeGreaterThan(org.leads[0]!.createdAt.getTime());
    expect(later.leads.map((l) => l.email)).toEqual(org.leads.map((l) => l.email));
  });

  it('rejects a lead count out of range with a ValidationError', () => {
    expect(() => generateDemoOrganisation({ now, leads: -1 })).toThrow(ValidationError);
  });
});

describe('generateDemoOrganisation: staff', () => {
  it('has one admin, two managers in distinct time zones and teams of 3-4 reps', () => {
    const byRole = (r: string) => org.users.filter((u) => u.role === r);
    expect(byRole('admin')).toHaveLength(1);
    const managers = byRole('manager');
    expect(managers).toHaveLength(2);
    expect(new Set(managers.map((m) => m.timeZone)).size).toBe(2);
    expect(org.teams).toHaveLength(2);
    for (const team of org.teams) {
      expect(managers.map((m) => m.id)).toContain(team.managerId);
      const reps = org.users.filter((u) => u.role === 'rep' && u.teamId === team.id);
      expect(reps.length).toBeGreaterThanOrEqual(3);
      expect(reps.length).toBeLessThanOrEqual(4);
    }
  });

  it('makes the first rep the demo account and gives every user a demo-domain email', () => {
    expect(org.users.find((u) => u.role === 'rep')!.email).toBe(DEMO_REP_EMAIL);
    expect(org.users.every((u) => u.email.endsWith('@salesos.demo'))).toBe(true);
    expect(new Set(org.users.map((u) => u.email)).size).toBe(org.users.length);
  });

  it('gives every user a console identity and each manager a weekday 08:30 daily digest', () => {
    expect(org.identities.map((i) => i.userId).sort()).toEqual(org.users.map((u) => u.id).sort());
    expect(org.identities.every((i) => i.platform === 'console')).toBe(true);
    const managers = org.users.filter((u) => u.role === 'manager').map((u) => u.id);
    expect(org.digestPreferences.map((d) => d.userId).sort()).toEqual(managers.sort());
    expect(org.digestPreferences.every((d) => d.cadence === 'daily' && d.cron === '30 8 * * 1-5')).toBe(true);
  });
});

describe('generateDemoOrganisation: leads', () => {
  it('creates 2,000 leads with unique emails by default', () => {
    expect(org.leads).toHaveLength(2000);
    expect(new Set(org.leads.map((l) => l.email)).size).toBe(2000);
  });

  it('gives every rep leads and leaves about 15% unassigned', () => {
    for (const rep of org.users.filter((u) => u.role === 'rep')) {
      expect(org.leads.filter((l) => l.ownerId === rep.id).length).toBeGreaterThan(100);
    }
    const unassigned = org.leads.filter((l) => l.ownerId === null).length / org.leads.length;
    expect(unassigned).toBeGreaterThan(0.1);
    expect(unassigned).toBeLessThan(0.2);
    const userIds = new Set(org.users.map((u) => u.id));
    expect(org.leads.every((l) => l.ownerId === null || userIds.has(l.ownerId))).toBe(true);
  });

  it("puts each lead's email on its company domain, except a few free-mail addresses", () => {
    const free = org.leads.filter((l) => FREE_MAIL_DOMAINS.includes(l.email.split('@')[1]!));
    expect(free.length).toBeGreaterThan(0);
    expect(free.length).toBeLessThan(org.leads.length * 0.1);
    for (const lead of org.leads) {
      if (!free.includes(lead)) expect(lead.email.split('@')[1]).toBe(lead.companyDomain);
    }
  });

  it('uses only canonical catalog values, with each city in its country', () => {
    for (const l of org.leads) {
      expect(canonicalIndustry(l.industry)).toBe(l.industry);
      expect(canonicalCountry(l.country)).toBe(l.country);
      expect(canonicalCity(l.city)).toEqual({ city: l.city, country: l.country });
      expect(l.techStack.length).toBeGreaterThanOrEqual(2);
      expect(l.techStack.length).toBeLessThanOrEqual(8);
      for (const t of l.techStack) expect(canonicalTech(t)).toBe(t);
    }
  });

  it('gives titles consistent with seniority', () => {
    for (const l of org.leads) expect(seniorityFromTitle(l.title), l.title).toBe(l.seniority);
  });

  it('passes the lead input schema unchanged', () => {
    for (const l of org.leads.slice(0, 300)) {
      const { id, enrichedAt, lastActivityAt, createdAt, updatedAt, ...input } = l;
      const parsed = leadInputSchema.parse(input);
      expect(parsed.email).toBe(l.email);
      expect(parsed.companyDomain).toBe(l.companyDomain);
    }
  });

  it('skews company sizes small and spreads creation over the last 120 days', () => {
    const sizes = org.leads.map((l) => l.companySize);
    expect(sizes.filter((s) => s <= 200).length / sizes.length).toBeGreaterThan(0.6);
    expect(Math.max(...sizes)).toBeGreaterThan(5000);
    const ages = org.leads.map((l) => (now.getTime() - l.createdAt.getTime()) / DAY);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(120);
    expect(Math.max(...ages)).toBeGreaterThan(110);
  });

  it('keeps most leads new, with every other status present', () => {
    const share = (s: string) => org.leads.filter((l) => l.status === s).length / org.leads.length;
    expect(share('new')).toBeGreaterThan(0.5);
    for (const s of ['contacted', 'replied', 'qualified', 'disqualified', 'customer']) expect(share(s)).toBeGreaterThan(0);
  });

  it('correlates score with fit', () => {
    const xs = org.leads.map((l) => demoFit(l));
    const ys = org.leads.map((l) => l.score);
    expect(pearson(xs, ys)).toBeGreaterThan(0.8);
    expect(ys.every((s) => Number.isInteger(s) && s >= 0 && s <= 100)).toBe(true);
  });
});

describe('generateDemoOrganisation: history', () => {
  const leadsById = new Map(org.leads.map((l) => [l.id, l]));

  it('records the status path of every worked lead, ending at its current status', () => {
    for (const lead of org.leads.filter((l) => l.status !== 'new')) {
      const changes = org.activities.filter((a) => a.leadId === lead.id && a.type === 'status_change');
      expect(changes[0]!.fromStatus).toBe('new');
      expect(changes.at(-1)!.toStatus).toBe(lead.status);
      expect(changes.every((c) => c.actorId === lead.ownerId)).toBe(true);
    }
  });

  it('places activities between the lead creation and now, and sets lastActivityAt to the latest', () => {
    const notes = org.activities.filter((a) => a.type === 'note');
    expect(notes.length).toBeGreaterThan(50);
    for (const a of org.activities) {
      const lead = leadsById.get(a.leadId)!;
      expect(a.createdAt.getTime()).toBeGreaterThanOrEqual(lead.createdAt.getTime());
      expect(a.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(lead.lastActivityAt!.getTime()).toBeGreaterThanOrEqual(a.createdAt.getTime());
    }
  });

  it('adds a few enrichment rows, each marking its lead as enriched', () => {
    expect(org.enrichments.length).toBeGreaterThan(20);
    expect(org.enrichments.length).toBeLessThan(300);
    for (const e of org.enrichments) expect(leadsById.get(e.leadId)!.enrichedAt).toEqual(e.createdAt);
  });
});

function pearson(xs: number[], ys: number[]): number {
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let num = 0;
  let dx = 0;
  let dy = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i]! - my);
    dx += (x - mx) ** 2;
    dy += (ys[i]! - my) ** 2;
  });
  return num / Math.sqrt(dx * dy);
}
