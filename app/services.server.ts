// The process-wide services (database, config, logger), set once at boot by app/platform.server.ts.
// Kept on globalThis so route modules reloaded by Vite in development see the same instances.
import type { Config } from './config.server';
import type { Db } from './db/client.server';
import type { Logger } from './logger.server';

export type Services = { db: Db; config: Config; logger: Logger; embedded: boolean };

const key = Symbol.for('integrity-compact.services');
const store = globalThis as unknown as Record<symbol, Services | undefined>;

export function setServices(services: Services | undefined) {
  store[key] = services;
}

export function services(): Services {
  const current = store[key];
  if (!current) throw new Error('The platform has not started: services are not available yet.');
  return current;
}
