import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createEnricher, diffLead } from '../../../core/enrichment/enricher.ts';
import { DependencyError } from '../../../core/errors.ts';
import { createLogger } from '../../../core/log.ts';
import { startFakeEnrichmentAgent, type FakeEnrichmentAgent } from '../../support/fake-enrichment-agent.ts';

const quiet = createLogger({ stream: new Writable({ write: (_c, _e, cb) => cb() }) });
let agent: FakeEnrichmentAgent;

beforeAll(async () => {
  agent = await startFakeEnrichmentAgent({ token: 'tok-abcdef123' });
});
afterAll(async () => {
  await agent.close();
});
beforeEach(async () => {
  await agent.setMode('normal');
  agent.requests.length = 0;
});

const withAgent = () =>
  createEnricher(
    { url: agent.url, token: 'tok-abcdef123', timeoutMs: 1_000, freshDays: 30, maxCostUsd: 0.1 },
    { logger: quiet, backoff: { baseMs: 5, maxMs: 20 } },
  );

describe('createEnricher', () => {
  it('uses the builtin enricher alone when no agent URL is configured', async () => {
    const enricher = createEnricher({ timeoutMs: 1_000, freshDays: 30, maxCostUsd: 0.1 });
    expect(enricher.kind).toBe('builtin');
    const r = await enricher.enrich({ email: 'jane.doe@acme.de' });
    expect(r.source).toBe('builtin');
    expect(r.costUsd).toBe(0);
    expect(r.fields).toMatchObject({ company: 'Acme', country: 'Germany', fullName: 'Jane Doe' });
    expect(r.fieldSources.company).toBe('builtin');
  });

  it('lets builtin fill only what the agent left empty, never overwriting the agent', async () => {
    await agent.setMode('normal', { lead: { country: undefined, company: 'Acme Robotics GmbH' }, costUsd: 0.05 });
    const enricher = withAgent();
    expect(enricher.kind).toBe('agent');
    const r = await enricher.enrich({ email: 'jane.doe@acme.de', title: 'VP Sales' });
    expect(r).toMatchObject({ source: 'agent', costUsd: 0.05 });
    expect(r.fields.company).toBe('Acme Robotics GmbH');
    expect(r.fieldSources.company).toBe('agent');
    expect(r.fields.country).toBe('Germany');
    expect(r.fieldSources.country).toBe('builtin');
    expect(r.sources).toEqual(['fake-agent:people-db', 'builtin']);
    expect(agent.requests).toHaveLength(1);
  });

  it('derives first and last name from the full name the agent found', async () => {
    await agent.setMode('normal', { lead: { fullName: 'Jane Q. Doe', firstName: undefined, lastName: undefined } });
    const r = await withAgent().enrich({ email: 'jdoe@acme.de' });
    expect(r.fields).toMatchObject({ fullName: 'Jane Q. Doe', firstName: 'Jane', lastName: 'Doe' });
    expect(r.fieldSources.firstName).toBe('builtin');
  });

  it('still fills builtin values when the agent has no data on the person', async () => {
    await agent.setMode('404');
    const r = await withAgent().enrich({ email: 'jane.doe@acme.fr' });
    expect(r.found).toBe(false);
    expect(r.fields).toMatchObject({ companyDomain: 'acme.fr', country: 'France' });
    expect(r.notes[0]).toBe('The enrichment agent has no data on this person.');
  });

  it('fails with the agent error instead of quietly falling back when the agent is down', async () => {
    await agent.setMode('down');
    await expect(withAgent().enrich({ email: 'jane.doe@acme.fr' })).rejects.toBeInstanceOf(DependencyError);
  });

  it('passes flags for free-mail, disposable and role addresses through', async () => {
    const r = await createEnricher({ timeoutMs: 1_000, freshDays: 30, maxCostUsd: 0.1 }).enrich({ email: 'info@gmail.com' });
    expect(r.flags).toEqual({ freeMail: true, disposable: false, roleAddress: true });
  });
});

describe('diffLead', () => {
  it('records empty -> value with before as null', () => {
    expect(diffLead({ email: 'a@b.co', title: null, company: '' }, { title: 'CTO', company: 'Acme' })).toEqual({
      title: { before: null, after: 'CTO' },
      company: { before: null, after: 'Acme' },
    });
  });

  it('records value -> different value', () => {
    expect(diffLead({ email: 'a@b.co', companySize: 50 }, { companySize: 120 })).toEqual({ companySize: { before: 50, after: 120 } });
  });

  it('skips values that are unchanged', () => {
    expect(diffLead({ email: 'a@b.co', title: 'CTO', seniority: 'c_level' }, { title: 'CTO', seniority: 'c_level' })).toEqual({});
  });

  it('never records an empty after as a change', () => {
    expect(diffLead({ email: 'a@b.co', city: 'Berlin', techStack: ['Slack'] }, { techStack: [] })).toEqual({});
  });

  it('compares arrays as sets', () => {
    expect(diffLead({ email: 'a@b.co', techStack: ['Slack', 'HubSpot'] }, { techStack: ['HubSpot', 'Slack', 'Slack'] })).toEqual({});
    expect(diffLead({ email: 'a@b.co', techStack: ['Slack'] }, { techStack: ['Slack', 'HubSpot'] })).toEqual({
      techStack: { before: ['Slack'], after: ['Slack', 'HubSpot'] },
    });
  });
});
