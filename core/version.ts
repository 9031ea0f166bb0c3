// The SalesOS version, from package.json (told to MCP clients and shown by tools that report themselves).
import fs from 'node:fs';

export const SALESOS_VERSION: string = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
