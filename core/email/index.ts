// The email module's public surface: scoring (roastEmail), parsing pasted text, drafting a first touch.
export { scoreEmail, checksNeedingWork, compareScores, gradeFor, type ScoreComparison } from './rubric.ts';
export { parseEmailText, type ParsedEmail } from './parse-email.ts';
export { draftFirstTouchEmail, type ComposedDraft, type DraftLead, type DraftOptions, type DraftSender, type EmailDraft } from './draft.ts';
export { resolveOffer, validateOfferPatch, type Offer, type OfferPatch, type ResolvedOffer } from './offer.ts';
export { readability, type Readability } from './readability.ts';
export { countSyllables } from './syllables.ts';
export type { Check, CheckId, CheckStatus, EmailScore, EmailToScore, Grade, LeadFacts } from './types.ts';
