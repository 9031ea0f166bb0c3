// De-duplication of platform deliveries (retried Slack events, re-sent Teams activities, double clicks).
// Lives in PostgreSQL so it holds across bot replicas.
import type { PrismaClient } from './generated/client.ts';
import type { Platform } from '../agent/types.ts';
import { sqlOf, type SqlRunner } from './sql-runner.ts';

/** The row id of a platform's delivery (also claimed by ConversationRepository.claimAndOpenWithRecent). */
export const deliveryKey = (platform: Platform, deliveryId: string) => `${platform}:${deliveryId}`;

export class DeliveryRepository {
  /** Every event claims its delivery first: plain SQL on the pool when there is one (see sqlOf). */
  private readonly sql: SqlRunner;

  constructor(private readonly prisma: PrismaClient) {
    this.sql = sqlOf(prisma);
  }

  /** True the first time a delivery id is seen, false for every repeat — atomically. */
  async claim(platform: Platform, deliveryId: string): Promise<boolean> {
    const inserted = await this.sql.query(
      `INSERT INTO processed_deliveries (id, platform, "createdAt") VALUES ($1, $2::text::"Platform", now())
       ON CONFLICT (id) DO NOTHING RETURNING 1`,
      [deliveryKey(platform, deliveryId), platform],
    );
    return inserted.length === 1;
  }

  /** Undo a claim (the work it guarded failed or was refused and may be tried again). */
  async release(platform: Platform, deliveryId: string): Promise<void> {
    await this.sql.query(`DELETE FROM processed_deliveries WHERE id = $1`, [deliveryKey(platform, deliveryId)]);
  }

  /** Forget deliveries older than `days` (platforms stop retrying within minutes). */
  async prune(days = 7): Promise<number> {
    return this.prisma.$executeRaw`DELETE FROM processed_deliveries WHERE "createdAt" < now() - make_interval(days => ${days})`;
  }
}
