-- Every `salesos import` is recorded, so an import killed mid-way is visible and can be re-run.
-- CreateEnum
CREATE TYPE "LeadImportState" AS ENUM ('running', 'completed', 'failed', 'interrupted');

-- CreateTable
CREATE TABLE "lead_imports" (
    "id" UUID NOT NULL,
    "file" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "state" "LeadImportState" NOT NULL DEFAULT 'running',
    "rowsSeen" INTEGER NOT NULL DEFAULT 0,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "resumesId" UUID,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "lead_imports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lead_imports_startedAt_idx" ON "lead_imports"("startedAt");
