import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPrice, loadPrices, priceUsage, VENDORED_PRICES } from '../../../core/cost/prices.ts';
import { AppError } from '../../../core/errors.ts';

function writeJson(content: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'prices-'));
  const file = path.join(dir, 'prices.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('price table', () => {
  it('is dated, sourced and prices every current OpenAI model plus offline at zero', () => {
    expect(VENDORED_PRICES.takenOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(VENDORED_PRICES.source).toBe('https://openai.com/api/pricing');
    for (const id of ['gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-4o', 'gpt-4o-mini', 'o3', 'o4-mini'])
      expect(findPrice(VENDORED_PRICES, id).outputPerMTok).toBeGreaterThan(0);
    expect(priceUsage(findPrice(VENDORED_PRICES, 'offline'), { inputTokens: 1e6, outputTokens: 1e6 })).toBe(0);
  });

  it('prices a usage per million tokens', () => {
    expect(priceUsage(findPrice(VENDORED_PRICES, 'gpt-5-mini'), { inputTokens: 1_000_000, outputTokens: 500_000 })).toBeCloseTo(0.25 + 1, 9);
  });

  it('prices a dated snapshot like its model family', () => {
    expect(findPrice(VENDORED_PRICES, 'gpt-4o-2024-08-06')).toEqual(findPrice(VENDORED_PRICES, 'gpt-4o'));
  });

  it('refuses an unknown model with a configuration error naming it and COST_PRICES_FILE', () => {
    let err: unknown;
    try {
      findPrice(VENDORED_PRICES, 'llama3.1:8b');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('config_invalid');
    expect((err as AppError).userMessage).toContain('"llama3.1:8b"');
    expect((err as AppError).userMessage).toContain('COST_PRICES_FILE');
  });

  it('merges an override file over the vendored table', () => {
    const file = writeJson({
      'llama3.1:8b': { inputPerMTok: 0, outputPerMTok: 0, maxOutputTokens: 8192 },
      'gpt-4o': { inputPerMTok: 3, outputPerMTok: 12, maxOutputTokens: 16384 },
    });
    const table = loadPrices(file);
    expect(findPrice(table, 'llama3.1:8b').maxOutputTokens).toBe(8192);
    expect(findPrice(table, 'gpt-4o').inputPerMTok).toBe(3);
    expect(findPrice(table, 'gpt-5').inputPerMTok).toBe(1.25);
  });

  it('rejects an override entry with a bad field, naming the model and the field', () => {
    const file = writeJson({ 'my-model': { inputPerMTok: -1, outputPerMTok: 0, maxOutputTokens: 10 } });
    expect(() => loadPrices(file)).toThrow(/model "my-model", field inputPerMTok/);
  });

  it('rejects an override entry with a missing field', () => {
    const file = writeJson({ 'my-model': { inputPerMTok: 1, outputPerMTok: 2 } });
    expect(() => loadPrices(file)).toThrow(/model "my-model", field maxOutputTokens/);
  });

  it('rejects an override file that is not JSON or does not exist', () => {
    expect(() => loadPrices(writeJson('{ nope'))).toThrow(/COST_PRICES_FILE: cannot read .* not valid JSON/);
    expect(() => loadPrices('/nonexistent/prices.json')).toThrow(/does not exist/);
  });
});
