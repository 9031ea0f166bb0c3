-- CostGuard budget leases: a process takes a slice of a user's (and team's) remaining daily budget in one
-- statement, under the same advisory locks as a reservation, and serves its calls' reservations from that slice
-- in memory; a paid call then waits only for its settle + audit commit. A lease is a usage_entries row with
-- "lease" = true and status 'reserved'; "leasedUsd" is what it was granted (less what it gave back) and
-- "reservedUsd" what it counts against the budget, so the running totals (usage_day_totals, migration
-- 20261129172500) count it through the existing triggers, unchanged: the processes together can never hold or
-- spend more than the budget. A leased call's own row ("leaseId" = its lease) is inserted, settled, by the audit
-- append's statement (one commit); the lease row is not touched per call (updating one row per call made every
-- call pay for that row's versions and the totals trigger twice). So between reconciliations a lease counts its
-- settled calls' estimates as well as their costs — never less than it should, at most one lease more — and
-- "reservedUsd" is set back to "leasedUsd" less its calls' estimates whenever the process takes another lease,
-- gives one back, every second it has settled calls (core/cost/budget-lease.ts), and before the sweeper settles
-- a lease its process left behind (at what it then holds: the calls that were in flight and the unused rest).
ALTER TABLE "usage_entries" ADD COLUMN "lease" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "leaseId" UUID,
  ADD COLUMN "leasedUsd" DECIMAL(12,6);
-- No foreign key to the lease: a call whose lease row was lost (an asynchronous commit, a database crash) is
-- still written. No index either: a lease's calls are its user's rows of its day (usage_entries_userId_day_idx),
-- and an index on "leaseId" would cost every ledger insert a write for a lookup made about once a second.

-- What an open lease holds: what it was granted less the estimates of the calls settled from it.
CREATE OR REPLACE FUNCTION salesos_lease_held(p_lease uuid, p_user uuid, p_day text, p_leased numeric) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT p_leased - COALESCE((SELECT SUM(c."reservedUsd") FROM usage_entries c WHERE c."userId" = p_user AND c.day = p_day AND c."leaseId" = p_lease), 0)
$$;

-- Take a lease: the checks of salesos_reserve_usage (same locks, same order, same refusals and figures), then
-- hold GREATEST(estimate, LEAST(share × the smaller limit, half of what is left)), never more than is left.
-- Half of what is left, so near the end of a day the leases shrink and other replicas still find budget.
-- p_return / p_return_usd: the caller's previous lease of this user and the part of it no call uses, given back
-- in the same statement (before the check), so what this process held counts as available again.
CREATE OR REPLACE FUNCTION salesos_take_lease(
  p_id uuid,
  p_user uuid,
  p_time_zone text,
  p_day text,
  p_kind text,
  p_estimate numeric,
  p_share numeric,
  p_default_limit numeric,
  p_return uuid,
  p_return_usd numeric
) RETURNS TABLE (r_status text, r_name text, r_time_zone text, r_user_limit numeric, r_team_id uuid, r_team_limit numeric, r_used numeric, r_granted numeric, r_returned boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_name text;
  v_tz text;
  v_user_limit numeric;
  v_team uuid;
  v_team_limit numeric;
  v_limit numeric;
  v_used_user numeric;
  v_used_team numeric;
  v_left numeric;
  v_grant numeric;
  v_returned boolean := false;
BEGIN
  PERFORM pg_advisory_xact_lock(1, hashtext(p_user::text));
  SELECT u.name, u."timeZone", u."dailyLimitUsd", u."teamId", t."dailyLimitUsd"
    INTO v_name, v_tz, v_user_limit, v_team, v_team_limit
    FROM users u LEFT JOIN teams t ON t.id = u."teamId"
   WHERE u.id = p_user;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'no_user'::text, NULL::text, NULL::text, NULL::numeric, NULL::uuid, NULL::numeric, NULL::numeric, NULL::numeric, false;
    RETURN;
  END IF;
  IF v_tz IS DISTINCT FROM p_time_zone THEN
    RETURN QUERY SELECT 'time_zone'::text, v_name, v_tz, v_user_limit, v_team, v_team_limit, NULL::numeric, NULL::numeric, false;
    RETURN;
  END IF;
  IF v_team_limit IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(2, hashtext(v_team::text));
  END IF;

  IF p_return IS NOT NULL THEN
    -- Given back and reconciled: the old lease then counts exactly what its calls in flight still need.
    UPDATE usage_entries SET "leasedUsd" = "leasedUsd" - COALESCE(p_return_usd, 0),
           "reservedUsd" = salesos_lease_held(id, "userId", day, "leasedUsd" - COALESCE(p_return_usd, 0))
     WHERE id = p_return AND lease AND status = 'reserved' AND "leasedUsd" >= COALESCE(p_return_usd, 0);
    v_returned := FOUND;
  END IF;

  v_limit := COALESCE(v_user_limit, p_default_limit);
  v_used_user := COALESCE((SELECT "usedUsd" FROM usage_day_totals WHERE scope = 1 AND "scopeId" = p_user AND day = p_day), 0);
  IF v_limit = 0 OR v_used_user + p_estimate > v_limit THEN
    RETURN QUERY SELECT 'user'::text, v_name, v_tz, v_user_limit, v_team, v_team_limit, v_used_user, NULL::numeric, v_returned;
    RETURN;
  END IF;
  v_left := v_limit - v_used_user;
  IF v_team_limit IS NOT NULL THEN
    v_used_team := COALESCE((SELECT "usedUsd" FROM usage_day_totals WHERE scope = 2 AND "scopeId" = v_team AND day = p_day), 0);
    IF v_used_team + p_estimate > v_team_limit THEN
      RETURN QUERY SELECT 'team'::text, v_name, v_tz, v_user_limit, v_team, v_team_limit, v_used_team, NULL::numeric, v_returned;
      RETURN;
    END IF;
    v_left := LEAST(v_left, v_team_limit - v_used_team);
    v_limit := LEAST(v_limit, v_team_limit);
  END IF;
  v_grant := LEAST(v_left, GREATEST(p_estimate, LEAST(trunc(v_limit * p_share, 6), trunc(v_left / 2, 6))));
  -- The insert's trigger adds the lease to the user's (and team's) total in this same statement.
  INSERT INTO usage_entries (id, "userId", "teamId", day, kind, name, status, "reservedUsd", "costUsd", lease, "leasedUsd")
  VALUES (p_id, p_user, v_team, p_day, p_kind::"AuditKind", 'budget lease', 'reserved', v_grant, 0, true, v_grant);
  RETURN QUERY SELECT 'ok'::text, v_name, v_tz, v_user_limit, v_team, v_team_limit, v_used_user, v_grant, v_returned;
END
$$;

-- The audit append of migration 20261129150000, with leased calls: a close carrying "leaseId" inserts the call's
-- own row, settled, while its lease is open (a 'released' one writes nothing: its estimate stays with the lease).
-- Results as before: 'settled'; 'restored' when the row to close is gone
-- (the reservation's, or the lease's: an asynchronous commit lost in a database crash), and the charge is written
-- afresh; 'closed' when it was already closed (the sweeper or shutdown charged it, a leased call's estimate
-- within its lease): nothing charged again.
-- Every row is found by primary key (`= ANY(ids)`): the earlier version joined the closes (a JSON set the planner
-- takes for 100 rows) to usage_entries and checked for lost rows on every call, which the planner answered with
-- scans of the whole ledger. The check for lost rows now runs only when something was not closed.
CREATE OR REPLACE FUNCTION salesos_append_audit(p_expect jsonb, p_created_at timestamptz, p_rows jsonb, p_head jsonb, p_closes jsonb)
RETURNS TABLE (r_status text, r_closes text[], h_last_seq bigint, h_last_hash text, h_count bigint, h_key_id text, h_mac text)
LANGUAGE plpgsql AS $$
DECLARE
  h audit_chain_head%ROWTYPE;
  v_closes text[];
  v_ids uuid[];
  v_leases uuid[];
  v_status text[];
  v_call_ids uuid[];
  v_lease_ids uuid[];
  v_done uuid[] := '{}';
  v_open uuid[] := '{}';
  v_written uuid[] := '{}';
  v_restored uuid[] := '{}';
  v_n int;
BEGIN
  -- The same lock as every other append and re-anchoring (core/db/audit-repository.ts AUDIT_CHAIN_LOCK).
  PERFORM pg_advisory_xact_lock(7240301);
  SELECT * INTO h FROM audit_chain_head WHERE id = 1;
  -- No head row is expected only before the first anchored append (the caller then holds the lock already).
  IF FOUND IS DISTINCT FROM (p_expect IS NOT NULL)
     OR h."lastSeq" IS DISTINCT FROM (p_expect->>'lastSeq')::bigint OR h."lastHash" IS DISTINCT FROM p_expect->>'lastHash'
     OR h."entryCount" IS DISTINCT FROM (p_expect->>'count')::bigint OR h."keyId" IS DISTINCT FROM p_expect->>'keyId'
     OR h.mac IS DISTINCT FROM p_expect->>'mac' THEN
    RETURN QUERY SELECT 'moved'::text, NULL::text[], h."lastSeq", h."lastHash", h."entryCount", h."keyId", h.mac;
    RETURN;
  END IF;

  v_n := COALESCE(jsonb_array_length(p_closes), 0);
  IF v_n > 0 THEN
    SELECT array_agg((c->>'id')::uuid ORDER BY ord), array_agg((c->>'leaseId')::uuid ORDER BY ord), array_agg(c->>'status' ORDER BY ord),
           array_agg((c->>'id')::uuid) FILTER (WHERE c->>'leaseId' IS NULL), array_agg(DISTINCT (c->>'leaseId')::uuid) FILTER (WHERE c->>'leaseId' IS NOT NULL)
      INTO v_ids, v_leases, v_status, v_call_ids, v_lease_ids
      FROM jsonb_array_elements(p_closes) WITH ORDINALITY AS e(c, ord);

    IF v_call_ids IS NOT NULL THEN
      WITH closed AS (
        UPDATE usage_entries u
        SET status = s.status::"UsageStatus", "costUsd" = s."costUsd", "inputTokens" = s."inputTokens", "outputTokens" = s."outputTokens", "settledAt" = now()
        FROM jsonb_to_recordset(p_closes) AS s(id uuid, "leaseId" uuid, status text, "costUsd" numeric, "inputTokens" int, "outputTokens" int)
        WHERE u.id = ANY(v_call_ids) AND s."leaseId" IS NULL AND u.id = s.id AND u.status = 'reserved' AND NOT u.lease
        RETURNING u.id
      ) SELECT COALESCE(array_agg(id), '{}') INTO v_done FROM closed;
    END IF;

    IF v_lease_ids IS NOT NULL THEN
      -- Open leases only: one the sweeper settled already charged its calls in flight (never twice). The sweeper
      -- takes the chain lock this statement holds, so it cannot settle a lease between this check and the insert.
      -- Status compared as text: found by key, never through the status index.
      SELECT COALESCE(array_agg(id), '{}') INTO v_open FROM usage_entries WHERE id = ANY(v_lease_ids) AND lease AND status::text = 'reserved';
      IF cardinality(v_open) > 0 THEN
        WITH written AS (
          INSERT INTO usage_entries (id, "userId", "teamId", day, kind, name, status, "reservedUsd", "costUsd", "inputTokens", "outputTokens", "settledAt", "leaseId")
          SELECT s.id, s."userId", s."teamId", s.day, s.kind::"AuditKind", s.name, 'settled', s."reservedUsd", s."costUsd", s."inputTokens", s."outputTokens", now(), s."leaseId"
            FROM jsonb_to_recordset(p_closes) AS s(id uuid, "leaseId" uuid, "userId" uuid, "teamId" uuid, day text, kind text, name text, "reservedUsd" numeric,
                                                  status text, "costUsd" numeric, "inputTokens" int, "outputTokens" int)
           WHERE s.status = 'settled' AND s."leaseId" = ANY(v_open)
          ON CONFLICT (id) DO NOTHING
          RETURNING id
        ) SELECT COALESCE(array_agg(id), '{}') INTO v_written FROM written;
      END IF;
    END IF;

    v_closes := array_fill('closed'::text, ARRAY[v_n]);
    FOR i IN 1..v_n LOOP
      IF (v_leases[i] IS NULL AND v_ids[i] = ANY(v_done))
         OR (v_leases[i] IS NOT NULL AND v_leases[i] = ANY(v_open) AND (v_status[i] = 'released' OR v_ids[i] = ANY(v_written))) THEN
        v_closes[i] := 'settled';
      END IF;
    END LOOP;

    -- Rare: something was not closed. A charge whose row (the reservation's, or its lease's) is gone is written afresh.
    IF 'closed' = ANY(v_closes) THEN
      WITH restored AS (
        INSERT INTO usage_entries (id, "userId", "teamId", day, kind, name, status, "reservedUsd", "costUsd", "inputTokens", "outputTokens", "settledAt", "leaseId")
        SELECT s.id, s."userId", s."teamId", s.day, s.kind::"AuditKind", s.name, 'settled', s."reservedUsd", s."costUsd", s."inputTokens", s."outputTokens", now(), s."leaseId"
          FROM jsonb_to_recordset(p_closes) AS s(id uuid, "leaseId" uuid, "userId" uuid, "teamId" uuid, day text, kind text, name text, "reservedUsd" numeric,
                                                status text, "costUsd" numeric, "inputTokens" int, "outputTokens" int)
         WHERE s.status = 'settled' AND NOT (s.id = ANY(v_done) OR s.id = ANY(v_written))
           AND NOT EXISTS (SELECT 1 FROM usage_entries u WHERE u.id = COALESCE(s."leaseId", s.id))
           AND NOT EXISTS (SELECT 1 FROM usage_entries u WHERE u.id = s.id)
        ON CONFLICT (id) DO NOTHING
        RETURNING id
      ) SELECT COALESCE(array_agg(id), '{}') INTO v_restored FROM restored;
      FOR i IN 1..v_n LOOP
        IF v_ids[i] = ANY(v_restored) THEN
          v_closes[i] := 'restored';
        END IF;
      END LOOP;
    END IF;
  END IF;

  INSERT INTO audit_entries (seq, "createdAt", "actorId", platform, "conversationId", kind, name, input, outcome, "errorCode", "costUsd", "durationMs", "prevHash", hash, "chainVersion")
  SELECT (r->>'seq')::bigint, p_created_at, (r->>'actorId')::uuid, r->>'platform', r->>'conversationId', (r->>'kind')::"AuditKind", r->>'name', r->'input',
         (r->>'outcome')::"AuditOutcome", r->>'errorCode', (r->>'costUsd')::numeric, (r->>'durationMs')::int, r->>'prevHash', r->>'hash', 2
  FROM jsonb_array_elements(p_rows) AS r;

  INSERT INTO audit_chain_head (id, "lastSeq", "lastHash", "entryCount", "keyId", mac, "updatedAt")
  VALUES (1, (p_head->>'lastSeq')::bigint, p_head->>'lastHash', (p_head->>'count')::bigint, p_head->>'keyId', p_head->>'mac', p_created_at)
  ON CONFLICT (id) DO UPDATE SET "lastSeq" = EXCLUDED."lastSeq", "lastHash" = EXCLUDED."lastHash", "entryCount" = EXCLUDED."entryCount",
    "keyId" = EXCLUDED."keyId", mac = EXCLUDED.mac, "updatedAt" = EXCLUDED."updatedAt";

  RETURN QUERY SELECT 'ok'::text, COALESCE(v_closes, '{}'::text[]), (p_head->>'lastSeq')::bigint, p_head->>'lastHash', (p_head->>'count')::bigint, p_head->>'keyId', p_head->>'mac';
END
$$;

-- Closing a lease: what it still holds is given back (status 'released', charge 0; its calls' rows count their
-- own costs) and the calls it still had
-- in flight (p_calls, as the closes above: at shutdown, never settled by their turn) are charged at their
-- estimate, swept, in the same statement. Only while the lease is open: an already closed lease (the sweeper
-- charged it) gives nothing back and charges nothing again.
CREATE OR REPLACE FUNCTION salesos_close_lease(p_lease uuid, p_calls jsonb)
RETURNS TABLE (id uuid, "userId" uuid, kind text, name text, "reservedUsd" float8, "createdAt" timestamptz)
LANGUAGE sql AS $$
  WITH l AS (
    UPDATE usage_entries SET status = 'released', "costUsd" = 0, "settledAt" = now()
    WHERE usage_entries.id = p_lease AND lease AND status = 'reserved'
    RETURNING usage_entries.id
  ), calls AS (
    INSERT INTO usage_entries (id, "userId", "teamId", day, kind, name, status, "reservedUsd", "costUsd", "settledAt", "sweptAt", "leaseId")
    SELECT (c->>'id')::uuid, (c->>'userId')::uuid, (c->>'teamId')::uuid, c->>'day', (c->>'kind')::"AuditKind", c->>'name', 'settled',
           (c->>'reservedUsd')::numeric, (c->>'reservedUsd')::numeric, now(), now(), p_lease
    FROM jsonb_array_elements(COALESCE(p_calls, '[]'::jsonb)) AS c
    WHERE EXISTS (SELECT 1 FROM l)
    ON CONFLICT (id) DO NOTHING
    RETURNING usage_entries.id, usage_entries."userId", usage_entries.kind::text, usage_entries.name, usage_entries."reservedUsd"::float8, usage_entries."createdAt"
  )
  SELECT * FROM calls
$$;
