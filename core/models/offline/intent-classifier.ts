// A multinomial naive Bayes classifier over words, word pairs and character n-grams, trained from the
// phrasing corpus when first used (a few milliseconds). Character n-grams carry it over typos and word
// forms it never saw ("enrichmnet", "replying"); word pairs over phrasings ("not interested").
import { INTENT_CORPUS, INTENTS, type IntentClass } from './intent-corpus.ts';

export interface IntentScore {
  intent: IntentClass;
  probability: number;
}

/** True when not one word of the text was seen in training: the ranking then means nothing. */
export function unfamiliar(text: string): boolean {
  trained ??= train();
  const words = features(text).filter((f) => f.startsWith('w:'));
  return !words.some((f) => trained!.seen.has(f));
}

const WORD_WEIGHT = 3;
const ALPHA = 0.3;

export function features(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^a-z0-9#]+/)
    .filter(Boolean);
  const out: string[] = [];
  for (const w of words) {
    for (let k = 0; k < WORD_WEIGHT; k++) out.push(`w:${w}`);
    const padded = `<${w}>`;
    for (const n of [3, 4]) for (let i = 0; i + n <= padded.length; i++) out.push(`c:${padded.slice(i, i + n)}`);
  }
  for (let i = 0; i + 1 < words.length; i++) for (let k = 0; k < WORD_WEIGHT; k++) out.push(`b:${words[i]} ${words[i + 1]}`);
  return out;
}

interface Model {
  /** Per feature, its log-likelihood under each intent (in INTENTS order): one lookup per feature, not per intent. */
  logLikelihood: Map<string, Float64Array>;
  /** Per intent (INTENTS order), the log-likelihood of a feature it never saw. */
  unseen: Float64Array;
  seen: Set<string>;
}

let trained: Model | undefined;

function train(): Model {
  const vocabulary = new Set<string>();
  const counts = new Map<IntentClass, Map<string, number>>();
  for (const intent of INTENTS) {
    const c = new Map<string, number>();
    for (const line of INTENT_CORPUS[intent]) for (const f of features(line)) c.set(f, (c.get(f) ?? 0) + 1);
    for (const f of c.keys()) vocabulary.add(f);
    counts.set(intent, c);
  }
  const unseen = new Float64Array(INTENTS.length);
  const denominators = INTENTS.map((intent, k) => {
    let total = 0;
    for (const n of counts.get(intent)!.values()) total += n;
    const denominator = total + ALPHA * vocabulary.size;
    unseen[k] = Math.log(ALPHA / denominator);
    return denominator;
  });
  const logLikelihood = new Map<string, Float64Array>();
  for (const f of vocabulary) {
    const row = Float64Array.from(unseen);
    INTENTS.forEach((intent, k) => {
      const n = counts.get(intent)!.get(f);
      if (n !== undefined) row[k] = Math.log((n + ALPHA) / denominators[k]!);
    });
    logLikelihood.set(f, row);
  }
  return { logLikelihood, unseen, seen: vocabulary };
}

/** Every intent with its probability, most likely first. Classes are equally likely a priori. */
export function classifyIntent(text: string): IntentScore[] {
  trained ??= train();
  const fs = features(text);
  // Each intent's sum in feature order, as before the table was turned around: the same floating-point result.
  const sums = new Float64Array(INTENTS.length);
  const { logLikelihood, unseen } = trained;
  for (const f of fs) {
    const row = logLikelihood.get(f) ?? unseen;
    for (let k = 0; k < sums.length; k++) sums[k]! += row[k]!;
  }
  const logs = INTENTS.map((intent, k) => ({ intent, log: sums[k]! }));
  const max = Math.max(...logs.map((l) => l.log));
  // Naive Bayes is overconfident on long inputs; tempering by the feature count keeps probabilities usable.
  const temper = Math.max(1, fs.length / 12);
  const exp = logs.map((l) => ({ intent: l.intent, e: Math.exp((l.log - max) / temper) }));
  const z = exp.reduce((s, x) => s + x.e, 0);
  return exp.map((x) => ({ intent: x.intent, probability: x.e / z })).sort((a, b) => b.probability - a.probability);
}
