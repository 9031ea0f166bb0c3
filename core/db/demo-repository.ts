// Writes the generated demo organisation (core/demo/generate.ts, seeded by core/demo/seed.ts) in one
// transaction. Leads and their history go in as one jsonb parameter per batch (INSERT ... SELECT FROM
// jsonb_populate_recordset): several times faster than createMany, which keeps a 2,000-lead seed well
// under the 5 s target.
import { poolBehind } from './client.ts';
import { Prisma, type PrismaClient } from './generated/client.ts';
import { ConflictError } from '../errors.ts';
import type { DemoActivity, DemoEnrichment, DemoLead, DemoOrganisation } from '../demo/types.ts';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export class DemoRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * True when the database has no users, i.e. nobody has set it up yet. Every command on the embedded database
   * asks this first: plain SQL on the client's pool, so a one-shot `salesos ask` does not load and run Prisma's
   * query compiler for it (a few hundred ms of CPU; bench/cli-start.ts). Prisma only without a pool.
   */
  async isEmpty(): Promise<boolean> {
    const pool = poolBehind(this.prisma);
    if (pool) {
      const { rows } = await pool.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM users) AS empty');
      return rows[0]!.empty;
    }
    return (await this.prisma.user.count()) === 0;
  }

  /**
   * Writes the organisation into an empty database; with `force`, empties a database that has users first
   * (every application table). Returns whether it emptied one.
   */
  async write(org: DemoOrganisation, opts: { force?: boolean; batchSize: number }): Promise<{ cleared: boolean }> {
    let cleared = false;
    await this.prisma.$transaction(
      async (tx) => {
        // Serialise concurrent seeds: the emptiness check and the writes must see the same database.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707370)`;
        const users = await tx.user.count();
        if (users > 0 && !opts.force) {
          throw new ConflictError(
            `The database already has ${users} user(s), so the demo organisation was not seeded. ` +
              'Use `salesos seed --force` to empty the database and seed the demo instead.',
          );
        }
        if (users > 0 || opts.force) {
          await clearAllData(tx);
          cleared = true;
        }
        await writeOrganisation(tx, org, opts.batchSize);
      },
      // Large demos (the CLI allows up to 1,000,000 leads) need longer than the default 5 s.
      { timeout: Math.max(120_000, org.leads.length * 2), maxWait: 10_000 },
    );
    return { cleared };
  }
}

// Every application table (not the migration history), so a forced seed starts from a known state.
async function clearAllData(tx: Tx): Promise<void> {
  const tables = await tx.$queryRaw<{ name: string }[]>`
    SELECT tablename::text AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (!tables.length) return;
  const list = tables.map((t) => `"${t.name.replace(/"/g, '""')}"`).join(', ');
  await tx.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}

async function writeOrganisation(tx: Tx, org: DemoOrganisation, batch: number): Promise<void> {
  // Users first without teams, then teams (they reference their manager), then team membership.
  await tx.user.createMany({
    data: org.users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, timeZone: u.timeZone })),
  });
  await tx.team.createMany({ data: org.teams.map((t) => ({ id: t.id, name: t.name, managerId: t.managerId })) });
  for (const team of org.teams) {
    const members = org.users.filter((u) => u.teamId === team.id).map((u) => u.id);
    await tx.user.updateMany({ where: { id: { in: members } }, data: { teamId: team.id } });
  }
  await tx.platformIdentity.createMany({ data: org.identities });
  await tx.digestPreference.createMany({ data: org.digestPreferences });
  await tx.offerProfile.create({ data: { scope: 'organisation', scopeKey: 'organisation', ...org.offer } });

  for (const rows of chunks(org.leads, batch)) await insertJson(tx, 'leads', LEAD_COLUMNS, rows);
  for (const rows of chunks(org.activities, batch)) await insertJson(tx, 'lead_activities', ACTIVITY_COLUMNS, rows);
  for (const rows of chunks(org.enrichments, batch)) await insertJson(tx, 'enrichment_history', ENRICHMENT_COLUMNS, rows);
}

const LEAD_COLUMNS = [
  'id',
  'email',
  'fullName',
  'firstName',
  'lastName',
  'title',
  'seniority',
  'company',
  'companyDomain',
  'industry',
  'companySize',
  'country',
  'city',
  'techStack',
  'linkedinUrl',
  'status',
  'score',
  'ownerId',
  'source',
  'enrichedAt',
  'lastActivityAt',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof DemoLead)[];
const ACTIVITY_COLUMNS = ['id', 'leadId', 'actorId', 'type', 'fromStatus', 'toStatus', 'body', 'createdAt'] as const satisfies readonly (keyof DemoActivity)[];
const ENRICHMENT_COLUMNS = ['id', 'leadId', 'actorId', 'source', 'changes', 'costUsd', 'createdAt'] as const satisfies readonly (keyof DemoEnrichment)[];

// Columns not listed (searchText, data) take their defaults; the search-text trigger still runs per row.
async function insertJson(tx: Tx, table: string, columns: readonly string[], rows: object[]): Promise<void> {
  const list = Prisma.raw(columns.map((c) => `"${c}"`).join(', '));
  await tx.$executeRaw`
    INSERT INTO ${Prisma.raw(`"${table}"`)} (${list})
    SELECT ${list} FROM jsonb_populate_recordset(NULL::${Prisma.raw(`"${table}"`)}, ${JSON.stringify(rows)}::jsonb)`;
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
