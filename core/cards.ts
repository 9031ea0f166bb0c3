// Structured cards that tools produce. Plain JSON data: they are persisted with messages and travel between
// processes. Each type is built once into the neutral view model (core/view/cards), which every platform converts.
import type { EmailScore } from './email/types.ts';

export interface LeadCardItem {
  id: string;
  fullName: string;
  email: string;
  title?: string | null;
  company?: string | null;
  companyDomain?: string | null;
  industry?: string | null;
  companySize?: number | null;
  country?: string | null;
  city?: string | null;
  techStack: string[];
  status: string;
  score: number;
  ownerName?: string | null;
  enrichedAt?: string | null;
}

export interface LeadListCard {
  type: 'lead_list';
  /** e.g. "CTOs · Fintech · Germany". */
  title: string;
  leads: LeadCardItem[];
  /** Position of the first lead in the whole result (1-based), for numbering across pages. */
  offset: number;
  /** To fetch the next page: call findLeads with this input. */
  next?: { tool: 'findLeads'; input: Record<string, unknown> };
}

export interface LeadDetailCard {
  type: 'lead_detail';
  lead: LeadCardItem & { linkedinUrl?: string | null; seniority?: string | null; source?: string; createdAt: string };
  activities: { at: string; type: string; text: string; actorName?: string | null }[];
  enrichments: { at: string; source: string; fields: string[]; costUsd: number }[];
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface EnrichmentCard {
  type: 'enrichment';
  lead: LeadCardItem;
  source: 'agent' | 'builtin';
  changes: FieldChange[];
  costUsd: number;
  notes: string[];
  /** Set when nothing was done, e.g. enriched 3 days ago. */
  skippedReason?: string;
}

export interface EmailVersion {
  subject?: string;
  body: string;
  score: EmailScore;
}

export interface EmailRoastCard {
  type: 'email_roast';
  original: EmailVersion;
  rewrite?: EmailVersion;
  /** The model's critique, when a real model is configured. */
  critique?: string;
}

export interface EmailDraftCard {
  type: 'email_draft';
  lead: LeadCardItem;
  draft: EmailVersion;
}

export interface UsageCard {
  type: 'usage';
  userName: string;
  day: string;
  spentUsd: number;
  reservedUsd: number;
  limitUsd: number;
  remainingUsd: number;
  resetsAt: string;
  timeZone: string;
  byName: { name: string; kind: 'model' | 'tool'; calls: number; costUsd: number }[];
  team?: { spentUsd: number; limitUsd: number };
}

export interface ConfirmationCard {
  type: 'confirmation';
  actionId: string;
  tool: string;
  /** What will happen, in words: "Mark Jane Doe (Acme) as contacted". */
  summary: string;
  expiresAt: string;
  /** Set once decided, so a re-rendered card shows the outcome instead of buttons. */
  state?: 'pending' | 'confirmed' | 'cancelled' | 'expired';
}

export interface LeadUpdatedCard {
  type: 'lead_updated';
  lead: LeadCardItem;
  changes: FieldChange[];
  note?: string;
}

export interface DigestCard {
  type: 'digest';
  managerName: string;
  teamName: string;
  period: { label: string; start: string; end: string; cadence: 'daily' | 'weekly' };
  reps: {
    name: string;
    leadsAdded: number;
    leadsEnriched: number;
    emailsRoasted: number;
    emailsDrafted: number;
    avgRoastScore: number | null;
    avgRoastScoreChange: number | null;
    statusChanges: Record<string, number>;
    spendUsd: number;
    budgetUsd: number;
    change: { leadsAdded: number; leadsEnriched: number; emails: number };
  }[];
  attention: { staleLeads: LeadCardItem[]; hotUncontacted: LeadCardItem[]; inactiveReps: string[] };
  topLeads: LeadCardItem[];
  totals: { spendUsd: number; budgetUsd: number; leadsAdded: number; leadsEnriched: number };
  /** Earlier periods whose digest could not be sent in time (recorded as missed), named in the next one. */
  missed?: { label: string; reason: string | null }[];
}

/** Which kinds of leads reach a good outcome (findPatterns), from the agent's analysis. */
export interface PatternsCard {
  type: 'patterns';
  /** e.g. "What makes leads reply · my team's leads". */
  title: string;
  goal: 'replied' | 'qualified' | 'customer';
  leads: number;
  positives: number;
  baseRate: number;
  /** Best first; `label` reads like "fintech · C-level · Germany". */
  patterns: { label: string; leads: number; positives: number; rate: number; lift: number; ciLow: number; ciHigh: number; significant: boolean }[];
  /** The fitted model's cross-validated AUC next to the current fit score's. */
  model?: { auc: number; staticScoreAuc?: number; folds: number };
  notes: string[];
}

/** Uncontacted leads most like the seeds (e.g. customers), each with why. */
export interface LookalikesCard {
  type: 'lookalikes';
  title: string;
  seeds: number;
  leads: (LeadCardItem & { similarity: number; reason: string })[];
}

/** Fit scores recomputed from the fitted model (rescoreLeads, `salesos rescore`): the distribution before and after. */
export interface RescoreCard {
  type: 'rescore';
  title: string;
  goal: 'replied' | 'qualified' | 'customer';
  leads: number;
  changed: number;
  auc: number;
  staticScoreAuc?: number;
  /** Leads with a score in 0–9, 10–19, …, 90–100. */
  before: number[];
  after: number[];
}

export interface ErrorCard {
  type: 'error';
  message: string;
  code?: string;
}

export type Card =
  | LeadListCard
  | LeadDetailCard
  | EnrichmentCard
  | EmailRoastCard
  | EmailDraftCard
  | UsageCard
  | ConfirmationCard
  | LeadUpdatedCard
  | DigestCard
  | PatternsCard
  | LookalikesCard
  | RescoreCard
  | ErrorCard;

export type CardType = Card['type'];
