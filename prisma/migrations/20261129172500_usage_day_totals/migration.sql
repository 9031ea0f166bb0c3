-- CostGuard's running totals: what each user's (scope 1) and team's (scope 2) ledger rows count against its
-- budget per budget day, so a reservation reads one row instead of summing the day's rows (a reservation's
-- cost grew with the rep's calls that day; bench/middleware.ts).
--
-- The totals are kept equal to the sum over usage_entries by statement triggers on usage_entries itself, in
-- the same transaction as the change, whoever makes it (the reservation, the audit append's settle, the
-- sweeper, release, a crash that loses an asynchronous commit loses both, an admin's manual fix). Each
-- statement applies its net change per (scope, id, day) in one upsert sorted users first, then teams, by id:
-- the same order a reservation takes its locks in (user, then team), so concurrent statements cannot
-- deadlock on the totals rows. A change that moves no charge (the sweeper settling at the reserved amount)
-- touches no totals row.
CREATE TABLE "usage_day_totals" (
    "scope" SMALLINT NOT NULL,
    "scopeId" UUID NOT NULL,
    "day" TEXT NOT NULL,
    "usedUsd" DECIMAL(18,6) NOT NULL DEFAULT 0,

    CONSTRAINT "usage_day_totals_pkey" PRIMARY KEY ("scope","scopeId","day")
);

-- What a row counts against the budget: the real cost once settled, the estimate while open.
CREATE OR REPLACE FUNCTION salesos_usage_charge(p_status "UsageStatus", p_reserved numeric, p_cost numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$ SELECT CASE p_status WHEN 'settled' THEN p_cost WHEN 'reserved' THEN p_reserved ELSE 0 END $$;

CREATE OR REPLACE FUNCTION salesos_usage_totals() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM usage_day_totals;
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO usage_day_totals AS t (scope, "scopeId", day, "usedUsd")
    SELECT k.scope, k.id, r.day, SUM(salesos_usage_charge(r.status, r."reservedUsd", r."costUsd"))
      FROM salesos_new r CROSS JOIN LATERAL (VALUES (1::smallint, r."userId"), (2::smallint, r."teamId")) AS k(scope, id)
     WHERE k.id IS NOT NULL
     GROUP BY k.scope, k.id, r.day
    HAVING SUM(salesos_usage_charge(r.status, r."reservedUsd", r."costUsd")) <> 0
     ORDER BY k.scope, k.id, r.day
    ON CONFLICT (scope, "scopeId", day) DO UPDATE SET "usedUsd" = t."usedUsd" + EXCLUDED."usedUsd";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO usage_day_totals AS t (scope, "scopeId", day, "usedUsd")
    SELECT k.scope, k.id, r.day, -SUM(salesos_usage_charge(r.status, r."reservedUsd", r."costUsd"))
      FROM salesos_old r CROSS JOIN LATERAL (VALUES (1::smallint, r."userId"), (2::smallint, r."teamId")) AS k(scope, id)
     WHERE k.id IS NOT NULL
     GROUP BY k.scope, k.id, r.day
    HAVING SUM(salesos_usage_charge(r.status, r."reservedUsd", r."costUsd")) <> 0
     ORDER BY k.scope, k.id, r.day
    ON CONFLICT (scope, "scopeId", day) DO UPDATE SET "usedUsd" = t."usedUsd" + EXCLUDED."usedUsd";
  ELSE
    INSERT INTO usage_day_totals AS t (scope, "scopeId", day, "usedUsd")
    SELECT k.scope, k.id, r.day, SUM(r.delta)
      FROM (SELECT "userId", "teamId", day, salesos_usage_charge(status, "reservedUsd", "costUsd") AS delta FROM salesos_new
            UNION ALL
            SELECT "userId", "teamId", day, -salesos_usage_charge(status, "reservedUsd", "costUsd") FROM salesos_old) r
      CROSS JOIN LATERAL (VALUES (1::smallint, r."userId"), (2::smallint, r."teamId")) AS k(scope, id)
     WHERE k.id IS NOT NULL
     GROUP BY k.scope, k.id, r.day
    HAVING SUM(r.delta) <> 0
     ORDER BY k.scope, k.id, r.day
    ON CONFLICT (scope, "scopeId", day) DO UPDATE SET "usedUsd" = t."usedUsd" + EXCLUDED."usedUsd";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER usage_totals_insert AFTER INSERT ON usage_entries REFERENCING NEW TABLE AS salesos_new
  FOR EACH STATEMENT EXECUTE FUNCTION salesos_usage_totals();
CREATE TRIGGER usage_totals_update AFTER UPDATE ON usage_entries REFERENCING OLD TABLE AS salesos_old NEW TABLE AS salesos_new
  FOR EACH STATEMENT EXECUTE FUNCTION salesos_usage_totals();
CREATE TRIGGER usage_totals_delete AFTER DELETE ON usage_entries REFERENCING OLD TABLE AS salesos_old
  FOR EACH STATEMENT EXECUTE FUNCTION salesos_usage_totals();
CREATE TRIGGER usage_totals_truncate AFTER TRUNCATE ON usage_entries
  FOR EACH STATEMENT EXECUTE FUNCTION salesos_usage_totals();

-- The ledger as it stands.
INSERT INTO usage_day_totals (scope, "scopeId", day, "usedUsd")
SELECT k.scope, k.id, e.day, SUM(salesos_usage_charge(e.status, e."reservedUsd", e."costUsd"))
  FROM usage_entries e CROSS JOIN LATERAL (VALUES (1::smallint, e."userId"), (2::smallint, e."teamId")) AS k(scope, id)
 WHERE k.id IS NOT NULL
 GROUP BY k.scope, k.id, e.day;

-- The reservation as before (same locks, same checks, same results), reading the running totals.
CREATE OR REPLACE FUNCTION salesos_reserve_usage(
  p_id uuid,
  p_user uuid,
  p_time_zone text,
  p_day text,
  p_kind text,
  p_name text,
  p_estimate numeric,
  p_default_limit numeric
) RETURNS TABLE (r_status text, r_name text, r_time_zone text, r_user_limit numeric, r_team_id uuid, r_team_limit numeric, r_used numeric)
LANGUAGE plpgsql AS $$
DECLARE
  v_name text;
  v_tz text;
  v_user_limit numeric;
  v_team uuid;
  v_team_limit numeric;
  v_used_user numeric;
  v_used_team numeric;
BEGIN
  -- The same lock keys as every other reservation path: (1, user) first, then (2, team). They serialise
  -- reservations (check, then insert); the totals they read are committed ones, as the sums were.
  PERFORM pg_advisory_xact_lock(1, hashtext(p_user::text));
  SELECT u.name, u."timeZone", u."dailyLimitUsd", u."teamId", t."dailyLimitUsd"
    INTO v_name, v_tz, v_user_limit, v_team, v_team_limit
    FROM users u LEFT JOIN teams t ON t.id = u."teamId"
   WHERE u.id = p_user;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'no_user'::text, NULL::text, NULL::text, NULL::numeric, NULL::uuid, NULL::numeric, NULL::numeric;
    RETURN;
  END IF;
  IF v_tz IS DISTINCT FROM p_time_zone THEN
    RETURN QUERY SELECT 'time_zone'::text, v_name, v_tz, v_user_limit, v_team, v_team_limit, NULL::numeric;
    RETURN;
  END IF;
  IF v_team_limit IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(2, hashtext(v_team::text));
  END IF;

  v_used_user := COALESCE((SELECT "usedUsd" FROM usage_day_totals WHERE scope = 1 AND "scopeId" = p_user AND day = p_day), 0);
  -- A budget of 0 switches AI off for the user, even for calls that cost nothing.
  IF COALESCE(v_user_limit, p_default_limit) = 0 OR v_used_user + p_estimate > COALESCE(v_user_limit, p_default_limit) THEN
    RETURN QUERY SELECT 'user'::text, v_name, v_tz, v_user_limit, v_team, v_team_limit, v_used_user;
    RETURN;
  END IF;
  IF v_team_limit IS NOT NULL THEN
    v_used_team := COALESCE((SELECT "usedUsd" FROM usage_day_totals WHERE scope = 2 AND "scopeId" = v_team AND day = p_day), 0);
    IF v_used_team + p_estimate > v_team_limit THEN
      RETURN QUERY SELECT 'team'::text, v_name, v_tz, v_user_limit, v_team, v_team_limit, v_used_team;
      RETURN;
    END IF;
  END IF;
  -- The insert's trigger adds the estimate to the user's (and team's) total in this same statement.
  INSERT INTO usage_entries (id, "userId", "teamId", day, kind, name, status, "reservedUsd", "costUsd")
  VALUES (p_id, p_user, v_team, p_day, p_kind::"AuditKind", p_name, 'reserved', p_estimate, 0);
  RETURN QUERY SELECT 'ok'::text, v_name, v_tz, v_user_limit, v_team, v_team_limit, v_used_user;
END
$$;
