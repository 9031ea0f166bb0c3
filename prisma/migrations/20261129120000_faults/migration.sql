-- A model or tool call stopped by a deadline is audited as `timeout`.
ALTER TYPE "AuditOutcome" ADD VALUE 'timeout';

-- Reservations settled by the sweeper (their process ended before settling them).
ALTER TABLE "usage_entries" ADD COLUMN "sweptAt" TIMESTAMPTZ(3);

-- The sweeper looks for open reservations older than a bound.
CREATE INDEX "usage_entries_status_createdAt_idx" ON "usage_entries"("status", "createdAt");
