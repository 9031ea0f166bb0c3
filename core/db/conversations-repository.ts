// Conversations (Slack thread, Teams chain, terminal session) and their messages: the thread memory.
import type { PrismaClient } from './generated/client.ts';
import type { Platform } from '../agent/types.ts';

export interface StoredMessage {
  role: 'user' | 'assistant' | 'tool';
  text: string;
  /** AI SDK response messages (assistant tool calls, tool results, final text), for replay. */
  parts: unknown;
  tokens: number;
  createdAt: Date;
}

export interface NewMessage {
  role: 'user' | 'assistant';
  text: string;
  userId?: string;
  parts?: unknown;
  cards?: unknown;
  tokens: number;
}

export class ConversationRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The conversation for a platform key, created on first use. */
  async open(key: string, platform: Platform, userId?: string): Promise<{ id: string; key: string }> {
    return this.prisma.conversation.upsert({
      where: { key },
      create: { key, platform, userId },
      update: {},
      select: { id: true, key: true },
    });
  }

  /** The newest `limit` messages, oldest first. */
  async recent(conversationId: string, limit = 40): Promise<StoredMessage[]> {
    const rows = await this.prisma.message.findMany({
      where: { conversationId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: { role: true, text: true, parts: true, tokens: true, createdAt: true },
    });
    return rows.reverse();
  }

  /** Append messages of one turn atomically, in order. */
  async append(conversationId: string, messages: NewMessage[]): Promise<void> {
    const base = Date.now();
    await this.prisma.$transaction([
      ...messages.map((m, i) =>
        this.prisma.message.create({
          data: {
            conversationId,
            role: m.role,
            text: m.text,
            userId: m.userId,
            parts: m.parts === undefined ? undefined : (m.parts as object),
            cards: m.cards === undefined ? undefined : (m.cards as object),
            tokens: m.tokens,
            // Distinct, ordered timestamps keep replay order stable within one turn.
            createdAt: new Date(base + i),
          },
        }),
      ),
      this.prisma.conversation.update({ where: { id: conversationId }, data: { updatedAt: new Date() } }),
    ]);
  }
}
