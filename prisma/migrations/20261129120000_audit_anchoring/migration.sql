-- Audit anchoring: rows written from now on are chained with HMAC-SHA-256 under AUDIT_KEY (chain version 2);
-- existing rows keep version 1 until SalesOS re-anchors them (automatically on the next append, or
-- `salesos audit reanchor`), after checking their old SHA-256 chain.
-- AlterTable
ALTER TABLE "audit_entries" ADD COLUMN     "chainVersion" SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE "audit_entries" ALTER COLUMN "chainVersion" SET DEFAULT 2;

-- CreateTable
CREATE TABLE "audit_chain_head" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "lastSeq" BIGINT NOT NULL,
    "lastHash" TEXT NOT NULL,
    "entryCount" BIGINT NOT NULL,
    "keyId" TEXT NOT NULL,
    "mac" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id")
);
