// Seeds the demo organisation: generates it (core/demo/generate.ts) and has the repository write it,
// refusing a database that already has users unless told to empty it.
import type { DemoRepository } from '../db/demo-repository.ts';
import { log } from '../log.ts';
import type { DemoOptions } from './generate.ts';
import type { DemoOrganisation } from './types.ts';

export interface SeedOptions extends Partial<DemoOptions> {
  /** Seed a database that already has users by emptying it first (every application table). */
  force?: boolean;
  /** Rows per INSERT (default 1,000). */
  batchSize?: number;
}

export interface SeedResult {
  organisation: DemoOrganisation;
  counts: { users: number; teams: number; leads: number; activities: number; enrichments: number };
  cleared: boolean;
  ms: number;
}

export async function seedDemoOrganisation(demo: DemoRepository, opts: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  // Loaded here: the generator (faker) is needed only when seeding, not by every start that checks for it.
  const { generateDemoOrganisation } = await import('./generate.ts');
  const org = generateDemoOrganisation({ seed: opts.seed, leads: opts.leads, now: opts.now ?? new Date() });
  const { cleared } = await demo.write(org, { force: opts.force, batchSize: opts.batchSize ?? 1000 });
  const result: SeedResult = {
    organisation: org,
    counts: {
      users: org.users.length,
      teams: org.teams.length,
      leads: org.leads.length,
      activities: org.activities.length,
      enrichments: org.enrichments.length,
    },
    cleared,
    ms: Math.round(performance.now() - started),
  };
  log.info('seeded the demo organisation', { seed: org.seed, ...result.counts, cleared, ms: result.ms });
  return result;
}
