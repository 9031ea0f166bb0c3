// Shared by the commands that act as a user (chat, ask, start's terminal chat): runtime, container, actor.
import { actorOf } from '../../core/actor.ts';
import type { Actor } from '../../core/agent/types.ts';
import { ValidationError } from '../../core/errors.ts';
import { buildContainer, type Container } from '../container.ts';
import { loadRuntimeConfig, openRuntime, seedDemoIfFresh } from '../runtime.ts';

export const DEMO_REP_EMAIL = 'demo@salesos.demo';

export async function openContainer(): Promise<Container> {
  const runtime = await openRuntime(loadRuntimeConfig());
  try {
    await seedDemoIfFresh(runtime);
    // Nothing serves /metrics from these commands (ask, chat, eval, mcp, digest, worker…).
    return await buildContainer(runtime, { metrics: false });
  } catch (err) {
    await runtime.close();
    throw err;
  }
}

export async function actorFor(container: Container, email: string | undefined): Promise<Actor> {
  const wanted = (email ?? DEMO_REP_EMAIL).toLowerCase();
  const user = await container.users.getByEmail(wanted);
  if (!user || !user.active) {
    throw new ValidationError(
      email
        ? `There is no active SalesOS user ${wanted}. List users with \`salesos users\` or add one with \`salesos users add\`.`
        : `The demo rep ${wanted} does not exist in this database. Run \`salesos seed\` for the demo organisation, or pass --as <email>.`,
    );
  }
  return actorOf(user);
}

export function chatBanner(actor: Actor, modelLabel: string, extra = ''): string {
  return [
    `SalesOS — you are ${actor.name} <${actor.email}> (${actor.role}). Model: ${modelLabel}.`,
    'Try: "find CTOs at fintech companies in Germany", "enrich the second one", "roast this email:", "help". Type "exit" to leave.',
    extra,
  ]
    .filter(Boolean)
    .join('\n');
}
