// Start-up failures that name what failed: which server (host:port of DATABASE_URL, never the password),
// and why — unreachable, authentication refused, database missing — with what to do about it.
import { DependencyError } from '../errors.ts';

/** "host:port" of a connection URL, without user or password. */
export function hostPortOf(url: string, defaultPort: number): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || defaultPort}`;
  } catch {
    return '(an unparseable URL)';
  }
}

function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  for (let e = err as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (typeof e.code === 'string') codes.push(e.code);
    for (const inner of Array.isArray(e.errors) ? e.errors : [])
      if (typeof (inner as { code?: unknown }).code === 'string') codes.push((inner as { code: string }).code);
  }
  return codes;
}

/** The error to stop the start with when PostgreSQL at DATABASE_URL cannot be used. */
export function databaseStartError(err: unknown, databaseUrl: string): DependencyError {
  const where = `PostgreSQL at DATABASE_URL (${hostPortOf(databaseUrl, 5432)})`;
  let database = '';
  let user = '';
  try {
    const u = new URL(databaseUrl);
    database = decodeURIComponent(u.pathname.replace(/^\//, ''));
    user = decodeURIComponent(u.username);
  } catch {
    // the message below still names the variable
  }
  const codes = codesOf(err);
  let message: string;
  if (codes.includes('28P01') || codes.includes('28000'))
    message = `${where} refused the login${user ? ` of user "${user}"` : ''} (authentication failed). Check the user and password in DATABASE_URL.`;
  else if (codes.includes('3D000'))
    message = `The database${database ? ` "${database}"` : ''} does not exist on ${where}. Create it (e.g. createdb ${database || '<name>'}) or fix DATABASE_URL.`;
  else if (codes.some((c) => ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET'].includes(c)))
    message = `${where} cannot be reached (${codes.find((c) => c.startsWith('E'))}). Check that PostgreSQL is running and that DATABASE_URL names the right host and port.`;
  else message = `${where} could not be opened: ${err instanceof Error ? err.message : String(err)}. Check DATABASE_URL.`;
  return new DependencyError('database', message, { cause: err, down: true });
}
