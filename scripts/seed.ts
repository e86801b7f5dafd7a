// `npm run db:seed`: add the demo data to the configured database by hand (idempotent).
import { seedDemoData } from '../prisma/seed';
import { runWithDatabase } from './with-database';

await runWithDatabase(async ({ db }) => {
  const summary = await seedDemoData(db);
  console.log(`Seeded: ${summary.organizationsCreated} organisations, ${summary.usersCreated} users and ${summary.pledgesCreated} pledges created.`);
});
