-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "similarToId" TEXT,
ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "verifiedAt" TIMESTAMPTZ(3);
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "passwordChangedAt" TIMESTAMPTZ(3),
ADD COLUMN     "recoveryCodeHashes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "totpEnabledAt" TIMESTAMPTZ(3),
ADD COLUMN     "totpLastStep" INTEGER,
ADD COLUMN     "totpSecret" TEXT;
-- AlterTable
ALTER TABLE "SignInAttempt" ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'signin';
-- AlterTable
ALTER TABLE "Pledge" ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}';
-- AlterTable
ALTER TABLE "PledgeVersion" ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}';
-- AlterTable
ALTER TABLE "PledgeSignature" ADD COLUMN     "lapsesAt" TIMESTAMPTZ(3),
ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}';
-- CreateTable
CREATE TABLE "PasswordResetToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    CONSTRAINT "PasswordResetToken_pkey" PRIMARY KEY ("id")
);
-- CreateIndex
CREATE UNIQUE INDEX "PasswordResetToken_tokenHash_key" ON "PasswordResetToken"("tokenHash");
-- CreateIndex
CREATE INDEX "PasswordResetToken_userId_createdAt_idx" ON "PasswordResetToken"("userId", "createdAt");
-- CreateIndex
CREATE INDEX "Organization_name_id_idx" ON "Organization"("name", "id");
-- CreateIndex
CREATE INDEX "SignInAttempt_email_ip_createdAt_idx" ON "SignInAttempt"("email", "ip", "createdAt");
-- CreateIndex
CREATE INDEX "PledgeSignature_pledgeId_supersededAt_signedAt_id_idx" ON "PledgeSignature"("pledgeId", "supersededAt", "signedAt", "id");
-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_similarToId_fkey" FOREIGN KEY ("similarToId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "PasswordResetToken" ADD CONSTRAINT "PasswordResetToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: when verified organisations were verified is unknown; their last update is the best estimate.
UPDATE "Organization" SET "verifiedAt" = "updatedAt" WHERE "verified" AND "verifiedAt" IS NULL;

-- Backfill: a signature lapses its pledge's renewal period after its last renewal (calendar months in UTC, clamped
-- to the month's end, as app/domain/pledge-rules.ts computes it).
UPDATE "PledgeSignature" s
SET "lapsesAt" = ((s."lastRenewedAt" AT TIME ZONE 'UTC') + make_interval(months => p."renewalMonths")) AT TIME ZONE 'UTC'
FROM "Pledge" p
WHERE p."id" = s."pledgeId" AND p."renewalMonths" IS NOT NULL;
