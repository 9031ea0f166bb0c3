// `salesos eval <file.jsonl>`: how well the configured model (offline, OpenAI or a compatible server)
// routes a set of phrasings to tools, through the same assistant, tools and policy a rep gets.
import { readFile } from 'node:fs/promises';
import { ValidationError } from '../../core/errors.ts';
import { parseOptions, type Command } from './command.ts';

export const evalCommand: Command = {
  name: 'eval',
  usage: 'eval <file.jsonl> [--as <email>] [--json] [--min <pct>]',
  summary: 'Run a phrasing set against the configured model: accuracy per tool and per case; exits 1 under --min.',
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { as: { type: 'string' }, json: { type: 'boolean' }, min: { type: 'string' } }, true);
    if (positionals.length !== 1) throw new ValidationError('Name one phrasing set, e.g. salesos eval phrasings.jsonl (the format is in the README).');
    const min = values.min === undefined ? undefined : Number(values.min.replace(/%$/, ''));
    if (min !== undefined && !(Number.isFinite(min) && min >= 0 && min <= 100))
      throw new ValidationError(`--min must be a percentage from 0 to 100 (got "${values.min}").`);
    const file = positionals[0]!;
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new ValidationError(`Cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}.`);
    });
    const { parsePhrasingSet } = await import('../eval/phrasing-set.ts');
    const cases = parsePhrasingSet(text, file);
    const [{ formatReport, runEval, summarise }, { actorFor, openContainer }] = await Promise.all([import('../eval/run-eval.ts'), import('./session.ts')]);
    const container = await openContainer();
    try {
      const actor = await actorFor(container, values.as);
      const scope = await container.users.scopeFor(actor);
      const results = await runEval(cases, {
        assistant: container.assistant,
        lookup: container.services.lookup,
        actor,
        scope,
        onCase: values.json || !process.stderr.isTTY ? undefined : (_r, done, total) => process.stderr.write(`\r${done}/${total}`),
      });
      if (!values.json && process.stderr.isTTY) process.stderr.write('\r');
      const summary = summarise(results);
      if (values.json) process.stdout.write(JSON.stringify({ model: container.model.id, summary, cases: results }, null, 2) + '\n');
      else process.stdout.write(formatReport(results, summary, container.model.label) + '\n');
      if (min !== undefined && summary.accuracy * 100 < min) {
        process.stderr.write(`Accuracy ${(summary.accuracy * 100).toFixed(1)}% is under --min ${min}%.\n`);
        return 1;
      }
      return 0;
    } finally {
      await container.close();
    }
  },
};
