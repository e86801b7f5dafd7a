// `npm run audit:verify`: walk the audit chain and report the first broken link.
import { verifyAuditChain } from '../app/domain/audit.server';
import { runWithDatabase } from './with-database';

await runWithDatabase(async ({ db }) => {
  const verdict = await verifyAuditChain(db);
  if (verdict.ok) {
    console.log(`Audit chain intact: ${verdict.count} events, last hash ${verdict.lastHash}`);
    return 0;
  }
  console.error(`Audit chain BROKEN at event ${verdict.brokenAt}: ${verdict.reason}. ${verdict.count} events before it verified.`);
  return 1;
});
