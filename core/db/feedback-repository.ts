// Ratings people give AI replies through the platform's feedback buttons (Teams' thumbs up/down).
import type { PrismaClient } from './generated/client.ts';
import type { Platform } from '../agent/types.ts';
import { ValidationError } from '../errors.ts';

export interface ReplyRating {
  userId: string;
  platform: Platform;
  conversationKey: string;
  replyId: string;
  reaction: 'like' | 'dislike';
  comment?: string;
}

export class FeedbackRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Stores a rating; the same person rating the same reply again replaces their earlier rating. */
  async rate(r: ReplyRating): Promise<void> {
    if (r.reaction !== 'like' && r.reaction !== 'dislike') throw new ValidationError('A rating is "like" or "dislike".');
    if (!r.replyId) throw new ValidationError('A rating needs the message it rates.');
    const comment = r.comment?.trim().slice(0, 2000) || null;
    await this.prisma.replyFeedback.upsert({
      where: { platform_replyId_userId: { platform: r.platform, replyId: r.replyId, userId: r.userId } },
      create: { userId: r.userId, platform: r.platform, conversationKey: r.conversationKey, replyId: r.replyId, reaction: r.reaction, comment },
      update: { reaction: r.reaction, comment },
    });
  }

  /** Likes and dislikes since a moment (for reports). */
  async counts(since: Date): Promise<{ like: number; dislike: number }> {
    const rows = await this.prisma.replyFeedback.groupBy({ by: ['reaction'], where: { createdAt: { gte: since } }, _count: { _all: true } });
    const count = (reaction: string) => rows.find((r) => r.reaction === reaction)?._count._all ?? 0;
    return { like: count('like'), dislike: count('dislike') };
  }
}
