// What happened to the demo leads before today: status changes and notes by their owners, and a few
// enrichments. Lead timestamps (lastActivityAt, enrichedAt, updatedAt) are brought in line with it.
import type { Faker } from '@faker-js/faker';
import type { LeadStatus } from '../leads/filter.ts';
import { NOTES } from './vocabulary.ts';
import type { DemoActivity, DemoEnrichment, DemoLead } from './types.ts';

// The steps a lead took to reach its current status.
const PATHS: Record<LeadStatus, LeadStatus[]> = {
  new: [],
  contacted: ['contacted'],
  replied: ['contacted', 'replied'],
  qualified: ['contacted', 'replied', 'qualified'],
  disqualified: ['contacted', 'disqualified'],
  customer: ['contacted', 'replied', 'qualified', 'customer'],
};

const ENRICHMENT_SHARE = 0.05;
const NOTE_SHARE = 0.35;

export function generateHistory(faker: Faker, leads: DemoLead[], now: Date): { activities: DemoActivity[]; enrichments: DemoEnrichment[] } {
  const activities: DemoActivity[] = [];
  const enrichments: DemoEnrichment[] = [];

  for (const lead of leads) {
    const steps = PATHS[lead.status];
    const events = steps.length + (steps.length && faker.datatype.boolean(NOTE_SHARE) ? 1 : 0);
    const times = sortedTimes(faker, lead.createdAt, now, events);
    let from: LeadStatus = 'new';
    steps.forEach((to, i) => {
      activities.push({
        id: faker.string.uuid(),
        leadId: lead.id,
        actorId: lead.ownerId,
        type: 'status_change',
        fromStatus: from,
        toStatus: to,
        body: null,
        createdAt: times[i]!,
      });
      from = to;
    });
    if (events > steps.length) {
      activities.push({
        id: faker.string.uuid(),
        leadId: lead.id,
        actorId: lead.ownerId,
        type: 'note',
        fromStatus: null,
        toStatus: null,
        body: faker.helpers.arrayElement(NOTES),
        createdAt: times[events - 1]!,
      });
    }
    if (times.length) lead.lastActivityAt = times[times.length - 1]!;

    if (faker.datatype.boolean(ENRICHMENT_SHARE)) {
      const at = sortedTimes(faker, lead.createdAt, now, 1)[0]!;
      const byAgent = faker.datatype.boolean(0.7);
      const keptTech = lead.techStack.slice(0, Math.max(1, lead.techStack.length - 2));
      enrichments.push({
        id: faker.string.uuid(),
        leadId: lead.id,
        actorId: lead.ownerId,
        source: byAgent ? 'agent' : 'builtin',
        changes: {
          companySize: { before: null, after: lead.companySize },
          techStack: { before: keptTech, after: lead.techStack },
          ...(byAgent ? { linkedinUrl: { before: null, after: lead.linkedinUrl } } : {}),
        },
        costUsd: byAgent ? '0.004000' : '0.000000',
        createdAt: at,
      });
      lead.enrichedAt = at;
    }
    const last = Math.max(lead.createdAt.getTime(), lead.lastActivityAt?.getTime() ?? 0, lead.enrichedAt?.getTime() ?? 0);
    lead.updatedAt = new Date(last);
  }
  return { activities, enrichments };
}

/** `n` increasing instants between `from` and `to`, at whole milliseconds. */
function sortedTimes(faker: Faker, from: Date, to: Date, n: number): Date[] {
  const span = Math.max(0, to.getTime() - from.getTime());
  return Array.from({ length: n }, () => faker.number.int({ min: 0, max: span }))
    .sort((a, b) => a - b)
    .map((offset) => new Date(from.getTime() + offset));
}
