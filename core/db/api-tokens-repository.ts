// Personal access tokens for the MCP endpoint. A token is 32 random bytes shown once; only its SHA-256 is
// stored (the token has full entropy, so a fast hash is enough and lets the lookup be one indexed equality).
import crypto from 'node:crypto';
import type { PrismaClient, User } from './generated/client.ts';

export const TOKEN_PREFIX = 'sos_pat_';

export interface ApiTokenRow {
  id: string;
  userId: string;
  userEmail: string;
  name: string;
  prefix: string;
  readOnly: boolean;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
}

export type TokenCheck =
  | { ok: true; token: ApiTokenRow; user: User }
  | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' | 'expired' | 'user_inactive' };

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

const WELL_FORMED = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);

export class ApiTokenRepository {
  private readonly now: () => Date;

  constructor(
    private readonly prisma: PrismaClient,
    opts: { now?: () => Date } = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** A new token for `userId`; the returned `token` is the only time it is ever available. */
  async create(t: { userId: string; name: string; readOnly: boolean; expiresInDays?: number }): Promise<{ token: string; row: ApiTokenRow }> {
    const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
    const expiresAt = t.expiresInDays === undefined ? null : new Date(this.now().getTime() + t.expiresInDays * 86_400_000);
    const row = await this.prisma.apiToken.create({
      data: { userId: t.userId, name: t.name, prefix: token.slice(0, TOKEN_PREFIX.length + 6), tokenHash: hashToken(token), readOnly: t.readOnly, expiresAt },
      include: { user: { select: { email: true } } },
    });
    return { token, row: toRow(row) };
  }

  async list(opts: { userId?: string } = {}): Promise<ApiTokenRow[]> {
    const rows = await this.prisma.apiToken.findMany({
      where: opts.userId ? { userId: opts.userId } : {},
      include: { user: { select: { email: true } } },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map(toRow);
  }

  /** Revoke by id or by the shown prefix; returns the revoked token, or undefined when none matched. */
  async revoke(idOrPrefix: string): Promise<ApiTokenRow | undefined> {
    const where = /^[0-9a-f-]{36}$/i.test(idOrPrefix) ? { id: idOrPrefix } : { prefix: idOrPrefix.replace(/…$/, '') };
    const matches = await this.prisma.apiToken.findMany({ where, include: { user: { select: { email: true } } } });
    if (matches.length !== 1) return undefined;
    const row = await this.prisma.apiToken.update({
      where: { id: matches[0]!.id },
      data: { revokedAt: matches[0]!.revokedAt ?? this.now() },
      include: { user: { select: { email: true } } },
    });
    return toRow(row);
  }

  /** Who a presented token belongs to, or why it is refused. */
  async check(token: string): Promise<TokenCheck> {
    if (!WELL_FORMED.test(token)) return { ok: false, reason: 'malformed' };
    const row = await this.prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.revokedAt) return { ok: false, reason: 'revoked' };
    const now = this.now();
    if (row.expiresAt && row.expiresAt <= now) return { ok: false, reason: 'expired' };
    if (!row.user.active) return { ok: false, reason: 'user_inactive' };
    // Best effort, and at most once a minute per token: a list of tokens shows which are in use.
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
      await this.prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch(() => undefined);
    return { ok: true, token: toRow({ ...row, user: { email: row.user.email } }), user: row.user };
  }
}

function toRow(r: {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  readOnly: boolean;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  user: { email: string };
}): ApiTokenRow {
  return {
    id: r.id,
    userId: r.userId,
    userEmail: r.user.email,
    name: r.name,
    prefix: r.prefix,
    readOnly: r.readOnly,
    expiresAt: r.expiresAt,
    revokedAt: r.revokedAt,
    lastUsedAt: r.lastUsedAt,
    createdAt: r.createdAt,
  };
}
