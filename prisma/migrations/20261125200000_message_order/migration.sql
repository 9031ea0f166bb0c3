-- Thread memory replays messages in insertion order (seq), not by timestamp: two turns can share a millisecond.
-- DropIndex
DROP INDEX "messages_conversationId_createdAt_idx";

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "messages_conversationId_seq_idx" ON "messages"("conversationId", "seq");

