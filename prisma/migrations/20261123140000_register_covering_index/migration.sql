-- Register counts (app/domain/pledge-queries.server.ts `signatureCounts`) read every entry of a pledge's register:
-- with the organisation and the dates that decide its status in the index itself, they are an index-only scan
-- rather than a walk over the table. Partial with INCLUDE columns, which Prisma's schema cannot express: written by
-- hand, like "PledgeSignature_one_current_per_organization".
CREATE INDEX "PledgeSignature_register_idx" ON "PledgeSignature" ("pledgeId", "organizationId") INCLUDE ("withdrawnAt", "lapsesAt") WHERE "supersededAt" IS NULL;
