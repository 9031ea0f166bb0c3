// Activity on a lead that is not a field change (drafted an email, roasted one): the trail digests count.
import type { PrismaClient } from './generated/client.ts';

export type LoggedActivity = 'email_drafted' | 'email_roasted' | 'note';

export class LeadActivityRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async log(leadId: string, type: LoggedActivity, actorId: string | undefined, body?: string): Promise<void> {
    const now = new Date();
    await this.prisma.$transaction([
      this.prisma.leadActivity.create({ data: { leadId, type, actorId, body, createdAt: now } }),
      this.prisma.lead.update({ where: { id: leadId }, data: { lastActivityAt: now } }),
    ]);
  }
}
