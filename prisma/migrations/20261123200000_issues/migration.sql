-- Raising issues: customs offices, issues with responses, evidence and escalations, notifications.
-- CreateEnum
CREATE TYPE "CustomsOfficeKind" AS ENUM ('ROAD_BORDER_CROSSING', 'RAIL_BORDER_CROSSING', 'AIRPORT', 'SEAPORT', 'INLAND_OFFICE');

-- CreateEnum
CREATE TYPE "IssueCategory" AS ENUM ('UNOFFICIAL_PAYMENT', 'UNEXPLAINED_DELAY', 'INCONSISTENT_CLASSIFICATION_OR_VALUATION', 'OPAQUE_PROCEDURE', 'DISCRETIONARY_INSPECTION', 'OTHER');

-- CreateEnum
CREATE TYPE "IssueSeverity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "IssueVisibility" AS ENUM ('PUBLIC', 'RESTRICTED');

-- CreateEnum
CREATE TYPE "IssueStatus" AS ENUM ('RAISED', 'ACKNOWLEDGED', 'RESPONDED', 'RESOLVED', 'REJECTED', 'REOPENED');

-- CreateEnum
CREATE TYPE "IssueResponseKind" AS ENUM ('OFFICIAL', 'REPORTER_INFO');

-- CreateEnum
CREATE TYPE "IssueDeadline" AS ENUM ('ACKNOWLEDGE', 'RESPOND');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('ISSUE_ASSIGNED', 'ISSUE_RESPONDED', 'ISSUE_STATUS_CHANGED', 'ISSUE_ESCALATED');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "acknowledgeWorkingDays" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "respondDays" INTEGER NOT NULL DEFAULT 30;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailMutedKinds" "NotificationKind"[] NOT NULL DEFAULT ARRAY[]::"NotificationKind"[];

-- CreateTable
CREATE TABLE "CustomsOffice" (
    "id" TEXT NOT NULL,
    "administrationId" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameRu" TEXT NOT NULL,
    "kind" "CustomsOfficeKind" NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CustomsOffice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Issue" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "administrationId" TEXT NOT NULL,
    "officeId" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "category" "IssueCategory" NOT NULL,
    "factor" "ArushaFactor" NOT NULL,
    "severity" "IssueSeverity" NOT NULL,
    "visibility" "IssueVisibility" NOT NULL,
    "status" "IssueStatus" NOT NULL DEFAULT 'RAISED',
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "raisedById" TEXT,
    "reporterOrganizationId" TEXT,
    "receiptSelector" CHAR(6),
    "receiptHash" TEXT,
    "assigneeId" TEXT,
    "assignedAt" TIMESTAMPTZ(3),
    "acknowledgeBy" TIMESTAMPTZ(3) NOT NULL,
    "respondBy" TIMESTAMPTZ(3) NOT NULL,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "respondedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "reopenedAt" TIMESTAMPTZ(3),
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "publicSummary" TEXT,
    "summaryPublishedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "searchVector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, "title"), 'A') || setweight(to_tsvector('russian'::regconfig, "title"), 'A') ||
        setweight(to_tsvector('english'::regconfig, "description"), 'B') || setweight(to_tsvector('russian'::regconfig, "description"), 'B')
    ) STORED,

    CONSTRAINT "Issue_pkey" PRIMARY KEY ("id")
);

-- Hand-written: the full-text index (English and Russian), and sanity checks the application also enforces.
CREATE INDEX "Issue_searchVector_idx" ON "Issue" USING GIN ("searchVector");
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_anonymous_unlinked" CHECK (NOT "anonymous" OR ("raisedById" IS NULL AND "reporterOrganizationId" IS NULL));

-- CreateTable
CREATE TABLE "IssueCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "IssueCounter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "IssueResponse" (
    "id" TEXT NOT NULL,
    "issueId" TEXT NOT NULL,
    "kind" "IssueResponseKind" NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IssueResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssueAttachment" (
    "id" TEXT NOT NULL,
    "issueId" TEXT NOT NULL,
    "responseId" TEXT,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IssueAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssueEscalation" (
    "id" TEXT NOT NULL,
    "issueId" TEXT NOT NULL,
    "deadline" "IssueDeadline" NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "escalatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IssueEscalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "dedupeKey" TEXT,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "readAt" TIMESTAMPTZ(3),
    "emailedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomsOffice_administrationId_archivedAt_idx" ON "CustomsOffice"("administrationId", "archivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CustomsOffice_administrationId_nameEn_key" ON "CustomsOffice"("administrationId", "nameEn");

-- CreateIndex
CREATE UNIQUE INDEX "Issue_reference_key" ON "Issue"("reference");

-- CreateIndex
CREATE INDEX "Issue_administrationId_status_createdAt_id_idx" ON "Issue"("administrationId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Issue_status_createdAt_id_idx" ON "Issue"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Issue_createdAt_id_idx" ON "Issue"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Issue_severity_createdAt_id_idx" ON "Issue"("severity", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Issue_officeId_createdAt_idx" ON "Issue"("officeId", "createdAt");

-- CreateIndex
CREATE INDEX "Issue_assigneeId_status_idx" ON "Issue"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "Issue_reporterOrganizationId_createdAt_idx" ON "Issue"("reporterOrganizationId", "createdAt");

-- CreateIndex
CREATE INDEX "Issue_receiptSelector_idx" ON "Issue"("receiptSelector");

-- CreateIndex
CREATE INDEX "IssueResponse_issueId_createdAt_idx" ON "IssueResponse"("issueId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IssueAttachment_storageKey_key" ON "IssueAttachment"("storageKey");

-- CreateIndex
CREATE INDEX "IssueAttachment_issueId_createdAt_idx" ON "IssueAttachment"("issueId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IssueEscalation_issueId_deadline_dueAt_key" ON "IssueEscalation"("issueId", "deadline", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_id_idx" ON "Notification"("userId", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "CustomsOffice" ADD CONSTRAINT "CustomsOffice_administrationId_fkey" FOREIGN KEY ("administrationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_administrationId_fkey" FOREIGN KEY ("administrationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "CustomsOffice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_reporterOrganizationId_fkey" FOREIGN KEY ("reporterOrganizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueResponse" ADD CONSTRAINT "IssueResponse_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueResponse" ADD CONSTRAINT "IssueResponse_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueAttachment" ADD CONSTRAINT "IssueAttachment_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueAttachment" ADD CONSTRAINT "IssueAttachment_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "IssueResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueAttachment" ADD CONSTRAINT "IssueAttachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueEscalation" ADD CONSTRAINT "IssueEscalation_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

