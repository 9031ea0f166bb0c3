-- One durable commit per tool or model call: salesos_append_audit appends a batch of chained audit rows,
-- moves the chain head and closes the calls' CostGuard reservations in ONE statement, so on a pool it is one
-- round trip and one commit. The caller chains the rows (the MACs need AUDIT_KEY, which never reaches the
-- database) onto the head it expects, `p_expect`; under the chain lock the function writes only if the head
-- is still exactly that one, and otherwise writes nothing and returns the head as it stands (status
-- 'moved'), for the caller to verify and chain again. Prisma ignores functions, so the schema (and its
-- drift check) is unchanged.
--
-- p_rows: [{seq, actorId, platform, conversationId, kind, name, input, outcome, errorCode, costUsd, durationMs, prevHash, hash}]
-- p_head: {lastSeq, lastHash, count, keyId, mac} after the rows.
-- p_closes: [{id, userId, teamId, day, kind, name, reservedUsd, status ('settled'|'released'), costUsd, inputTokens, outputTokens}]
-- r_closes, in p_closes' order: 'settled' (the open reservation was closed), 'restored' (its row was gone —
-- an asynchronous commit lost in a database crash — and the charge was written afresh), 'closed' (already
-- settled or released, e.g. by the sweeper: nothing charged twice).
CREATE OR REPLACE FUNCTION salesos_append_audit(p_expect jsonb, p_created_at timestamptz, p_rows jsonb, p_head jsonb, p_closes jsonb)
RETURNS TABLE (r_status text, r_closes text[], h_last_seq bigint, h_last_hash text, h_count bigint, h_key_id text, h_mac text)
LANGUAGE plpgsql AS $$
DECLARE
  h audit_chain_head%ROWTYPE;
  v_closes text[];
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

  WITH s AS (
    SELECT (c->>'id')::uuid AS id, (c->>'userId')::uuid AS "userId", (c->>'teamId')::uuid AS "teamId", c->>'day' AS day, c->>'kind' AS kind,
           c->>'name' AS name, (c->>'reservedUsd')::numeric AS reserved, c->>'status' AS status, (c->>'costUsd')::numeric AS cost,
           (c->>'inputTokens')::int AS "inputTokens", (c->>'outputTokens')::int AS "outputTokens", ord
    FROM jsonb_array_elements(COALESCE(p_closes, '[]'::jsonb)) WITH ORDINALITY AS e(c, ord)
  ), closed AS (
    UPDATE usage_entries u
    SET status = s.status::"UsageStatus", "costUsd" = s.cost, "inputTokens" = s."inputTokens", "outputTokens" = s."outputTokens", "settledAt" = now()
    FROM s WHERE u.id = s.id AND u.status = 'reserved'
    RETURNING u.id
  ), restored AS (
    INSERT INTO usage_entries (id, "userId", "teamId", day, kind, name, status, "reservedUsd", "costUsd", "inputTokens", "outputTokens", "settledAt")
    SELECT s.id, s."userId", s."teamId", s.day, s.kind::"AuditKind", s.name, 'settled', s.reserved, s.cost, s."inputTokens", s."outputTokens", now()
    FROM s WHERE s.status = 'settled' AND NOT EXISTS (SELECT 1 FROM usage_entries u WHERE u.id = s.id)
    ON CONFLICT (id) DO NOTHING
    RETURNING id
  )
  SELECT array_agg(CASE WHEN s.id IN (SELECT id FROM closed) THEN 'settled' WHEN s.id IN (SELECT id FROM restored) THEN 'restored' ELSE 'closed' END ORDER BY s.ord)
    INTO v_closes FROM s;

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
