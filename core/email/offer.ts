// The offer profile: what the rep sells, in the words a cold email needs. The organisation sets it; a team
// or a user may override any field. draftEmail refuses to pitch without one rather than invent a product.
import { ValidationError } from '../errors.ts';

export interface Offer {
  product: string;
  /** One line: what changes for the customer ("cut new-vendor setup from weeks to days"). */
  valueProposition: string;
  /** Results customers got, each with a number or a name ("Copperleaf cut vendor setup from 12 days to 2"). */
  proofPoints: string[];
  /** Who buys it ("finance teams at 50–500-person companies"). */
  typicalCustomer?: string;
  /** The ask the team prefers ("Should I send the two-page teardown?"). */
  preferredAsk?: string;
}

export type OfferField = keyof Offer;
export type OfferLevel = 'organisation' | 'team' | 'user';
export const OFFER_FIELDS: readonly OfferField[] = ['product', 'valueProposition', 'proofPoints', 'typicalCustomer', 'preferredAsk'];

/** A stored level: every field optional (unset inherits from the level above). */
export type OfferPatch = { [K in OfferField]?: Offer[K] | null };

export interface ResolvedOffer {
  offer: Offer;
  /** Which level each field came from. */
  sources: Partial<Record<OfferField, OfferLevel>>;
}

const LIMITS: Record<Exclude<OfferField, 'proofPoints'>, number> = { product: 120, valueProposition: 240, typicalCustomer: 200, preferredAsk: 200 };

/** Trims and checks a patch: bad input is a ValidationError naming the field. */
export function validateOfferPatch(patch: OfferPatch): OfferPatch {
  const out: OfferPatch = {};
  for (const key of Object.keys(patch) as OfferField[]) {
    if (!OFFER_FIELDS.includes(key)) throw new ValidationError(`Unknown offer field "${key}".`);
    const value = patch[key];
    if (value === null || value === undefined) {
      out[key] = value as null | undefined;
      continue;
    }
    if (key === 'proofPoints') {
      if (!Array.isArray(value) || value.some((p) => typeof p !== 'string')) throw new ValidationError('Proof points must be a list of sentences.');
      const points = (value as string[]).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
      if (points.length > 10) throw new ValidationError('Give at most 10 proof points.');
      const long = points.find((p) => p.length > 240);
      if (long) throw new ValidationError(`A proof point is longer than 240 characters: "${long.slice(0, 60)}…".`);
      out.proofPoints = points;
      continue;
    }
    if (typeof value !== 'string') throw new ValidationError(`The offer's ${key} must be text.`);
    const text = value.replace(/\s+/g, ' ').trim();
    if (text.length > LIMITS[key]) throw new ValidationError(`The offer's ${key} is longer than ${LIMITS[key]} characters.`);
    out[key] = text || null;
  }
  return out;
}

/** Merges the levels, the most specific first; undefined without a product and a value proposition. */
export function resolveOffer(levels: { level: OfferLevel; patch: OfferPatch | undefined }[]): ResolvedOffer | undefined {
  const offer: Partial<Offer> = {};
  const sources: ResolvedOffer['sources'] = {};
  for (const key of OFFER_FIELDS) {
    for (const { level, patch } of levels) {
      const value = patch?.[key];
      const present = key === 'proofPoints' ? Array.isArray(value) && value.length > 0 : typeof value === 'string' && value.trim() !== '';
      if (present) {
        (offer as Record<string, unknown>)[key] = value;
        sources[key] = level;
        break;
      }
    }
  }
  if (!offer.product || !offer.valueProposition) return undefined;
  return { offer: { ...offer, proofPoints: offer.proofPoints ?? [] } as Offer, sources };
}
