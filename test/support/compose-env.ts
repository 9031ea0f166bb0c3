// Reads a `.env` file the way docker compose does (compose-go's dotenv rules), so tests can load
// `.env.example` exactly as `docker compose up` would hand it to the container, without a Docker engine:
// blank lines and `#` comments skipped; an optional `export ` prefix; `KEY=value` with surrounding blanks
// trimmed; unquoted values end at ` #` (an inline comment); 'single quotes' are literal; "double quotes"
// understand \n, \t, \", \\ and may span lines; ${VAR} and $VAR are interpolated from earlier lines and
// the environment in unquoted and double-quoted values; `KEY` alone (no `=`) takes its value from the
// environment and is skipped when unset there.

export function parseComposeEnv(text: string, environment: Record<string, string | undefined> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const lookup = (name: string) => out[name] ?? environment[name] ?? '';
  const interpolate = (value: string) =>
    value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced: string, dflt: string | undefined, bare: string) => {
      const v = lookup(braced ?? bare);
      return v === '' && dflt !== undefined ? dflt : v;
    });
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let i = 0;
  while (i < src.length) {
    let end = src.indexOf('\n', i);
    if (end < 0) end = src.length;
    const line = src.slice(i, end);
    const trimmed = line.trim();
    i = end + 1;
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(=)?\s*(.*)$/.exec(trimmed);
    if (!m) throw new Error(`unexpected line in .env: ${JSON.stringify(line)}`);
    const [, key, eq, rest] = m as unknown as [string, string, string | undefined, string];
    if (!eq) {
      if (environment[key] !== undefined) out[key] = environment[key]!;
      continue;
    }
    if (rest.startsWith("'")) {
      const close = rest.indexOf("'", 1);
      if (close < 0) throw new Error(`unclosed single quote for ${key}`);
      out[key] = rest.slice(1, close);
    } else if (rest.startsWith('"')) {
      // A double-quoted value may continue on the following lines until the closing quote.
      let body = rest.slice(1);
      let close = findClosingQuote(body);
      while (close < 0 && i < src.length) {
        let next = src.indexOf('\n', i);
        if (next < 0) next = src.length;
        body += '\n' + src.slice(i, next);
        i = next + 1;
        close = findClosingQuote(body);
      }
      if (close < 0) throw new Error(`unclosed double quote for ${key}`);
      const raw = body.slice(0, close).replace(/\\([nt"\\$])/g, (_m, c: string) => ({ n: '\n', t: '\t', '"': '"', '\\': '\\', $: '\u0000' })[c]!);
      out[key] = interpolate(raw).replace(/\u0000/g, '$');
    } else {
      const comment = rest.search(/\s#/);
      out[key] = interpolate((comment >= 0 ? rest.slice(0, comment) : rest).trim());
    }
  }
  return out;
}

function findClosingQuote(s: string): number {
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '\\') k++;
    else if (s[k] === '"') return k;
  }
  return -1;
}
