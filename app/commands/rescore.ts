// `salesos rescore --as <manager> [--goal replied|qualified|customer] [--yes]`: recompute the fit scores of the
// leads that manager (or admin) may see from a model of their outcomes, through the rescoreLeads tool — so the same
// permission, confirmation and audit as in chat. Without --yes it only says what would happen.
import { ValidationError } from '../../core/errors.ts';
import type { Goal } from '../../core/enrichment/analysis-types.ts';
import type { ToolContext } from '../../tools/tool.ts';
import { parseOptions, type Command } from './command.ts';

export const rescoreCommand: Command = {
  name: 'rescore',
  usage: 'rescore --as <manager email> [--goal replied|qualified|customer] [--yes]',
  summary: 'Recompute fit scores from a model of outcomes (needs the enrichment agent); shows the score distribution before and after.',
  async run(argv) {
    const { values } = parseOptions(argv, { as: { type: 'string' }, goal: { type: 'string' }, yes: { type: 'boolean' } });
    if (!values.as) throw new ValidationError('--as <manager email> is required: scores are recomputed for the leads that person may see.');
    const [{ renderCard }, { GOALS }, { rescoreLeads }, { runTool }, { actorFor, openContainer }] = await Promise.all([
      import('../../bots/console/render/index.ts'),
      import('../../core/enrichment/analysis-types.ts'),
      import('../../tools/rescore-leads.ts'),
      import('../../assistant/run-tool.ts'),
      import('./session.ts'),
    ]);
    if (values.goal !== undefined && !(GOALS as readonly string[]).includes(values.goal))
      throw new ValidationError(`--goal must be one of ${GOALS.join(', ')} (got "${values.goal}").`);
    const goal = values.goal as Goal | undefined;
    const container = await openContainer();
    try {
      const actor = await actorFor(container, values.as);
      const services = container.services;
      const [scope, team] = await Promise.all([services.users.scopeFor(actor), actor.role === 'rep' ? [] : services.users.teamMembers(actor.id)]);
      const ctx: ToolContext = { actor, platform: 'console', scope, teamMemberIds: team.map((u) => u.id), services };
      const width = process.stdout.columns || 100;
      if (!values.yes) {
        if (actor.role === 'rep') throw new ValidationError(`rescore is for managers and admins; ${actor.email} is a rep.`);
        process.stdout.write(`${await rescoreLeads.confirm({ goal }, ctx)}.\nNothing was changed. Run again with --yes to apply.\n`);
        return 0;
      }
      const out = await runTool(rescoreLeads, goal ? { goal } : {}, ctx, { confirmed: true });
      if (!out.ok) {
        process.stderr.write(`${out.error?.message ?? out.summary}\n`);
        return 1;
      }
      for (const card of out.cards ?? []) process.stdout.write(renderCard(card, { width, color: Boolean(process.stdout.isTTY) }) + '\n');
      process.stdout.write(`${out.summary}\n`);
      return 0;
    } finally {
      await container.close();
    }
  },
};
