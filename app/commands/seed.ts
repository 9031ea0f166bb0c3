import { ValidationError } from '../../core/errors.ts';
import { parseOptions, type Command } from './command.ts';

export const seedCommand: Command = {
  name: 'seed',
  usage: 'seed [--seed <n>] [--leads <n>] [--force]',
  summary: 'Fill the database with the demo organisation (deterministic for a given --seed).',
  async run(argv) {
    const { values } = parseOptions(argv, { seed: { type: 'string' }, leads: { type: 'string' }, force: { type: 'boolean' } });
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    const leads = values.leads === undefined ? undefined : Number(values.leads);
    if (seed !== undefined && !Number.isInteger(seed)) throw new ValidationError(`--seed must be a whole number (got "${values.seed}").`);
    if (leads !== undefined && !(Number.isInteger(leads) && leads >= 0 && leads <= 1_000_000))
      throw new ValidationError(`--leads must be a whole number from 0 to 1000000 (got "${values.leads}").`);
    const [{ seedDemoOrganisation }, { DemoRepository }, { loadRuntimeConfig, openRuntime }] = await Promise.all([
      import('../../core/demo/seed.ts'),
      import('../../core/db/demo-repository.ts'),
      import('../runtime.ts'),
    ]);
    const runtime = await openRuntime(loadRuntimeConfig());
    try {
      const result = await seedDemoOrganisation(new DemoRepository(runtime.db.prisma), { seed, leads, force: values.force });
      const c = result.counts;
      process.stdout.write(
        `${result.cleared ? 'Cleared the database and seeded' : 'Seeded'} the demo organisation in ${Math.round(result.ms)} ms: ` +
          `${c.users} users in ${c.teams} teams, ${c.leads} leads, ${c.activities} activities, ${c.enrichments} enrichments.\n` +
          'Sign in as the demo rep with `salesos chat` (demo@salesos.demo); list everyone with `salesos users`.\n',
      );
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
