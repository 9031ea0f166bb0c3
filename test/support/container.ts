// The real container (repositories, CostGuard, audit, confirmations, assistant) on a test database.
import { buildContainer, type Container } from '../../app/container.ts';
import type { Actor } from '../../core/agent/types.ts';
import type { ToolContext } from '../../tools/tool.ts';
import { loadConfig } from '../../core/config.ts';
import type { ModelChoice } from '../../core/models/language-model.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestContainer extends Container {
  db: TestDatabase;
}

export async function createTestContainer(env: Record<string, string> = {}, overrides: { model?: ModelChoice } = {}): Promise<TestContainer> {
  const db = await createTestDatabase();
  // NODE_ENV=test: the public test audit key, no key file written into the working tree.
  const config = loadConfig({ NODE_ENV: 'test', ...env, DATABASE_URL: db.url });
  const container = await buildContainer({ config, db, close: () => db.drop() }, overrides);
  return container as TestContainer;
}

/** The tool context the assistant builds for `actor` (their RBAC scope and, for managers, their team), on the terminal. */
export async function toolContextFor(c: Pick<Container, 'users' | 'services'>, actor: Actor): Promise<ToolContext> {
  const scope = await c.users.scopeFor(actor);
  const team = actor.role === 'rep' ? [] : await c.users.teamMembers(actor.id);
  return { actor, platform: 'console', scope, teamMemberIds: team.map((u) => u.id), services: c.services };
}
