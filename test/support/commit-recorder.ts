// A pg pool that records, per connection, every statement sent and what PostgreSQL answered, so a test can
// count the transactions a piece of our code commits and which of them waited for the WAL flush. A
// transaction counts as asynchronous only when PostgreSQL itself said so: one of its statements returned
// a `synchronous_commit` column with the value `off` (set_config's answer, for that transaction). Every
// other committed transaction is counted as durable — the strict reading.
import pg from 'pg';

export interface RecordedTransaction {
  connection: number;
  statements: string[];
  asynchronous: boolean;
  committed: boolean;
}

interface Statement {
  connection: number;
  text: string;
  /** True when a row answered synchronous_commit = off. */
  asyncCommit: boolean;
  failed: boolean;
}

function asyncAnswer(result: unknown): boolean {
  for (const r of Array.isArray(result) ? result : [result]) {
    const res = r as pg.QueryResult | undefined;
    if (!res?.fields) continue;
    const at = res.fields.findIndex((f) => f.name === 'synchronous_commit');
    if (at < 0) continue;
    for (const row of res.rows as unknown[]) {
      const v = Array.isArray(row) ? row[at] : (row as Record<string, unknown>).synchronous_commit;
      if (v === 'off') return true;
    }
  }
  return false;
}

export interface CommitRecorder {
  pool: pg.Pool;
  /** Forget what was recorded so far. */
  reset(): void;
  /** The transactions recorded since the last reset, in the order they ended. */
  transactions(): RecordedTransaction[];
}

export function recordingPool(connectionString: string, max = 4): CommitRecorder {
  const log: Statement[] = [];
  let nextId = 0;
  class RecordingClient extends pg.Client {
    readonly recorderId = ++nextId;
    override query(...args: unknown[]): never {
      const first = args[0] as string | { text?: string };
      const text = typeof first === 'string' ? first : (first?.text ?? '');
      const note = (result: unknown, failed: boolean) => log.push({ connection: this.recorderId, text, asyncCommit: !failed && asyncAnswer(result), failed });
      const cb = args.findIndex((a) => typeof a === 'function');
      if (cb >= 0) {
        const done = args[cb] as (err: unknown, res: unknown) => void;
        args[cb] = (err: unknown, res: unknown) => {
          note(res, !!err);
          done(err, res);
        };
        return (super.query as (...a: unknown[]) => never)(...args);
      }
      const out = (super.query as (...a: unknown[]) => unknown)(...args);
      if (out && typeof (out as Promise<unknown>).then === 'function')
        (out as Promise<unknown>).then(
          (res) => note(res, false),
          () => note(undefined, true),
        );
      return out as never;
    }
  }
  const pool = new pg.Pool({ connectionString, max, Client: RecordingClient });
  return {
    pool,
    reset: () => void log.splice(0),
    transactions() {
      const out: RecordedTransaction[] = [];
      const open = new Map<number, RecordedTransaction>();
      for (const s of log) {
        const parts = s.text.split(/;\s*/).map((p) => p.trim().toUpperCase());
        let tx = open.get(s.connection);
        if (!tx && parts[0] === 'BEGIN') {
          tx = { connection: s.connection, statements: [], asynchronous: false, committed: false };
          open.set(s.connection, tx);
        }
        if (tx) {
          tx.statements.push(s.text);
          tx.asynchronous ||= s.asyncCommit;
          if (parts[0] === 'COMMIT' || parts[0] === 'ROLLBACK') {
            tx.committed = parts[0] === 'COMMIT' && !s.failed;
            open.delete(s.connection);
            out.push(tx);
          }
          continue;
        }
        // Outside BEGIN … COMMIT each statement is its own transaction, committed when it succeeded.
        out.push({ connection: s.connection, statements: [s.text], asynchronous: s.asyncCommit, committed: !s.failed });
      }
      return out;
    },
  };
}
