// The migration to one neutral address moves what the per-platform columns held: a database at the
// migration before it, with Slack DM channels and Teams conversation references in the old columns, is
// migrated and read back in the new shape. Nothing else on the rows changes.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../core/db/migrate.ts';
import { createEmptyDatabase } from '../support/db.ts';

const MIGRATION = '20261129174000_chat_addresses';

const reference = {
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  conversation: { id: 'a:1xyz', conversationType: 'personal', tenantId: 'tenant-1' },
  user: { id: '29:abc', aadObjectId: 'aad-1' },
  bot: { id: '28:salesos', name: 'SalesOS' },
};

describe(`migration ${MIGRATION}`, () => {
  let database: { url: string; drop(): Promise<void> };
  let client: pg.Client;
  let rows: Record<string, { platform: string; address: unknown; unreachableReason: string | null; teamsUserId: string | null }>;
  let columns: string[];

  beforeAll(async () => {
    database = await createEmptyDatabase();
    const all = readMigrations();
    expect(all.map((m) => m.name)).toContain(MIGRATION);
    await migrate(
      database.url,
      all.filter((m) => m.name < MIGRATION),
    );
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`INSERT INTO users (id, email, name, role, "timeZone", "updatedAt") VALUES
      ('00000000-0000-4000-8000-000000000001', 'm@t.io', 'Manager', 'manager', 'UTC', now())`);
    const user = '00000000-0000-4000-8000-000000000001';
    await client.query(
      `INSERT INTO platform_identities (id, "userId", platform, "tenantId", "externalUserId", "slackDmChannelId", "teamsConversation", "teamsUserId", "unreachableReason", "updatedAt") VALUES
        ('00000000-0000-4000-8000-0000000000a1', $1, 'slack', 'T1', 'U1', 'D123', NULL, NULL, NULL, now()),
        ('00000000-0000-4000-8000-0000000000a2', $1, 'slack', 'T2', 'U2', NULL, NULL, NULL, 'Slack refused the DM (user_disabled)', now()),
        ('00000000-0000-4000-8000-0000000000a3', $1, 'teams', 'tenant-1', 'aad-1', NULL, $2::jsonb, '29:abc', NULL, now()),
        ('00000000-0000-4000-8000-0000000000a4', $1, 'teams', 'tenant-1', 'aad-2', NULL, NULL, '29:def', NULL, now()),
        ('00000000-0000-4000-8000-0000000000a5', $1, 'console', '', 'cli', NULL, NULL, NULL, NULL, now()),
        ('00000000-0000-4000-8000-0000000000a6', $1, 'teams', 'tenant-2', 'aad-6', NULL, '"not a reference"'::jsonb, NULL, NULL, now())`,
      [user, JSON.stringify(reference)],
    );
    // Up to this migration only: later ones are not its business.
    expect(
      await migrate(
        database.url,
        all.filter((m) => m.name <= MIGRATION),
      ),
    ).toEqual([MIGRATION]);
    const res = await client.query(`SELECT id::text, platform::text, address, "unreachableReason", "teamsUserId" FROM platform_identities`);
    rows = Object.fromEntries(res.rows.map((r) => [r.id.slice(-2), r]));
    columns = (await client.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'platform_identities'`)).rows.map(
      (r) => r.column_name,
    );
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('moves a Slack DM channel into the address as {channel}', () => {
    expect(rows.a1!.address).toEqual({ channel: 'D123' });
  });

  it('moves a Teams conversation reference into the address unchanged, even one Teams could not use', () => {
    expect(rows.a3!.address).toEqual(reference);
    // Kept as it was: the Teams sender reads it as "no conversation stored" (test/bots/teams/install-proactive).
    expect(rows.a6!.address).toBe('not a reference');
  });

  it('leaves identities that had no address without one, and keeps their other columns', () => {
    expect(rows.a2).toMatchObject({ address: null, unreachableReason: 'Slack refused the DM (user_disabled)' });
    expect(rows.a4).toMatchObject({ address: null, teamsUserId: '29:def' });
    expect(rows.a5).toMatchObject({ platform: 'console', address: null });
  });

  it('drops the per-platform columns', () => {
    expect(columns).toContain('address');
    expect(columns).not.toContain('slackDmChannelId');
    expect(columns).not.toContain('teamsConversation');
  });
});
