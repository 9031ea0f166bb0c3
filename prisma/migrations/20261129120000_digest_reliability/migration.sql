-- Digests that survive crashes, Redis loss and schedule changes (issue 19).
-- Runs can be missed (due too long ago to send) or cancelled (paused while pending); deliveries remember
-- whether their last attempt may have reached the platform, and the platform's message id.
ALTER TYPE "DigestRunStatus" ADD VALUE 'missed';
ALTER TYPE "DigestRunStatus" ADD VALUE 'cancelled';
ALTER TYPE "DeliveryStatus" ADD VALUE 'cancelled';

ALTER TABLE "digest_runs" ADD COLUMN "reason" TEXT,
ADD COLUMN "retryAt" TIMESTAMPTZ(3);
ALTER TABLE "digest_deliveries" ADD COLUMN "uncertain" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "ref" TEXT;

-- Periods are keyed by the local date whose midnight ends them, not by cadence. Old keys ("daily:D",
-- "weekly:D") become "D"; where one manager had both for the same D (the double digest this fixes), the
-- first run keeps the new key and the other keeps its old one as history.
UPDATE "digest_runs" r SET "periodKey" = split_part(r."periodKey", ':', 2)
WHERE r."periodKey" LIKE '%:%' AND NOT EXISTS (
  SELECT 1 FROM "digest_runs" o
  WHERE o."managerId" = r."managerId" AND o.id <> r.id AND split_part(o."periodKey", ':', 2) = split_part(r."periodKey", ':', 2)
    AND (o."createdAt", o.id) < (r."createdAt", r.id)
);

-- CreateTable
CREATE TABLE "lead_ownerships" (
    "id" UUID NOT NULL,
    "leadId" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "previousOwnerId" UUID,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_ownerships_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lead_ownerships_ownerId_startedAt_idx" ON "lead_ownerships"("ownerId", "startedAt");

-- CreateIndex
CREATE INDEX "lead_ownerships_leadId_idx" ON "lead_ownerships"("leadId");

-- AddForeignKey
ALTER TABLE "lead_ownerships" ADD CONSTRAINT "lead_ownerships_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A lead enters an owner's hands when it is inserted with one (at its createdAt, so backdated seed data
-- lands in the right period) or when its owner changes (now). Every writer — seed, import, chat, SQL by
-- hand — goes through this trigger, so no code path can forget to record it.
CREATE OR REPLACE FUNCTION salesos_record_lead_ownership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW."ownerId" IS NOT NULL THEN
      INSERT INTO "lead_ownerships" (id, "leadId", "ownerId", "previousOwnerId", "startedAt")
      VALUES (gen_random_uuid(), NEW.id, NEW."ownerId", NULL, NEW."createdAt");
    END IF;
  ELSIF NEW."ownerId" IS NOT NULL AND NEW."ownerId" IS DISTINCT FROM OLD."ownerId" THEN
    INSERT INTO "lead_ownerships" (id, "leadId", "ownerId", "previousOwnerId", "startedAt")
    VALUES (gen_random_uuid(), NEW.id, NEW."ownerId", OLD."ownerId", now());
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "leads_record_ownership" AFTER INSERT OR UPDATE OF "ownerId" ON "leads"
FOR EACH ROW EXECUTE FUNCTION salesos_record_lead_ownership();

-- Leads owned before this migration entered their owner's hands no later than their creation.
INSERT INTO "lead_ownerships" (id, "leadId", "ownerId", "previousOwnerId", "startedAt")
SELECT gen_random_uuid(), l.id, l."ownerId", NULL, l."createdAt" FROM "leads" l WHERE l."ownerId" IS NOT NULL;
