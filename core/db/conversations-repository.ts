// Conversations (Slack thread, Teams chain, terminal session) and their messages: the thread memory.
import type { PrismaClient } from './generated/client.ts';
import type { Platform } from '../agent/types.ts';
import { sqlOf, type SqlRunner } from './sql-runner.ts';
import { storable } from '../safe-text.ts';
import { deliveryKey } from './deliveries-repository.ts';

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
  /** Every turn opens, reads and appends: plain SQL on the pool when there is one (see sqlOf). */
  private readonly sql: SqlRunner;

  constructor(prisma: PrismaClient) {
    this.sql = sqlOf(prisma);
  }

  /**
   * The conversation for a platform key, created on first use. One statement that writes nothing when the
   * conversation exists (every turn but the first), so it costs no commit flush.
   */
  async open(key: string, platform: Platform, userId?: string): Promise<{ id: string; key: string }> {
    const rows = await this.sql.query<{ id: string; key: string }>(
      `WITH found AS (SELECT id::text AS id, key FROM conversations WHERE key = $1::text),
            created AS (
              INSERT INTO conversations (id, key, platform, "userId", "createdAt", "updatedAt")
              SELECT gen_random_uuid(), $1::text, $2::text::"Platform", $3::uuid, now(), now()
              WHERE NOT EXISTS (SELECT 1 FROM found)
              ON CONFLICT (key) DO NOTHING
              RETURNING id::text AS id, key)
       SELECT id, key FROM found UNION ALL SELECT id, key FROM created`,
      [key, platform, userId ?? null],
    );
    if (rows[0]) return rows[0];
    // Created by a concurrent first turn between our read and our insert: it is there now.
    const [row] = await this.sql.query<{ id: string; key: string }>(`SELECT id::text AS id, key FROM conversations WHERE key = $1::text`, [key]);
    return row!;
  }

  /**
   * `open` and `recent` in one round trip, as every turn starts: the conversation (created on first use)
   * with its newest `limit` messages, oldest first.
   */
  async openWithRecent(
    key: string,
    platform: Platform,
    userId?: string,
    limit = 40,
  ): Promise<{ conversation: { id: string; key: string }; messages: StoredMessage[] }> {
    const opened = await this.claimAndOpen(undefined, key, platform, userId, limit);
    return opened.conversation
      ? { conversation: opened.conversation, messages: opened.messages }
      : { conversation: await this.open(key, platform, userId), messages: [] };
  }

  /**
   * A turn's first statement, when the turn claims its own delivery (DeliveryRepository.claim's row, the same
   * atomic INSERT … ON CONFLICT DO NOTHING, so exactly-once holds across replicas): the claim and `openWithRecent`
   * in one round trip instead of two. A delivery claimed before (a platform retry, on any replica) reads and
   * creates nothing and answers `{ claimed: false }`.
   */
  async claimAndOpenWithRecent(
    delivery: { platform: Platform; deliveryId: string },
    key: string,
    platform: Platform,
    userId?: string,
    limit = 40,
  ): Promise<{ claimed: false } | { claimed: true; conversation: { id: string; key: string }; messages: StoredMessage[] }> {
    const opened = await this.claimAndOpen(delivery, key, platform, userId, limit);
    if (!opened.claimed) return { claimed: false };
    return opened.conversation
      ? { claimed: true, conversation: opened.conversation, messages: opened.messages }
      : { claimed: true, conversation: await this.open(key, platform, userId), messages: [] };
  }

  private async claimAndOpen(
    delivery: { platform: Platform; deliveryId: string } | undefined,
    key: string,
    platform: Platform,
    userId: string | undefined,
    limit: number,
  ): Promise<{ claimed: boolean; conversation?: { id: string; key: string }; messages: StoredMessage[] }> {
    // Without a delivery to claim ($5 null) `go` always has its row. Every data-modifying CTE runs whether or not
    // it is referenced, so the conversation's INSERT is itself conditional on the claim.
    const rows = await this.sql.query<{ claimed: boolean; id: string | null; key: string | null } & { [K in keyof StoredMessage]: StoredMessage[K] | null }>(
      `WITH claim AS (
              INSERT INTO processed_deliveries (id, platform, "createdAt")
              SELECT $5::text, $6::text::"Platform", now() WHERE $5::text IS NOT NULL
              ON CONFLICT (id) DO NOTHING
              RETURNING 1),
            go AS (SELECT 1 WHERE $5::text IS NULL OR EXISTS (SELECT 1 FROM claim)),
            found AS (SELECT id, key FROM conversations WHERE key = $1::text AND EXISTS (SELECT 1 FROM go)),
            created AS (
              INSERT INTO conversations (id, key, platform, "userId", "createdAt", "updatedAt")
              SELECT gen_random_uuid(), $1::text, $2::text::"Platform", $3::uuid, now(), now()
              WHERE EXISTS (SELECT 1 FROM go) AND NOT EXISTS (SELECT 1 FROM found)
              ON CONFLICT (key) DO NOTHING
              RETURNING id, key),
            conv AS (SELECT id, key FROM found UNION ALL SELECT id, key FROM created)
       SELECT EXISTS (SELECT 1 FROM go) AS claimed, conv.id::text AS id, conv.key,
              m.role::text AS role, m.text, m.parts, m.tokens, m."createdAt"
       FROM (SELECT 1) AS one
       LEFT JOIN conv ON true
       LEFT JOIN LATERAL (
         SELECT role, text, parts, tokens, "createdAt", seq FROM messages
         WHERE "conversationId" = conv.id ORDER BY seq DESC LIMIT $4::int) m ON true
       ORDER BY m.seq ASC NULLS FIRST`,
      [key, platform, userId ?? null, limit, delivery ? deliveryKey(delivery.platform, delivery.deliveryId) : null, delivery?.platform ?? null],
    );
    const first = rows[0]!;
    // No conversation row with a claim: created by a concurrent first turn between our read and our insert;
    // the caller opens it (it is there now, and new).
    if (!first.claimed || first.id === null) return { claimed: first.claimed, messages: [] };
    const conversation = { id: first.id, key: first.key! };
    const messages = rows
      .filter((r) => r.role !== null)
      .map((r) => ({ role: r.role!, text: r.text!, parts: r.parts, tokens: r.tokens!, createdAt: r.createdAt! }));
    return { claimed: true, conversation, messages };
  }

  /** The newest `limit` messages, oldest first. */
  async recent(conversationId: string, limit = 40): Promise<StoredMessage[]> {
    const rows = await this.sql.query<StoredMessage>(
      `SELECT role::text AS role, text, parts, tokens, "createdAt" FROM messages
       WHERE "conversationId" = $1::uuid ORDER BY seq DESC LIMIT $2::int`,
      [conversationId, limit],
    );
    return rows.reverse();
  }

  /** Append messages of one turn atomically (one statement), in order, and touch the conversation. */
  async append(conversationId: string, messages: NewMessage[]): Promise<void> {
    if (!messages.length) return;
    const base = Date.now();
    // A NUL or lone surrogate in a message (pasted text, a model's output) must not cost the thread its memory.
    const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(storable(v)));
    await this.sql.query(
      `WITH added AS (
         INSERT INTO messages (id, "conversationId", role, text, "userId", parts, cards, tokens, "createdAt")
         SELECT gen_random_uuid(), $1::uuid, m.role::"MessageRole", m.text, m."userId", m.parts, m.cards, m.tokens, m."createdAt"
         FROM unnest($2::text[], $3::text[], $4::uuid[], $5::jsonb[], $6::jsonb[], $7::int[], $8::timestamptz[])
              WITH ORDINALITY AS m(role, text, "userId", parts, cards, tokens, "createdAt", ord)
         ORDER BY m.ord
         RETURNING 1)
       UPDATE conversations SET "updatedAt" = now() WHERE id = $1::uuid AND EXISTS (SELECT 1 FROM added)`,
      [
        conversationId,
        messages.map((m) => m.role),
        messages.map((m) => storable(m.text)),
        messages.map((m) => m.userId ?? null),
        messages.map((m) => json(m.parts)),
        messages.map((m) => json(m.cards)),
        messages.map((m) => m.tokens),
        // Distinct, ordered timestamps keep replay order stable within one turn.
        messages.map((_, i) => new Date(base + i)),
      ],
    );
  }
}
