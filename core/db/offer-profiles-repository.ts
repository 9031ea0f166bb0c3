// Offer profiles per organisation, team and user (see core/email/offer.ts for how levels merge).
import type { PrismaClient } from './generated/client.ts';
import { NotFoundError } from '../errors.ts';
import { type OfferLevel, type OfferPatch, type ResolvedOffer, OFFER_FIELDS, resolveOffer, validateOfferPatch } from '../email/offer.ts';
import { UUID } from '../ids.ts';

export type OfferTarget = { level: 'organisation' } | { level: 'team'; teamId: string } | { level: 'user'; userId: string };

function keyOf(target: OfferTarget): string {
  if (target.level === 'organisation') return 'organisation';
  const id = target.level === 'team' ? target.teamId : target.userId;
  if (!UUID.test(id)) throw new NotFoundError(`That ${target.level} does not exist.`);
  return `${target.level}:${id}`;
}

type Row = { product: string | null; valueProposition: string | null; proofPoints: string[]; typicalCustomer: string | null; preferredAsk: string | null };

function patchOf(row: Row | null): OfferPatch | undefined {
  if (!row) return undefined;
  return {
    product: row.product,
    valueProposition: row.valueProposition,
    proofPoints: row.proofPoints,
    typicalCustomer: row.typicalCustomer,
    preferredAsk: row.preferredAsk,
  };
}

export class OfferProfileRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async get(target: OfferTarget): Promise<OfferPatch | undefined> {
    return patchOf(await this.prisma.offerProfile.findUnique({ where: { scopeKey: keyOf(target) } }));
  }

  /** Writes the given fields at one level (null clears a field, so it inherits again); returns the level's fields. */
  async set(target: OfferTarget, patch: OfferPatch, actorId?: string): Promise<OfferPatch> {
    const clean = validateOfferPatch(patch);
    const data = Object.fromEntries(OFFER_FIELDS.filter((k) => k in clean).map((k) => [k, k === 'proofPoints' ? (clean[k] ?? []) : clean[k]]));
    const scopeKey = keyOf(target);
    const ids = target.level === 'team' ? { teamId: target.teamId } : target.level === 'user' ? { userId: target.userId } : {};
    try {
      const row = await this.prisma.offerProfile.upsert({
        where: { scopeKey },
        create: { scope: target.level, scopeKey, ...ids, ...data, updatedById: actorId ?? null },
        update: { ...data, updatedById: actorId ?? null },
      });
      return patchOf(row)!;
    } catch (err) {
      if ((err as { code?: string }).code === 'P2003') throw new NotFoundError(`That ${target.level} does not exist.`);
      throw err;
    }
  }

  /** The offer a user drafts with: their own fields, then their team's, then the organisation's. */
  async effectiveFor(userId: string): Promise<ResolvedOffer | undefined> {
    const user = UUID.test(userId)
      ? await this.prisma.user.findUnique({ where: { id: userId }, select: { teamId: true, managedTeam: { select: { id: true } } } })
      : null;
    const teamId = user?.teamId ?? user?.managedTeam?.id;
    const keys = [`user:${userId}`, ...(teamId ? [`team:${teamId}`] : []), 'organisation'];
    const rows = await this.prisma.offerProfile.findMany({ where: { scopeKey: { in: keys } } });
    const byKey = new Map(rows.map((r) => [r.scopeKey, r]));
    const levels: { level: OfferLevel; patch: OfferPatch | undefined }[] = [
      { level: 'user', patch: patchOf(byKey.get(`user:${userId}`) ?? null) },
      { level: 'team', patch: teamId ? patchOf(byKey.get(`team:${teamId}`) ?? null) : undefined },
      { level: 'organisation', patch: patchOf(byKey.get('organisation') ?? null) },
    ];
    return resolveOffer(levels);
  }
}
