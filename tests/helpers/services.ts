// Register test services (database, config, logger) the way the platform does at boot, for code that reads them.
import { loadConfig } from '../../app/config.server';
import type { Db } from '../../app/db/client.server';
import { createLogger } from '../../app/logger.server';
import { setServices } from '../../app/services.server';

export function useTestServices(db: Db) {
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    DATA_DIR: '/tmp/ic-test-unused',
    LOG_LEVEL: 'silent',
  });
  setServices({ db, config, logger: createLogger('silent'), embedded: true });
  return config;
}
