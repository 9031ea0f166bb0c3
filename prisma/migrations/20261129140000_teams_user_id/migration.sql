-- Teams identities also keep the channel's user id (29:…), so a message that lacks the AAD object id still
-- finds its person, and an identity made before the AAD id was known can be merged when it arrives.
-- AlterTable
ALTER TABLE "platform_identities" ADD COLUMN     "teamsUserId" TEXT;

-- CreateIndex
CREATE INDEX "platform_identities_platform_tenantId_teamsUserId_idx" ON "platform_identities"("platform", "tenantId", "teamsUserId");
