// What tools work with, built once by the entry layer and shared by every turn.
import type { LanguageModel } from 'ai';
import type { EmailReviewRepository } from '../core/db/email-reviews-repository.ts';
import type { LeadRepository } from '../core/db/leads-repository.ts';
import type { LeadLookupRepository } from '../core/db/lead-lookup-repository.ts';
import type { LeadActivityRepository } from '../core/db/lead-activities-repository.ts';
import type { UserRepository } from '../core/db/users-repository.ts';
import type { OfferProfileRepository } from '../core/db/offer-profiles-repository.ts';
import type { DigestRepository } from '../core/db/digest-repository.ts';
import type { Enricher } from '../core/enrichment/enricher.ts';
import type { AnalysisClient } from '../core/enrichment/analysis-client.ts';
import type { LeadOutcomeRepository } from '../core/db/lead-outcomes-repository.ts';
import type { Guards } from '../core/governance.ts';

export interface ToolServices {
  leads: LeadRepository;
  lookup: LeadLookupRepository;
  activities: LeadActivityRepository;
  users: UserRepository;
  emailReviews: EmailReviewRepository;
  /** What the reps sell, per organisation, team and user (draftEmail, setOffer). */
  offers: OfferProfileRepository;
  /** Managers' digest preferences (setDigestSchedule). */
  digests: DigestRepository;
  enricher: Enricher;
  /** Attributes and outcomes of leads for pattern recognition and lookalikes (never names, emails or notes). */
  outcomes: LeadOutcomeRepository;
  /** The agent's analyses; absent without ENRICHMENT_AGENT_URL. */
  analysis?: AnalysisClient;
  guards: Guards;
  settings: {
    /** A lead enriched within this many days is not enriched again unless asked. */
    enrichmentFreshDays: number;
    /** Worst-case USD of one enrichment agent call, reserved by CostGuard before the call. */
    enrichmentMaxCostUsd: number;
  };
}

/** Per-turn extras a tool may use: the language model already wrapped by CostGuard for this actor. */
export interface TurnModel {
  model: LanguageModel;
  id: string;
}
