// Child process for the SIGKILL test: opens an embedded database and appends audited writes until killed,
// printing one line per committed write.
import { createDb } from '../../app/db/client.server';
import { startEmbeddedPostgres } from '../../app/db/embedded-postgres.js';
import { migrate } from '../../app/db/migrator.server';
import { systemActor } from '../../app/domain/actor.server';
import { createOrganization } from '../../app/domain/organizations.server';

const embedded = await startEmbeddedPostgres({ dataDir: process.argv[2] });
await migrate(embedded.url);
const db = createDb(embedded.url, { embedded: true });
for (let i = 0; ; i++) {
  await createOrganization(
    { db, actor: systemActor('kill-test') },
    { name: `Writer ${i} organisation`, kind: 'PARTNER', country: 'KZ', description: 'x'.repeat(500) },
  );
  process.stdout.write(`${i}\n`);
}
