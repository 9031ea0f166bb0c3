// Emails roasted and drafted, with their rubric scores (digests report counts and average scores).
import type { PrismaClient } from './generated/client.ts';

export interface EmailReviewInput {
  userId: string;
  leadId?: string;
  kind: 'roast' | 'draft';
  score: number;
  grade: string;
  subject?: string;
}

export class EmailReviewRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async record(review: EmailReviewInput): Promise<void> {
    await this.prisma.emailReview.create({ data: review });
  }
}
