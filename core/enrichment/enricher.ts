// The one entry point tools use to enrich a lead: the agent when one is configured, with the builtin
// derivations filling whatever the agent left empty; the builtin enricher alone otherwise.
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { createEnrichmentAgentClient, type EnrichmentAgentClient, type EnrichmentAgentClientOptions } from './agent-client.ts';
import { builtinEnrich } from './builtin-enricher.ts';
import {
  ENRICHABLE_FIELDS,
  isEmptyValue,
  type EmailFlags,
  type EnrichableField,
  type EnrichedFields,
  type EnrichmentResult,
  type EnrichOptions,
  type LeadSnapshot,
} from './types.ts';

export interface EnricherResult extends EnrichmentResult {
  flags: EmailFlags;
  /** Which enricher supplied each filled field. */
  fieldSources: Partial<Record<EnrichableField, 'agent' | 'builtin'>>;
}

export interface Enricher {
  kind: 'agent' | 'builtin';
  enrich(lead: LeadSnapshot, opts?: EnrichOptions): Promise<EnricherResult>;
  /** The agent client, when there is one (for health checks). */
  agent?: EnrichmentAgentClient;
}

/** Client settings beyond what config holds (tests, tuning). */
export type EnricherOverrides = Partial<Omit<EnrichmentAgentClientOptions, 'baseUrl' | 'token' | 'timeoutMs'>> & { logger?: Logger };

export function createEnricher(config: Omit<Config['enrichment'], 'analysisTimeoutMs'>, overrides: EnricherOverrides = {}): Enricher {
  if (!config.url) {
    return {
      kind: 'builtin',
      async enrich(lead, opts = {}) {
        const result = builtinEnrich(lead, { fields: opts.fields });
        return { ...result, fieldSources: sourcesOf(result.fields, 'builtin') };
      },
    };
  }
  const agent = createEnrichmentAgentClient({ ...overrides, baseUrl: config.url, token: config.token, timeoutMs: config.timeoutMs });
  return {
    kind: 'agent',
    agent,
    async enrich(lead, opts = {}) {
      const fromAgent = await agent.enrich(lead, opts);
      // Builtin sees the lead as the agent left it, so it only fills what both left empty.
      const merged = { ...lead, ...fromAgent.fields } as LeadSnapshot;
      const derived = builtinEnrich(merged, { fields: opts.fields });
      return {
        ...fromAgent,
        fields: { ...derived.fields, ...fromAgent.fields },
        confidence: { ...derived.confidence, ...fromAgent.confidence },
        sources: [...fromAgent.sources, ...(Object.keys(derived.fields).length ? ['builtin'] : [])],
        notes: [...fromAgent.notes, ...derived.notes],
        flags: derived.flags,
        fieldSources: { ...sourcesOf(derived.fields, 'builtin'), ...sourcesOf(fromAgent.fields, 'agent') },
      };
    },
  };
}

function sourcesOf(fields: EnrichedFields, source: 'agent' | 'builtin'): Partial<Record<EnrichableField, 'agent' | 'builtin'>> {
  return Object.fromEntries(Object.keys(fields).map((k) => [k, source]));
}

export type LeadChanges = Partial<Record<EnrichableField, { before: unknown; after: unknown }>>;

/**
 * The fields `after` actually changes on `before`: empty -> value, or value -> a different value.
 * An empty value in `after` means "nothing found", never "clear it". Arrays compare as sets.
 * `before` is null when the field was empty, so the result can be stored as JSON.
 */
export function diffLead(before: Partial<LeadSnapshot>, after: EnrichedFields): LeadChanges {
  const changes: LeadChanges = {};
  for (const field of ENRICHABLE_FIELDS) {
    const next = after[field];
    if (isEmptyValue(next)) continue;
    const prev = before[field];
    if (!isEmptyValue(prev) && sameValue(prev, next)) continue;
    changes[field] = { before: isEmptyValue(prev) ? null : prev, after: next };
  }
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const left = new Set(a);
    const right = new Set(b);
    return left.size === right.size && [...left].every((v) => right.has(v));
  }
  return a === b;
}
