-- CostGuard's reservation in one round trip (one statement, so one implicit transaction): lock the user
-- (then the team, when it has a budget), read the owner, sum the day and insert the reservation only when
-- it fits. The caller computes the budget day from the time zone it expects; when the stored time zone
-- differs, nothing is inserted and the caller retries with the one returned. Prisma ignores functions, so
-- the schema (and its drift check) is unchanged.
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
  v_budget_team uuid;
  v_used_user numeric;
  v_used_team numeric;
BEGIN
  -- The same lock keys as every other reservation path: (1, user) first, then (2, team).
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
    v_budget_team := v_team;
    PERFORM pg_advisory_xact_lock(2, hashtext(v_team::text));
  END IF;

  -- What a row counts against the budget: the real cost once settled, the estimate while open.
  SELECT COALESCE(SUM(CASE e.status WHEN 'settled' THEN e."costUsd" WHEN 'reserved' THEN e."reservedUsd" ELSE 0 END) FILTER (WHERE e."userId" = p_user), 0),
         COALESCE(SUM(CASE e.status WHEN 'settled' THEN e."costUsd" WHEN 'reserved' THEN e."reservedUsd" ELSE 0 END) FILTER (WHERE e."teamId" = v_budget_team), 0)
    INTO v_used_user, v_used_team
    FROM usage_entries e
   WHERE e.day = p_day AND (e."userId" = p_user OR e."teamId" = v_budget_team);

  -- A budget of 0 switches AI off for the user, even for calls that cost nothing.
  IF COALESCE(v_user_limit, p_default_limit) = 0 OR v_used_user + p_estimate > COALESCE(v_user_limit, p_default_limit) THEN
    RETURN QUERY SELECT 'user'::text, v_name, v_tz, v_user_limit, v_team, v_team_limit, v_used_user;
    RETURN;
  END IF;
  IF v_budget_team IS NOT NULL AND v_used_team + p_estimate > v_team_limit THEN
    RETURN QUERY SELECT 'team'::text, v_name, v_tz, v_user_limit, v_team, v_team_limit, v_used_team;
    RETURN;
  END IF;
  INSERT INTO usage_entries (id, "userId", "teamId", day, kind, name, status, "reservedUsd", "costUsd")
  VALUES (p_id, p_user, v_team, p_day, p_kind::"AuditKind", p_name, 'reserved', p_estimate, 0);
  RETURN QUERY SELECT 'ok'::text, v_name, v_tz, v_user_limit, v_team, v_team_limit, v_used_user;
END
$$;
