-- What the reps sell (draftEmail): an organisation offer with optional per-team and per-user overrides.
-- CreateTable
CREATE TABLE "offer_profiles" (
    "id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "teamId" UUID,
    "userId" UUID,
    "product" TEXT,
    "valueProposition" TEXT,
    "proofPoints" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "typicalCustomer" TEXT,
    "preferredAsk" TEXT,
    "updatedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "offer_profiles_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "offer_profiles_scopeKey_key" ON "offer_profiles"("scopeKey");

-- CreateIndex
CREATE UNIQUE INDEX "offer_profiles_teamId_key" ON "offer_profiles"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "offer_profiles_userId_key" ON "offer_profiles"("userId");

-- AddForeignKey
ALTER TABLE "offer_profiles" ADD CONSTRAINT "offer_profiles_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offer_profiles" ADD CONSTRAINT "offer_profiles_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offer_profiles" ADD CONSTRAINT "offer_profiles_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
