// The composition root: repositories, enricher, governance, model and assistant, built from config.
// Commands take what they need from here; nothing below app/ builds its own dependencies.
import { resolveAuditKey } from '../core/audit/audit-key.ts';
import { createAuditTrail, type AppendingAuditTrail } from '../core/audit/audit-trail.ts';
import { createConfirmations } from '../core/confirmations.ts';
import { createCostGuard } from '../core/cost/cost-guard.ts';
import { loadPrices } from '../core/cost/prices.ts';
import { ConversationRepository } from '../core/db/conversations-repository.ts';
import { DeliveryRepository } from '../core/db/deliveries-repository.ts';
import { FeedbackRepository } from '../core/db/feedback-repository.ts';
import { DigestRepository } from '../core/db/digest-repository.ts';
import { EmailReviewRepository } from '../core/db/email-reviews-repository.ts';
import { LeadActivityRepository } from '../core/db/lead-activities-repository.ts';
import { LeadLookupRepository } from '../core/db/lead-lookup-repository.ts';
import { LeadRepository } from '../core/db/leads-repository.ts';
import { LeadVocabularyRepository } from '../core/db/lead-vocabulary-repository.ts';
import { UserRepository } from '../core/db/users-repository.ts';
import { OfferProfileRepository } from '../core/db/offer-profiles-repository.ts';
import { createEnricher } from '../core/enrichment/enricher.ts';
import { createAnalysisClient } from '../core/enrichment/analysis-client.ts';
import { LeadOutcomeRepository } from '../core/db/lead-outcomes-repository.ts';
import type { Guards } from '../core/governance.ts';
import { createInFlightWork, type InFlightWork } from '../core/in-flight.ts';
import { chooseLanguageModel, type ModelChoice } from '../core/models/language-model.ts';
import { createAssistant, type SalesAssistant } from '../assistant/assistant.ts';
import type { ToolServices } from '../tools/services.ts';
import { observeAssistant, observeAuditTrail, type Telemetry } from '../core/telemetry/observe.ts';
import { startTelemetry } from '../core/telemetry/start-telemetry.ts';
import { SALESOS_VERSION } from '../core/version.ts';
import { log } from '../core/log.ts';
import type { Runtime } from './runtime.ts';

export interface Container extends Runtime {
  users: UserRepository;
  leads: LeadRepository;
  conversations: ConversationRepository;
  deliveries: DeliveryRepository;
  feedback: FeedbackRepository;
  guards: Guards;
  services: ToolServices;
  model: ModelChoice;
  assistant: SalesAssistant;
  telemetry: Telemetry;
  /** The audit trail itself (guards.audit is the same), for flush() on shutdown. */
  auditTrail: AppendingAuditTrail;
  /** Turns and card actions in flight (shutdown waits for them, then stops what is left). */
  inFlight: InFlightWork;
}

/**
 * `metrics: false` for processes that serve no /metrics (one-shot commands, the worker): prom-client is then
 * not loaded. The OpenTelemetry SDK is loaded only when traces are exported.
 */
export async function buildContainer(runtime: Runtime, overrides: { model?: ModelChoice; metrics?: boolean } = {}): Promise<Container> {
  const { config, db } = runtime;
  const prisma = db.prisma;
  const users = new UserRepository(prisma);
  const leads = new LeadRepository(prisma);
  const conversations = new ConversationRepository(prisma);
  const deliveries = new DeliveryRepository(prisma);
  const t = config.telemetry;
  const telemetry: Telemetry = await startTelemetry(
    { tracesUrl: t.tracesUrl, headers: t.headers, serviceName: t.serviceName, serviceVersion: SALESOS_VERSION },
    { metrics: overrides.metrics ?? true },
  );
  // Every model and tool call reaches the audit trail, and every turn the assistant: telemetry watches both.
  const audit = observeAuditTrail(createAuditTrail(db, { key: resolveAuditKey(config) }), telemetry);
  const vocabulary = new LeadVocabularyRepository(prisma);
  const model =
    overrides.model ??
    chooseLanguageModel(config, {
      vocabulary: async (actor) => (actor ? vocabulary.forScope(await users.scopeFor({ id: actor.actorId, role: actor.role })) : undefined),
    });
  const costs = createCostGuard({
    db,
    defaultDailyLimitUsd: config.cost.dailyLimitUsd,
    prices: loadPrices(config.cost.pricesFile),
    audit,
    // A lease serves new calls for at most a minute, and for at most half the margin the sweeper leaves above
    // TURN_TIMEOUT_MS: the calls of a live process's lease always end before the sweeper could take it for abandoned.
    lease: {
      share: config.cost.leasePercent / 100,
      serveMs: Math.min(60_000, Math.floor((config.reservationSweepAfterMs - config.deadlines.turnMs) / 2)),
      idleMs: 10_000,
    },
  });
  // An unknown model is a configuration error at start, not a surprise on the first message.
  costs.priceOf(model.id, { inputTokens: 0, outputTokens: 0 });
  const guards: Guards = { costs, audit, confirmations: createConfirmations(prisma) };
  const services: ToolServices = {
    leads,
    lookup: new LeadLookupRepository(prisma),
    users,
    activities: new LeadActivityRepository(prisma),
    emailReviews: new EmailReviewRepository(prisma),
    offers: new OfferProfileRepository(prisma),
    digests: new DigestRepository(prisma),
    enricher: createEnricher(config.enrichment),
    outcomes: new LeadOutcomeRepository(prisma),
    analysis: config.enrichment.url
      ? createAnalysisClient({ baseUrl: config.enrichment.url, token: config.enrichment.token, timeoutMs: config.enrichment.analysisTimeoutMs })
      : undefined,
    guards,
    settings: { enrichmentFreshDays: config.enrichment.freshDays, enrichmentMaxCostUsd: config.enrichment.maxCostUsd },
  };
  const inFlight = createInFlightWork();
  const feedback = new FeedbackRepository(prisma);
  const assistant = observeAssistant(
    createAssistant({ services, conversations, deliveries, feedback, model, inFlight, deadlines: config.deadlines }),
    telemetry,
  );
  return {
    ...runtime,
    users,
    leads,
    conversations,
    deliveries,
    feedback,
    guards,
    services,
    model,
    assistant,
    inFlight,
    auditTrail: audit,
    telemetry,
    // What the process holds in the database goes back before the pool closes: budget leases (their unused part
    // would otherwise stay counted against the rep's day until the sweeper finds them) and reservations still
    // open, each settled and audited, and the audit rows still batched. `salesos start` does this in
    // app/shutdown.ts after its grace period; one-shot commands (ask, eval, chat, mcp…) only here. A second run
    // finds nothing left to do.
    async close() {
      await audit.flush().catch((err: unknown) => log.error('could not write the last audit entries', { err }));
      await guards.costs.settleOpen().catch((err: unknown) => log.error('could not settle the reservations and budget leases still open', { err }));
      await audit.flush().catch((err: unknown) => log.error('could not write the last audit entries', { err }));
      await runtime.close();
    },
  };
}
