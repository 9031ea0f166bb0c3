// Local, worst-case token counts for a model call, so a reservation is made before anything is sent.
import { createRequire } from 'node:module';
import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import type { countTokens as CountTokens } from 'gpt-tokenizer';
import type { ModelPrice } from './prices.ts';

// The tokenizer's tables take ~0.1 s and tens of MB to load; only a priced model's calls count tokens (a
// free one, like the offline model, skips counting), so it is loaded on the first count, not at start.
const requireHere = createRequire(import.meta.url);
let tokenizer: typeof CountTokens | undefined;
const countTokens = (text: string): number => (tokenizer ??= (requireHere('gpt-tokenizer') as { countTokens: typeof CountTokens }).countTokens)(text);

/** What an image or document part is assumed to cost: providers bill files by size, not by their bytes as text. */
export const FILE_PART_TOKENS = 2_000;

/**
 * Input tokens of the prompt and tool definitions, counted over their JSON. The JSON (keys, quotes,
 * schema text) is a superset of what the provider tokenizes, so the count errs high — as a reservation must.
 */
export function estimateInputTokens(params: Pick<LanguageModelV4CallOptions, 'prompt' | 'tools' | 'responseFormat'>): number {
  let files = 0;
  const stringify = (value: unknown) =>
    JSON.stringify(value ?? null, (_key, v: unknown) => {
      if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'file') {
        files++;
        return { ...(v as object), data: '[file]' };
      }
      return v;
    });
  // Counted piece by piece so the parts every call repeats (tool schemas, instructions, earlier messages)
  // come from the cache; a token never spans two pieces, so the sum errs high, as a reservation must.
  let tokens = cachedCount(stringify(params.tools)) + cachedCount(stringify(params.responseFormat));
  for (const message of params.prompt) tokens += cachedCount(stringify(message));
  return tokens + files * FILE_PART_TOKENS;
}

const CACHE_LIMIT = 2_000;
const counts = new Map<string, number>();

function cachedCount(text: string): number {
  const hit = counts.get(text);
  if (hit !== undefined) return hit;
  const n = countTokens(text);
  if (counts.size >= CACHE_LIMIT) counts.delete(counts.keys().next().value!);
  counts.set(text, n);
  return n;
}

/** The most output tokens the call may produce: the caller's cap, else the model's own maximum. */
export function maxOutputTokens(params: Pick<LanguageModelV4CallOptions, 'maxOutputTokens'>, price: ModelPrice): number {
  return params.maxOutputTokens ?? price.maxOutputTokens;
}
