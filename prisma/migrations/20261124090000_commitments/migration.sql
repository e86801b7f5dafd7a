-- Joint commitments and national integrity action plans (issue 8): plans, commitments with parties and an optional
-- monitor, milestones confirmed by every party, evidence files, links to issues and pledges, CSV imports.
-- Adding enum values inside the migration's transaction is allowed (PostgreSQL 12+) since nothing here uses them.

-- CreateEnum
CREATE TYPE "CommitmentType" AS ENUM ('PREVENTION', 'DETECTION');

-- CreateEnum
CREATE TYPE "ActionPlanStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "CommitmentPhase" AS ENUM ('PROPOSED', 'ACTIVE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PartyResponse" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED');

-- CreateEnum
CREATE TYPE "MilestoneState" AS ENUM ('OPEN', 'DONE', 'COMPLETED');

-- CreateEnum
CREATE TYPE "MilestoneImportStatus" AS ENUM ('CHECKING', 'CHECKED', 'APPLIED', 'FAILED');

-- AlterEnum


ALTER TYPE "NotificationKind" ADD VALUE 'COMMITMENT_PROPOSED';
ALTER TYPE "NotificationKind" ADD VALUE 'COMMITMENT_STATUS_CHANGED';
ALTER TYPE "NotificationKind" ADD VALUE 'MILESTONE_AWAITING_CONFIRMATION';
ALTER TYPE "NotificationKind" ADD VALUE 'MILESTONE_DUE';
ALTER TYPE "NotificationKind" ADD VALUE 'MILESTONE_DISPUTED';

-- CreateTable
CREATE TABLE "ActionPlan" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "administrationId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "status" "ActionPlanStatus" NOT NULL DEFAULT 'DRAFT',
    "publishedAt" TIMESTAMPTZ(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ActionPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Commitment" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "type" "CommitmentType" NOT NULL,
    "factors" "ArushaFactor"[],
    "actionPlanId" TEXT,
    "proposerOrganizationId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "monitorOrganizationId" TEXT,
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "phase" "CommitmentPhase" NOT NULL DEFAULT 'PROPOSED',
    "activatedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "milestoneCount" INTEGER NOT NULL DEFAULT 0,
    "completedCount" INTEGER NOT NULL DEFAULT 0,
    "nextOpenDueDate" DATE,
    "completedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferenceCounter" (
    "scope" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "ReferenceCounter_pkey" PRIMARY KEY ("scope","year")
);

-- CreateTable
CREATE TABLE "CommitmentParty" (
    "id" TEXT NOT NULL,
    "commitmentId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "responsibleUserId" TEXT,
    "response" "PartyResponse" NOT NULL DEFAULT 'PENDING',
    "respondedAt" TIMESTAMPTZ(3),
    "declineReason" TEXT,
    "cancelAgreedAt" TIMESTAMPTZ(3),
    "cancelReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CommitmentParty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "commitmentId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "deliverable" TEXT NOT NULL,
    "ownerPartyId" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "state" "MilestoneState" NOT NULL DEFAULT 'OPEN',
    "round" INTEGER NOT NULL DEFAULT 0,
    "evidenceText" TEXT,
    "evidenceLinks" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "doneAt" TIMESTAMPTZ(3),
    "doneById" TEXT,
    "completedAt" TIMESTAMPTZ(3),
    "disputedAt" TIMESTAMPTZ(3),
    "disputeReason" TEXT,
    "disputedByPartyId" TEXT,
    "attestedAt" TIMESTAMPTZ(3),
    "attestedById" TEXT,
    "attestationNote" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MilestoneConfirmation" (
    "id" TEXT NOT NULL,
    "milestoneId" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MilestoneConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MilestoneAttachment" (
    "id" TEXT NOT NULL,
    "milestoneId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MilestoneAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitmentIssue" (
    "commitmentId" TEXT NOT NULL,
    "issueId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommitmentIssue_pkey" PRIMARY KEY ("commitmentId","issueId")
);

-- CreateTable
CREATE TABLE "CommitmentPledge" (
    "commitmentId" TEXT NOT NULL,
    "pledgeId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommitmentPledge_pkey" PRIMARY KEY ("commitmentId","pledgeId")
);

-- CreateTable
CREATE TABLE "MilestoneImport" (
    "id" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "commitmentId" TEXT,
    "actionPlanId" TEXT,
    "fileName" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "status" "MilestoneImportStatus" NOT NULL DEFAULT 'CHECKING',
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "checkedAt" TIMESTAMPTZ(3),
    "appliedAt" TIMESTAMPTZ(3),

    CONSTRAINT "MilestoneImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ActionPlan_slug_key" ON "ActionPlan"("slug");

-- CreateIndex
CREATE INDEX "ActionPlan_administrationId_createdAt_idx" ON "ActionPlan"("administrationId", "createdAt");

-- CreateIndex
CREATE INDEX "ActionPlan_status_createdAt_id_idx" ON "ActionPlan"("status", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Commitment_reference_key" ON "Commitment"("reference");

-- CreateIndex
CREATE INDEX "Commitment_phase_createdAt_id_idx" ON "Commitment"("phase", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Commitment_actionPlanId_createdAt_idx" ON "Commitment"("actionPlanId", "createdAt");

-- CreateIndex
CREATE INDEX "Commitment_createdAt_id_idx" ON "Commitment"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Commitment_monitorOrganizationId_idx" ON "Commitment"("monitorOrganizationId");

-- CreateIndex
CREATE INDEX "CommitmentParty_organizationId_idx" ON "CommitmentParty"("organizationId");

-- CreateIndex
CREATE INDEX "CommitmentParty_responsibleUserId_idx" ON "CommitmentParty"("responsibleUserId");

-- CreateIndex
CREATE UNIQUE INDEX "CommitmentParty_commitmentId_organizationId_key" ON "CommitmentParty"("commitmentId", "organizationId");

-- CreateIndex
CREATE INDEX "Milestone_commitmentId_dueDate_id_idx" ON "Milestone"("commitmentId", "dueDate", "id");

-- CreateIndex
CREATE INDEX "Milestone_state_dueDate_idx" ON "Milestone"("state", "dueDate");

-- CreateIndex
CREATE INDEX "Milestone_ownerPartyId_idx" ON "Milestone"("ownerPartyId");

-- CreateIndex
CREATE UNIQUE INDEX "MilestoneConfirmation_milestoneId_partyId_round_key" ON "MilestoneConfirmation"("milestoneId", "partyId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "MilestoneAttachment_storageKey_key" ON "MilestoneAttachment"("storageKey");

-- CreateIndex
CREATE INDEX "MilestoneAttachment_milestoneId_createdAt_idx" ON "MilestoneAttachment"("milestoneId", "createdAt");

-- CreateIndex
CREATE INDEX "CommitmentIssue_issueId_idx" ON "CommitmentIssue"("issueId");

-- CreateIndex
CREATE INDEX "CommitmentPledge_pledgeId_idx" ON "CommitmentPledge"("pledgeId");

-- CreateIndex
CREATE INDEX "MilestoneImport_createdById_createdAt_idx" ON "MilestoneImport"("createdById", "createdAt");

-- AddForeignKey
ALTER TABLE "ActionPlan" ADD CONSTRAINT "ActionPlan_administrationId_fkey" FOREIGN KEY ("administrationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionPlan" ADD CONSTRAINT "ActionPlan_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_actionPlanId_fkey" FOREIGN KEY ("actionPlanId") REFERENCES "ActionPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_proposerOrganizationId_fkey" FOREIGN KEY ("proposerOrganizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_monitorOrganizationId_fkey" FOREIGN KEY ("monitorOrganizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentParty" ADD CONSTRAINT "CommitmentParty_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentParty" ADD CONSTRAINT "CommitmentParty_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentParty" ADD CONSTRAINT "CommitmentParty_responsibleUserId_fkey" FOREIGN KEY ("responsibleUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_ownerPartyId_fkey" FOREIGN KEY ("ownerPartyId") REFERENCES "CommitmentParty"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_doneById_fkey" FOREIGN KEY ("doneById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_attestedById_fkey" FOREIGN KEY ("attestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneConfirmation" ADD CONSTRAINT "MilestoneConfirmation_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneConfirmation" ADD CONSTRAINT "MilestoneConfirmation_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "CommitmentParty"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneConfirmation" ADD CONSTRAINT "MilestoneConfirmation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneAttachment" ADD CONSTRAINT "MilestoneAttachment_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneAttachment" ADD CONSTRAINT "MilestoneAttachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentIssue" ADD CONSTRAINT "CommitmentIssue_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentIssue" ADD CONSTRAINT "CommitmentIssue_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentPledge" ADD CONSTRAINT "CommitmentPledge_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentPledge" ADD CONSTRAINT "CommitmentPledge_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneImport" ADD CONSTRAINT "MilestoneImport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Checks the schema cannot state.
ALTER TABLE "ActionPlan" ADD CONSTRAINT "ActionPlan_period_check" CHECK ("periodEnd" >= "periodStart");
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_dates_check" CHECK ("endDate" IS NULL OR "endDate" >= "startDate");
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_counts_check" CHECK ("completedCount" >= 0 AND "completedCount" <= "milestoneCount");
ALTER TABLE "CommitmentParty" ADD CONSTRAINT "CommitmentParty_decline_check" CHECK ("response" <> 'DECLINED' OR "declineReason" IS NOT NULL);
ALTER TABLE "CommitmentParty" ADD CONSTRAINT "CommitmentParty_accepted_check" CHECK ("response" <> 'ACCEPTED' OR "responsibleUserId" IS NOT NULL OR "respondedAt" IS NOT NULL);
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_done_check" CHECK ("state" = 'OPEN' OR ("doneAt" IS NOT NULL AND "round" > 0));
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_completed_check" CHECK (("state" = 'COMPLETED') = ("completedAt" IS NOT NULL));
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_attested_check" CHECK ("attestedAt" IS NULL OR "state" = 'COMPLETED');
ALTER TABLE "MilestoneImport" ADD CONSTRAINT "MilestoneImport_scope_check" CHECK (("commitmentId" IS NULL) <> ("actionPlanId" IS NULL));
