// The demo organisation SalesOS ships with (`salesos seed`): staff, ~2,000 leads and their history.
// Deterministic: the same seed and `now` give deep-equal data, because every random draw comes from one
// seeded Faker instance and every date is computed from `now`.
import { Faker, base, en } from '@faker-js/faker';
import { ValidationError } from '../errors.ts';
import { generateHistory } from './history.ts';
import { generateLeads } from './leads.ts';
import { DEMO_OFFER } from './offer.ts';
import { SHOWCASE_EMAILS, showcaseLeads } from './showcase.ts';
import { DEMO_DOMAIN, generateStaff } from './staff.ts';
import type { DemoOrganisation } from './types.ts';

export interface DemoOptions {
  seed?: number;
  leads?: number;
  /** The instant the demo's history ends; required so generation never reads the clock. */
  now: Date;
}

export const DEFAULT_DEMO_SEED = 42;
export const DEFAULT_DEMO_LEADS = 2000;
export const MAX_DEMO_LEADS = 1_000_000;

export function generateDemoOrganisation(opts: DemoOptions): DemoOrganisation {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const count = opts.leads ?? DEFAULT_DEMO_LEADS;
  if (!Number.isInteger(seed) || seed < 0) throw new ValidationError(`The demo seed must be a whole number ≥ 0, not ${seed}.`);
  if (!Number.isInteger(count) || count < 0 || count > MAX_DEMO_LEADS) {
    throw new ValidationError(`The number of demo leads must be a whole number from 0 to 1,000,000, not ${count}.`);
  }
  if (!(opts.now instanceof Date) || Number.isNaN(opts.now.getTime())) throw new ValidationError('The demo needs a valid `now` date.');

  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  const now = new Date(opts.now.getTime());
  const staff = generateStaff(faker);
  // The showcase leads take the first places so the README's examples find something for the demo rep.
  const showcase = count >= 100 ? showcaseLeads({ seed, ownerId: staff.reps[0]!.id, now }) : [];
  const taken = new Set(SHOWCASE_EMAILS);
  const generated = generateLeads(faker, { count: count - showcase.length, reps: staff.reps, now }).filter((l) => !taken.has(l.email));
  const leads = [...showcase, ...generated];
  const { activities, enrichments } = generateHistory(faker, leads, now);

  return {
    seed,
    now,
    domain: DEMO_DOMAIN,
    users: staff.users,
    teams: staff.teams,
    identities: staff.identities,
    digestPreferences: staff.digestPreferences,
    leads,
    activities,
    enrichments,
    offer: { ...DEMO_OFFER, proofPoints: [...DEMO_OFFER.proofPoints] },
  };
}

export { DEMO_DOMAIN, DEMO_REP_EMAIL, DEMO_DIGEST_CRON } from './staff.ts';
export type * from './types.ts';
