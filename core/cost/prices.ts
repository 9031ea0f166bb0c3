// The vendored model price table CostGuard charges by, and the deployment override (COST_PRICES_FILE).
// An unknown model is a configuration error: a silent zero would switch the budget off.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError, ConfigError } from '../errors.ts';

export interface ModelPrice {
  /** USD per 1M input tokens. */
  inputPerMTok: number;
  /** USD per 1M output tokens (reasoning tokens are billed as output). */
  outputPerMTok: number;
  /** The most output tokens one call can produce: the worst case a reservation assumes. */
  maxOutputTokens: number;
}

export interface PriceTable {
  takenOn: string;
  source: string;
  models: Record<string, ModelPrice>;
}

// Published list prices (standard tier, no cached-input discount) as known on `takenOn`. They change:
// check them against the source before relying on them, and override through COST_PRICES_FILE.
export const VENDORED_PRICES: PriceTable = {
  takenOn: '2025-08-07',
  source: 'https://openai.com/api/pricing',
  models: {
    'gpt-5': { inputPerMTok: 1.25, outputPerMTok: 10, maxOutputTokens: 128_000 },
    'gpt-5-mini': { inputPerMTok: 0.25, outputPerMTok: 2, maxOutputTokens: 128_000 },
    'gpt-5-nano': { inputPerMTok: 0.05, outputPerMTok: 0.4, maxOutputTokens: 128_000 },
    'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8, maxOutputTokens: 32_768 },
    'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6, maxOutputTokens: 32_768 },
    'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4, maxOutputTokens: 32_768 },
    'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10, maxOutputTokens: 16_384 },
    'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6, maxOutputTokens: 16_384 },
    o3: { inputPerMTok: 2, outputPerMTok: 8, maxOutputTokens: 100_000 },
    'o4-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4, maxOutputTokens: 100_000 },
    // Our own deterministic model: free, and it never writes long answers.
    offline: { inputPerMTok: 0, outputPerMTok: 0, maxOutputTokens: 4_096 },
  },
};

const priceSchema = z.strictObject({
  inputPerMTok: z.number().min(0),
  outputPerMTok: z.number().min(0),
  maxOutputTokens: z.number().int().positive(),
});
const overrideSchema = z.record(z.string().min(1), priceSchema);

/** The vendored table, with the models of a JSON override file (`{ "model": { inputPerMTok, outputPerMTok, maxOutputTokens } }`) merged over it. */
export function loadPrices(file?: string, base: PriceTable = VENDORED_PRICES): PriceTable {
  if (!file) return base;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : `it is not valid JSON (${(err as Error).message})`;
    throw new ConfigError([`COST_PRICES_FILE: cannot read ${file}: ${why}`]);
  }
  const parsed = overrideSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const [model, field] = i.path.map(String);
      const where = model === undefined ? 'the file' : field === undefined ? `model "${model}"` : `model "${model}", field ${field}`;
      return `COST_PRICES_FILE (${file}): ${where}: ${i.message}. Expected { "<model id>": { "inputPerMTok": n, "outputPerMTok": n, "maxOutputTokens": n } }`;
    });
    throw new ConfigError(problems);
  }
  return { takenOn: base.takenOn, source: `${base.source} + ${file}`, models: { ...base.models, ...parsed.data } };
}

/** The price of a model id; dated snapshots ("gpt-4o-2024-08-06") fall back to their family. */
export function findPrice(table: PriceTable, modelId: string): ModelPrice {
  const price = table.models[modelId] ?? table.models[modelId.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
  if (price) return price;
  throw new AppError(
    'config_invalid',
    `No price is configured for the AI model "${modelId}", so its cost cannot be checked against the budget. ` +
      `Add it to the JSON file named by COST_PRICES_FILE, e.g. { "${modelId}": { "inputPerMTok": 0.5, "outputPerMTok": 1.5, "maxOutputTokens": 8192 } } ` +
      '(a local model is priced 0 only when it is listed there).',
    { details: { modelId } },
  );
}

/** USD for a usage at a model's price. */
export function priceUsage(price: ModelPrice, usage: { inputTokens: number; outputTokens: number }): number {
  return (usage.inputTokens * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1_000_000;
}
