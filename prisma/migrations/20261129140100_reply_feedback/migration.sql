-- Thumbs up/down (and a comment) on AI replies, from Teams' feedback buttons: one row per person and reply.
-- CreateTable
CREATE TABLE "reply_feedback" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "conversationKey" TEXT NOT NULL,
    "replyId" TEXT NOT NULL,
    "reaction" TEXT NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reply_feedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reply_feedback_createdAt_idx" ON "reply_feedback"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "reply_feedback_platform_replyId_userId_key" ON "reply_feedback"("platform", "replyId", "userId");

-- AddForeignKey
ALTER TABLE "reply_feedback" ADD CONSTRAINT "reply_feedback_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

