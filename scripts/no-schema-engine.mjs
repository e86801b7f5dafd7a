#!/usr/bin/env node
// Stand-in for Prisma's native schema engine, used only so that `prisma generate` does not try to download one.
// The app applies migrations itself; to author a migration, see `npm run db:migrate:new`.
console.error('No Prisma schema engine here. To author migrations run `npm run db:migrate:new -- <name>` (see README).');
process.exit(1);
