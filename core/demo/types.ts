// The demo organisation as plain data: what generate.ts produces and core/demo/seed.ts has core/db/demo-repository.ts write.
import type { LeadStatus, Seniority } from '../leads/filter.ts';

export type DemoRole = 'admin' | 'manager' | 'rep';

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  role: DemoRole;
  timeZone: string;
  /** Managers belong to the team they manage; the admin belongs to none. */
  teamId: string | null;
}

export interface DemoTeam {
  id: string;
  name: string;
  managerId: string;
}

/** The console identity the terminal chat signs in with (its external id is the user's email). */
export interface DemoIdentity {
  userId: string;
  platform: 'console';
  tenantId: '';
  externalUserId: string;
  displayName: string;
}

export interface DemoDigestPreference {
  userId: string;
  enabled: boolean;
  cadence: 'daily' | 'weekly';
  cron: string;
}

export interface DemoLead {
  id: string;
  email: string;
  fullName: string;
  firstName: string;
  lastName: string;
  title: string;
  seniority: Seniority;
  company: string;
  companyDomain: string;
  industry: string;
  companySize: number;
  country: string;
  city: string;
  techStack: string[];
  linkedinUrl: string;
  status: LeadStatus;
  score: number;
  ownerId: string | null;
  source: string;
  enrichedAt: Date | null;
  lastActivityAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoActivity {
  id: string;
  leadId: string;
  actorId: string | null;
  type: 'created' | 'imported' | 'note' | 'status_change' | 'enriched' | 'assigned';
  fromStatus: LeadStatus | null;
  toStatus: LeadStatus | null;
  body: string | null;
  createdAt: Date;
}

export interface DemoEnrichment {
  id: string;
  leadId: string;
  actorId: string | null;
  source: 'agent' | 'builtin';
  changes: Record<string, { before: unknown; after: unknown }>;
  /** Decimal as text, as PostgreSQL numeric round-trips it. */
  costUsd: string;
  createdAt: Date;
}

/** What the organisation sells (core/demo/offer.ts): its offer profile, which drafts use. */
export interface DemoOffer {
  product: string;
  valueProposition: string;
  proofPoints: string[];
  typicalCustomer: string;
}

export interface DemoOrganisation {
  seed: number;
  now: Date;
  domain: string;
  users: DemoUser[];
  teams: DemoTeam[];
  identities: DemoIdentity[];
  digestPreferences: DemoDigestPreference[];
  leads: DemoLead[];
  activities: DemoActivity[];
  enrichments: DemoEnrichment[];
  offer: DemoOffer;
}
