// `npm run db:seed`: add the demo data to the configured database by hand (idempotent).
import { seedDemoData } from '../prisma/seed';
import { runWithDatabase } from './with-database';

await runWithDatabase(async ({ db }) => {
  const started = performance.now();
  const summary = await seedDemoData(db);
  const ms = Math.round(performance.now() - started);
  console.log(
    `Seeded in ${ms} ms: ${summary.organizationsCreated} organisations, ${summary.usersCreated} users and ${summary.pledgesCreated} pledges created.`,
  );
});
