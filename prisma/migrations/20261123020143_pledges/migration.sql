-- CreateEnum
CREATE TYPE "PledgeAudience" AS ENUM ('CUSTOMS', 'BUSINESS', 'BOTH');

-- CreateEnum
CREATE TYPE "PledgeStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CLOSED');

-- CreateEnum
CREATE TYPE "ArushaFactor" AS ENUM ('LEADERSHIP_AND_COMMITMENT', 'REGULATORY_FRAMEWORK', 'TRANSPARENCY', 'AUTOMATION', 'REFORM_AND_MODERNISATION', 'AUDIT_AND_INVESTIGATION', 'CODE_OF_CONDUCT', 'HUMAN_RESOURCE_MANAGEMENT', 'MORALE_AND_ORGANISATIONAL_CULTURE', 'RELATIONSHIP_WITH_PRIVATE_SECTOR');

-- CreateTable
CREATE TABLE "Pledge" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "status" "PledgeStatus" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "factors" "ArushaFactor"[],
    "audience" "PledgeAudience" NOT NULL,
    "renewalMonths" INTEGER,
    "ownerOrganizationId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "publishedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "currentVersion" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Pledge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PledgeVersion" (
    "id" TEXT NOT NULL,
    "pledgeId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "factors" "ArushaFactor"[],
    "changeNote" TEXT,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" TEXT NOT NULL,

    CONSTRAINT "PledgeVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PledgeSignature" (
    "id" TEXT NOT NULL,
    "pledgeId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "signedById" TEXT NOT NULL,
    "statement" TEXT,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastRenewedAt" TIMESTAMPTZ(3) NOT NULL,
    "withdrawnAt" TIMESTAMPTZ(3),
    "withdrawnById" TEXT,
    "withdrawalReason" TEXT,
    "supersededAt" TIMESTAMPTZ(3),

    CONSTRAINT "PledgeSignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PledgeProgressReport" (
    "id" TEXT NOT NULL,
    "pledgeId" TEXT NOT NULL,
    "signatureId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "links" TEXT[],
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PledgeProgressReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Pledge_slug_key" ON "Pledge"("slug");

-- CreateIndex
CREATE INDEX "Pledge_status_publishedAt_idx" ON "Pledge"("status", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PledgeVersion_pledgeId_number_key" ON "PledgeVersion"("pledgeId", "number");

-- CreateIndex
CREATE INDEX "PledgeSignature_pledgeId_signedAt_idx" ON "PledgeSignature"("pledgeId", "signedAt");

-- CreateIndex
CREATE INDEX "PledgeSignature_organizationId_idx" ON "PledgeSignature"("organizationId");

-- CreateIndex
CREATE INDEX "PledgeProgressReport_pledgeId_createdAt_idx" ON "PledgeProgressReport"("pledgeId", "createdAt");

-- AddForeignKey
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_ownerOrganizationId_fkey" FOREIGN KEY ("ownerOrganizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeVersion" ADD CONSTRAINT "PledgeVersion_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeVersion" ADD CONSTRAINT "PledgeVersion_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeSignature" ADD CONSTRAINT "PledgeSignature_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeSignature" ADD CONSTRAINT "PledgeSignature_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PledgeVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeSignature" ADD CONSTRAINT "PledgeSignature_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeSignature" ADD CONSTRAINT "PledgeSignature_signedById_fkey" FOREIGN KEY ("signedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeSignature" ADD CONSTRAINT "PledgeSignature_withdrawnById_fkey" FOREIGN KEY ("withdrawnById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeProgressReport" ADD CONSTRAINT "PledgeProgressReport_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeProgressReport" ADD CONSTRAINT "PledgeProgressReport_signatureId_fkey" FOREIGN KEY ("signatureId") REFERENCES "PledgeSignature"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeProgressReport" ADD CONSTRAINT "PledgeProgressReport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One current signature per organisation and pledge: not withdrawn, not superseded by a signature of a newer version.
CREATE UNIQUE INDEX "PledgeSignature_one_current_per_organization"
  ON "PledgeSignature"("pledgeId", "organizationId")
  WHERE "withdrawnAt" IS NULL AND "supersededAt" IS NULL;

-- Renewal periods are whole months between 1 and 60.
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_renewalMonths_range" CHECK ("renewalMonths" IS NULL OR "renewalMonths" BETWEEN 1 AND 60);
