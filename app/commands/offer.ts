import type { OfferTarget } from '../../core/db/offer-profiles-repository.ts';
import { OFFER_FIELDS, type OfferField, type OfferPatch, resolveOffer } from '../../core/email/offer.ts';
import { ValidationError } from '../../core/errors.ts';
import { parseOptions, type Command } from './command.ts';

const FLAG_FIELDS: Record<string, OfferField> = {
  product: 'product',
  value: 'valueProposition',
  proof: 'proofPoints',
  customer: 'typicalCustomer',
  ask: 'preferredAsk',
};
const LABELS: Record<OfferField, string> = {
  product: 'product',
  valueProposition: 'value proposition',
  proofPoints: 'proof points',
  typicalCustomer: 'typical customer',
  preferredAsk: 'preferred ask',
};

export const offerCommand: Command = {
  name: 'offer',
  usage:
    'offer show [--team <manager email> | --user <email>] [--json] | offer set [--team <manager email> | --user <email>] ' +
    '[--product <p>] [--value <line>] [--proof <result>]… [--customer <who>] [--ask <question>] [--clear <field>]…',
  summary: 'Show or set what the reps sell (used by draftEmail): for the organisation, or overridden for a team or a user.',
  async run(argv) {
    const [sub = 'show', ...rest] = argv[0]?.startsWith('--') ? ['show', ...argv] : argv;
    if (sub !== 'show' && sub !== 'set') throw new ValidationError(`Unknown offer subcommand "${sub}". Use \`salesos offer show\` or \`salesos offer set\`.`);
    const { values } = parseOptions(rest, {
      team: { type: 'string' },
      user: { type: 'string' },
      json: { type: 'boolean' },
      product: { type: 'string' },
      value: { type: 'string' },
      proof: { type: 'string', multiple: true },
      customer: { type: 'string' },
      ask: { type: 'string' },
      clear: { type: 'string', multiple: true },
    });
    if (values.team && values.user) throw new ValidationError('Give --team or --user, not both.');
    const [{ OfferProfileRepository }, { UserRepository }, { loadRuntimeConfig, openRuntime }] = await Promise.all([
      import('../../core/db/offer-profiles-repository.ts'),
      import('../../core/db/users-repository.ts'),
      import('../runtime.ts'),
    ]);
    const runtime = await openRuntime(loadRuntimeConfig());
    try {
      const users = new UserRepository(runtime.db.prisma);
      const offers = new OfferProfileRepository(runtime.db.prisma);
      let target: OfferTarget = { level: 'organisation' };
      let label = 'the organisation';
      let effectiveUserId: string | undefined;
      if (values.user) {
        const user = await users.getByEmail(values.user);
        if (!user) throw new ValidationError(`There is no user ${values.user}.`);
        target = { level: 'user', userId: user.id };
        label = user.email;
        effectiveUserId = user.id;
      } else if (values.team) {
        const manager = await users.getByEmail(values.team);
        const team = manager && (await users.teamManagedBy(manager.id));
        if (!team) throw new ValidationError(`${values.team} is not a manager with a team.`);
        target = { level: 'team', teamId: team.id };
        label = `${team.name} (team of ${manager!.email})`;
      }

      if (sub === 'set') {
        const patch: OfferPatch = {};
        for (const [flag, field] of Object.entries(FLAG_FIELDS)) {
          const v = values[flag as keyof typeof values];
          if (v !== undefined) (patch as Record<string, unknown>)[field] = v;
        }
        for (const name of values.clear ?? []) {
          const field = FLAG_FIELDS[name] ?? (OFFER_FIELDS.includes(name as OfferField) ? (name as OfferField) : undefined);
          if (!field) throw new ValidationError(`--clear takes one of ${Object.keys(FLAG_FIELDS).join(', ')} (got "${name}").`);
          patch[field] = null;
        }
        if (!Object.keys(patch).length) throw new ValidationError('offer set needs at least one of --product, --value, --proof, --customer, --ask or --clear.');
        await offers.set(target, patch);
        process.stdout.write(
          `Saved the offer for ${label}: ${Object.keys(patch)
            .map((k) => LABELS[k as OfferField])
            .join(', ')}.\n`,
        );
      }

      const own = await offers.get(target);
      const effective = effectiveUserId
        ? await offers.effectiveFor(effectiveUserId)
        : target.level === 'team'
          ? resolveOffer([
              { level: 'team', patch: own },
              { level: 'organisation', patch: await offers.get({ level: 'organisation' }) },
            ])
          : resolveOffer([{ level: 'organisation', patch: own }]);
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ level: target.level, own: own ?? null, effective: effective ?? null }, null, 2)}\n`);
        return 0;
      }
      if (sub === 'show') process.stdout.write(`Offer for ${label}\n`);
      if (!effective) {
        process.stdout.write(
          'No complete offer: a product and a value proposition are needed before drafts can use it. Set one with `salesos offer set --product … --value …`.\n',
        );
        return sub === 'show' ? 1 : 0;
      }
      for (const field of OFFER_FIELDS) {
        const value = effective.offer[field];
        const source = effective.sources[field];
        const from = source ? (source === target.level ? '' : `  (from the ${source})`) : '';
        if (field === 'proofPoints') {
          process.stdout.write(`${LABELS[field].padEnd(18)}${value && (value as string[]).length ? '' : '—'}${from}\n`);
          (value as string[]).forEach((p, i) => {
            process.stdout.write(`  ${i + 1}. ${p}\n`);
          });
        } else {
          process.stdout.write(`${LABELS[field].padEnd(18)}${(value as string | undefined) ?? '—'}${from}\n`);
        }
      }
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
