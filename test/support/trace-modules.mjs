// `node --import ./test/support/trace-modules.mjs …`: writes the URL of every module the process resolved
// (ESM imports and CommonJS requires alike, through Node's in-thread module hooks) to the file named by
// TRACE_MODULES_FILE when the process exits. Tests use it to see what a command really loads.
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
process.on('exit', () => fs.writeFileSync(process.env.TRACE_MODULES_FILE, [...loaded].join('\n') + '\n'));
