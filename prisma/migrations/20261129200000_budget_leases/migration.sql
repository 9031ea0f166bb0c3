-- CostGuard budget leases: a process takes a slice of a user's (and team's) remaining daily budget in one
-- statement, under the same advisory locks as a reservation, and serves its calls' reservations from that slice
-- in memory; a paid call then waits only for its settle + audit commit. A lease is a usage_entries row with
-- "lease" = true and status 'reserved' whose "reservedUsd" is what it still holds, so the running totals
-- (usage_day_totals, migration 20261129172500) count it through the existing triggers, unchanged: the
-- processes together can never hold or spend more than the budget. Settling a leased call inserts the call's
-- own settled row and takes its estimate off the lease, in the audit append's statement (one commit). A lease
-- whose process died stays 'reserved' and the reservation sweeper settles it at what it holds (the calls that
-- were in flight and the unused rest), like any reservation its process never settled.
ALTER TABLE "usage_entries" ADD COLUMN "lease" BOOLEAN NOT NULL DEFAULT false;

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

  IF p_return IS NOT NULL AND p_return_usd > 0 THEN
    UPDATE usage_entries SET "reservedUsd" = "reservedUsd" - p_return_usd
     WHERE id = p_return AND lease AND status = 'reserved' AND "reservedUsd" >= p_return_usd;
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
  INSERT INTO usage_entries (id, "userId", "teamId", day, kind, name, status, "reservedUsd", "costUsd", lease)
  VALUES (p_id, p_user, v_team, p_day, p_kind::"AuditKind", 'budget lease', 'reserved', v_grant, 0, true);
  RETURN QUERY SELECT 'ok'::text, v_name, v_tz, v_user_limit, v_team, v_team_limit, v_used_user, v_grant, v_returned;
END
$$;

-- The audit append of migration 20261129150000, with leased calls: a close carrying "leaseId" takes its
-- reserved amount off that lease (while the lease is open) and inserts the call's own row, settled (or, for
-- 'released', only gives the estimate back to the lease). The call row exists only once its lease's share
-- moved to it, so nothing is counted twice. Results as before: 'settled'; 'restored' when the lease row is gone
-- (its asynchronous commit was lost in a database crash: the charge is written afresh); 'closed' when the lease
-- was already closed (the sweeper or shutdown charged it, this call's estimate included): nothing charged again.
CREATE OR REPLACE FUNCTION salesos_append_audit(p_expect jsonb, p_created_at timestamptz, p_rows jsonb, p_head jsonb, p_closes jsonb)
RETURNS TABLE (r_status text, r_closes text[], h_last_seq bigint, h_last_hash text, h_count bigint, h_key_id text, h_mac text)
LANGUAGE plpgsql AS $$
DECLARE
  h audit_chain_head%ROWTYPE;
  v_closes text[];
BEGIN
  PERFORM pg_advisory_xact_lock(7240301);
  SELECT * INTO h FROM audit_chain_head WHERE id = 1;
  IF FOUND IS DISTINCT FROM (p_expect IS NOT NULL)
     OR h."lastSeq" IS DISTINCT FROM (p_expect->>'lastSeq')::bigint OR h."lastHash" IS DISTINCT FROM p_expect->>'lastHash'
     OR h."entryCount" IS DISTINCT FROM (p_expect->>'count')::bigint OR h."keyId" IS DISTINCT FROM p_expect->>'keyId'
     OR h.mac IS DISTINCT FROM p_expect->>'mac' THEN
    RETURN QUERY SELECT 'moved'::text, NULL::text[], h."lastSeq", h."lastHash", h."entryCount", h."keyId", h.mac;
    RETURN;
  END IF;

  IF p_closes IS NOT NULL AND jsonb_array_length(p_closes) > 0 THEN
    WITH s AS (
      SELECT (c->>'id')::uuid AS id, (c->>'leaseId')::uuid AS "leaseId", (c->>'userId')::uuid AS "userId", (c->>'teamId')::uuid AS "teamId",
             c->>'day' AS day, c->>'kind' AS kind, c->>'name' AS name, (c->>'reservedUsd')::numeric AS reserved, c->>'status' AS status,
             (c->>'costUsd')::numeric AS cost, (c->>'inputTokens')::int AS "inputTokens", (c->>'outputTokens')::int AS "outputTokens", ord
      FROM jsonb_array_elements(p_closes) WITH ORDINALITY AS e(c, ord)
    ), closed AS (
      UPDATE usage_entries u
      SET status = s.status::"UsageStatus", "costUsd" = s.cost, "inputTokens" = s."inputTokens", "outputTokens" = s."outputTokens", "settledAt" = now()
      FROM s WHERE s."leaseId" IS NULL AND u.id = s.id AND u.status = 'reserved' AND NOT u.lease
      RETURNING u.id
    ), leased AS (
      UPDATE usage_entries l SET "reservedUsd" = l."reservedUsd" - g.reserved
      FROM (SELECT "leaseId", SUM(reserved) AS reserved FROM s WHERE "leaseId" IS NOT NULL GROUP BY "leaseId") g
      WHERE l.id = g."leaseId" AND l.lease AND l.status = 'reserved'
      RETURNING l.id
    ), lease_calls AS (
      INSERT INTO usage_entries (id, "userId", "teamId", day, kind, name, status, "reservedUsd", "costUsd", "inputTokens", "outputTokens", "settledAt")
      SELECT s.id, s."userId", s."teamId", s.day, s.kind::"AuditKind", s.name, 'settled', s.reserved, s.cost, s."inputTokens", s."outputTokens", now()
      FROM s WHERE s.status = 'settled' AND s."leaseId" IN (SELECT id FROM leased)
      ON CONFLICT (id) DO NOTHING
      RETURNING id
    ), restored AS (
      INSERT INTO usage_entries (id, "userId", "teamId", day, kind, name, status, "reservedUsd", "costUsd", "inputTokens", "outputTokens", "settledAt")
      SELECT s.id, s."userId", s."teamId", s.day, s.kind::"AuditKind", s.name, 'settled', s.reserved, s.cost, s."inputTokens", s."outputTokens", now()
      FROM s WHERE s.status = 'settled'
        AND ((s."leaseId" IS NULL AND NOT EXISTS (SELECT 1 FROM usage_entries u WHERE u.id = s.id))
          OR (s."leaseId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM usage_entries u WHERE u.id = s."leaseId")))
      ON CONFLICT (id) DO NOTHING
      RETURNING id
    )
    SELECT array_agg(CASE
             WHEN s.id IN (SELECT id FROM closed) OR s.id IN (SELECT id FROM lease_calls) THEN 'settled'
             WHEN s."leaseId" IS NOT NULL AND s.status = 'released' AND s."leaseId" IN (SELECT id FROM leased) THEN 'settled'
             WHEN s.id IN (SELECT id FROM restored) THEN 'restored'
             ELSE 'closed' END ORDER BY s.ord)
      INTO v_closes FROM s;
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

-- Closing a lease: what it still holds is given back (status 'released', charge 0) and the calls it still had
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
    INSERT INTO usage_entries (id, "userId", "teamId", day, kind, name, status, "reservedUsd", "costUsd", "settledAt", "sweptAt")
    SELECT (c->>'id')::uuid, (c->>'userId')::uuid, (c->>'teamId')::uuid, c->>'day', (c->>'kind')::"AuditKind", c->>'name', 'settled',
           (c->>'reservedUsd')::numeric, (c->>'reservedUsd')::numeric, now(), now()
    FROM jsonb_array_elements(COALESCE(p_calls, '[]'::jsonb)) AS c
    WHERE EXISTS (SELECT 1 FROM l)
    ON CONFLICT (id) DO NOTHING
    RETURNING usage_entries.id, usage_entries."userId", usage_entries.kind::text, usage_entries.name, usage_entries."reservedUsd"::float8, usage_entries."createdAt"
  )
  SELECT * FROM calls
$$;
