// Pending write actions awaiting a user's confirmation. Claiming is one conditional UPDATE, so a
// double click, a retried button event or a second replica executes the action at most once.
import type { PrismaClient } from './generated/client.ts';
import { isUuid } from './sql-runner.ts';

export type PendingStatus = 'pending' | 'executed' | 'cancelled' | 'expired';

export interface PendingActionRow {
  id: string;
  userId: string;
  tool: string;
  input: unknown;
  summary: string;
  status: PendingStatus;
  expiresAt: Date;
}

export class PendingActionRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(a: { userId: string; conversationId?: string; tool: string; input: unknown; summary: string; ttlMinutes: number }): Promise<PendingActionRow> {
    const [row] = await this.prisma.$queryRaw<PendingActionRow[]>`
      INSERT INTO pending_actions (id, "userId", "conversationId", tool, input, summary, status, "expiresAt")
      VALUES (gen_random_uuid(), ${a.userId}::uuid, ${isUuid(a.conversationId) ? a.conversationId : null}::uuid, ${a.tool},
              ${JSON.stringify(a.input ?? null)}::jsonb, ${a.summary}, 'pending', now() + make_interval(mins => ${a.ttlMinutes}::int))
      RETURNING id::text, "userId"::text AS "userId", tool, input, summary, status::text AS status, "expiresAt"`;
    return row!;
  }

  /** Move a pending, unexpired action of `userId` to `to`; undefined when that did not happen. */
  async transition(id: string, userId: string, to: 'executed' | 'cancelled'): Promise<PendingActionRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.prisma.$queryRaw<PendingActionRow[]>`
      UPDATE pending_actions SET status = ${to}::"PendingActionStatus", "resolvedAt" = now()
      WHERE id = ${id}::uuid AND "userId" = ${userId}::uuid AND status = 'pending' AND "expiresAt" > now()
      RETURNING id::text, "userId"::text AS "userId", tool, input, summary, status::text AS status, "expiresAt"`;
    return row;
  }

  /** The action as it is now; a pending action past its expiry is marked expired on the way. */
  async find(id: string): Promise<PendingActionRow | undefined> {
    if (!isUuid(id)) return undefined;
    await this.prisma.$executeRaw`
      UPDATE pending_actions SET status = 'expired', "resolvedAt" = now()
      WHERE id = ${id}::uuid AND status = 'pending' AND "expiresAt" <= now()`;
    const [row] = await this.prisma.$queryRaw<PendingActionRow[]>`
      SELECT id::text, "userId"::text AS "userId", tool, input, summary, status::text AS status, "expiresAt"
      FROM pending_actions WHERE id = ${id}::uuid`;
    return row;
  }

  async recordResult(id: string, result: { ok: boolean; summary: string }): Promise<void> {
    if (!isUuid(id)) return;
    await this.prisma.$executeRaw`UPDATE pending_actions SET result = ${JSON.stringify(result)}::jsonb WHERE id = ${id}::uuid`;
  }
}
