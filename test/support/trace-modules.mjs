// `node --import ./test/support/trace-modules.mjs …`: appends the process's Node flags (a `# execArgv` line)
// and the URL of every module it resolved (ESM imports and CommonJS requires alike, through Node's in-thread
// module hooks) to the file named by TRACE_MODULES_FILE when the process exits. A process that salesos
// hands over to inherits the hook and appends its own. Tests use it to see what a command really loads.
import fs from 'node:fs';
import { registerHooks } from 'node:module';

const loaded = new Set();
registerHooks({
  resolve(specifier, context, next) {
    const result = next(specifier, context);
    loaded.add(result.url);
    return result;
  },
});
process.on('exit', () => fs.appendFileSync(process.env.TRACE_MODULES_FILE, [`# execArgv ${process.execArgv.join(' ')}`, ...loaded].join('\n') + '\n'));
