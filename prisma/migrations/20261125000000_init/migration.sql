-- Trigram search over lead names, companies, emails and titles.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('rep', 'manager', 'admin');

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('slack', 'teams', 'console');

-- CreateEnum
CREATE TYPE "Seniority" AS ENUM ('c_level', 'vp', 'director', 'manager', 'senior', 'entry');

-- CreateEnum
CREATE TYPE "LeadStatus" AS ENUM ('new', 'contacted', 'replied', 'qualified', 'disqualified', 'customer');

-- CreateEnum
CREATE TYPE "ActivityType" AS ENUM ('created', 'imported', 'note', 'status_change', 'enriched', 'email_drafted', 'email_roasted', 'assigned');

-- CreateEnum
CREATE TYPE "AuditKind" AS ENUM ('tool', 'model');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('ok', 'denied', 'over_budget', 'invalid', 'error');

-- CreateEnum
CREATE TYPE "UsageStatus" AS ENUM ('reserved', 'settled', 'released');

-- CreateEnum
CREATE TYPE "MessageRole" AS ENUM ('user', 'assistant', 'tool');

-- CreateEnum
CREATE TYPE "PendingActionStatus" AS ENUM ('pending', 'executed', 'cancelled', 'expired');

-- CreateEnum
CREATE TYPE "DigestCadence" AS ENUM ('daily', 'weekly');

-- CreateEnum
CREATE TYPE "DigestRunStatus" AS ENUM ('running', 'sent', 'partial', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sent', 'failed', 'skipped');

-- CreateTable
CREATE TABLE "teams" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "managerId" UUID,
    "dailyLimitUsd" DECIMAL(12,6),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'rep',
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "teamId" UUID,
    "dailyLimitUsd" DECIMAL(12,6),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_identities" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "tenantId" TEXT NOT NULL DEFAULT '',
    "externalUserId" TEXT NOT NULL,
    "displayName" TEXT,
    "slackDmChannelId" TEXT,
    "teamsConversation" JSONB,
    "unreachableAt" TIMESTAMPTZ(3),
    "unreachableReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "platform_identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "leads" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "title" TEXT,
    "seniority" "Seniority",
    "company" TEXT,
    "companyDomain" TEXT,
    "industry" TEXT,
    "companySize" INTEGER,
    "country" TEXT,
    "city" TEXT,
    "techStack" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "linkedinUrl" TEXT,
    "status" "LeadStatus" NOT NULL DEFAULT 'new',
    "score" INTEGER NOT NULL DEFAULT 0,
    "ownerId" UUID,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "enrichedAt" TIMESTAMPTZ(3),
    "lastActivityAt" TIMESTAMPTZ(3),
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "leads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_activities" (
    "id" UUID NOT NULL,
    "leadId" UUID NOT NULL,
    "actorId" UUID,
    "type" "ActivityType" NOT NULL,
    "fromStatus" "LeadStatus",
    "toStatus" "LeadStatus",
    "body" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_activities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrichment_history" (
    "id" UUID NOT NULL,
    "leadId" UUID NOT NULL,
    "actorId" UUID,
    "source" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "costUsd" DECIMAL(12,6) NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "enrichment_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "email_reviews" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "leadId" UUID,
    "kind" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "grade" TEXT NOT NULL,
    "subject" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "seq" BIGSERIAL NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "platform" TEXT NOT NULL,
    "conversationId" TEXT,
    "kind" "AuditKind" NOT NULL,
    "name" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "outcome" "AuditOutcome" NOT NULL,
    "errorCode" TEXT,
    "costUsd" DECIMAL(12,6) NOT NULL DEFAULT 0,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "usage_entries" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "teamId" UUID,
    "day" TEXT NOT NULL,
    "kind" "AuditKind" NOT NULL,
    "name" TEXT NOT NULL,
    "status" "UsageStatus" NOT NULL DEFAULT 'reserved',
    "reservedUsd" DECIMAL(12,6) NOT NULL,
    "costUsd" DECIMAL(12,6) NOT NULL DEFAULT 0,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" TIMESTAMPTZ(3),

    CONSTRAINT "usage_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversations" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "userId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "userId" UUID,
    "role" "MessageRole" NOT NULL,
    "text" TEXT NOT NULL,
    "parts" JSONB,
    "cards" JSONB,
    "tokens" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_deliveries" (
    "id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pending_actions" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "conversationId" UUID,
    "tool" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "summary" TEXT NOT NULL,
    "status" "PendingActionStatus" NOT NULL DEFAULT 'pending',
    "result" JSONB,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "digest_preferences" (
    "userId" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "cadence" "DigestCadence" NOT NULL DEFAULT 'daily',
    "cron" TEXT NOT NULL DEFAULT '30 8 * * 1-5',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "digest_preferences_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "digest_runs" (
    "id" UUID NOT NULL,
    "managerId" UUID NOT NULL,
    "periodKey" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "status" "DigestRunStatus" NOT NULL DEFAULT 'running',
    "content" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "digest_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "digest_deliveries" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "digest_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "teams_managerId_key" ON "teams"("managerId");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_teamId_idx" ON "users"("teamId");

-- CreateIndex
CREATE INDEX "platform_identities_userId_idx" ON "platform_identities"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "platform_identities_platform_tenantId_externalUserId_key" ON "platform_identities"("platform", "tenantId", "externalUserId");

-- CreateIndex
CREATE UNIQUE INDEX "leads_email_key" ON "leads"("email");

-- CreateIndex
CREATE INDEX "leads_score_id_idx" ON "leads"("score" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "leads_createdAt_id_idx" ON "leads"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "leads_ownerId_score_id_idx" ON "leads"("ownerId", "score" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "leads_industry_score_id_idx" ON "leads"("industry", "score" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "leads_country_score_id_idx" ON "leads"("country", "score" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "leads_city_score_id_idx" ON "leads"("city", "score" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "leads_status_score_id_idx" ON "leads"("status", "score" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "leads_seniority_score_id_idx" ON "leads"("seniority", "score" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "leads_companySize_idx" ON "leads"("companySize");

-- CreateIndex
CREATE INDEX "leads_companyDomain_idx" ON "leads"("companyDomain");

-- CreateIndex
CREATE INDEX "leads_techStack_idx" ON "leads" USING GIN ("techStack");

-- CreateIndex
CREATE INDEX "leads_search_text_trgm_idx" ON "leads" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "leads_title_trgm_idx" ON "leads" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "lead_activities_leadId_createdAt_idx" ON "lead_activities"("leadId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "lead_activities_actorId_createdAt_idx" ON "lead_activities"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "lead_activities_type_createdAt_idx" ON "lead_activities"("type", "createdAt");

-- CreateIndex
CREATE INDEX "enrichment_history_leadId_createdAt_idx" ON "enrichment_history"("leadId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "enrichment_history_actorId_createdAt_idx" ON "enrichment_history"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "email_reviews_userId_createdAt_idx" ON "email_reviews"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "audit_entries_hash_key" ON "audit_entries"("hash");

-- CreateIndex
CREATE INDEX "audit_entries_actorId_createdAt_idx" ON "audit_entries"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_entries_name_createdAt_idx" ON "audit_entries"("name", "createdAt");

-- CreateIndex
CREATE INDEX "usage_entries_userId_day_idx" ON "usage_entries"("userId", "day");

-- CreateIndex
CREATE INDEX "usage_entries_teamId_day_idx" ON "usage_entries"("teamId", "day");

-- CreateIndex
CREATE INDEX "usage_entries_day_idx" ON "usage_entries"("day");

-- CreateIndex
CREATE UNIQUE INDEX "conversations_key_key" ON "conversations"("key");

-- CreateIndex
CREATE INDEX "messages_conversationId_createdAt_idx" ON "messages"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "processed_deliveries_createdAt_idx" ON "processed_deliveries"("createdAt");

-- CreateIndex
CREATE INDEX "pending_actions_userId_status_idx" ON "pending_actions"("userId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "digest_runs_managerId_periodKey_key" ON "digest_runs"("managerId", "periodKey");

-- CreateIndex
CREATE UNIQUE INDEX "digest_deliveries_runId_platform_key" ON "digest_deliveries"("runId", "platform");

-- AddForeignKey
ALTER TABLE "teams" ADD CONSTRAINT "teams_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_identities" ADD CONSTRAINT "platform_identities_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_activities" ADD CONSTRAINT "lead_activities_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_activities" ADD CONSTRAINT "lead_activities_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrichment_history" ADD CONSTRAINT "enrichment_history_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrichment_history" ADD CONSTRAINT "enrichment_history_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_reviews" ADD CONSTRAINT "email_reviews_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_reviews" ADD CONSTRAINT "email_reviews_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_entries" ADD CONSTRAINT "usage_entries_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pending_actions" ADD CONSTRAINT "pending_actions_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pending_actions" ADD CONSTRAINT "pending_actions_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "conversations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "digest_preferences" ADD CONSTRAINT "digest_preferences_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "digest_runs" ADD CONSTRAINT "digest_runs_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_runId_fkey" FOREIGN KEY ("runId") REFERENCES "digest_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Keep leads.searchText in step with the fields free-text search covers, whoever writes the row.
CREATE FUNCTION leads_search_text() RETURNS trigger AS $$
BEGIN
  NEW."searchText" := lower(concat_ws(' ', NEW."fullName", NEW."company", NEW."email", NEW."title"));
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER leads_search_text_trigger
  BEFORE INSERT OR UPDATE OF "fullName", "company", "email", "title" ON "leads"
  FOR EACH ROW EXECUTE FUNCTION leads_search_text();
