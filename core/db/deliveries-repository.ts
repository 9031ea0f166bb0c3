// De-duplication of platform deliveries (retried Slack events, re-sent Teams activities, double clicks).
// Lives in PostgreSQL so it holds across bot replicas.
import type { PrismaClient } from './generated/client.ts';
import type { Platform } from '../agent/types.ts';

export class DeliveryRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** True the first time a delivery id is seen, false for every repeat — atomically. */
  async claim(platform: Platform, deliveryId: string): Promise<boolean> {
    const inserted = await this.prisma.$executeRaw`
      INSERT INTO processed_deliveries (id, platform, "createdAt")
      VALUES (${`${platform}:${deliveryId}`}, ${platform}::"Platform", now())
      ON CONFLICT (id) DO NOTHING`;
    return inserted === 1;
  }

  /** Forget deliveries older than `days` (platforms stop retrying within minutes). */
  async prune(days = 7): Promise<number> {
    return this.prisma.$executeRaw`DELETE FROM processed_deliveries WHERE "createdAt" < now() - make_interval(days => ${days})`;
  }
}
