import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../app/config.server';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ic-config-'));

describe('configuration', () => {
  it('has working defaults and generates a session secret into DATA_DIR', () => {
    const dataDir = tmp();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', production: false, databaseUrl: undefined, logLevel: 'info' });
    expect(config.sessionSecret).toHaveLength(64);
    const file = path.join(dataDir, 'session-secret');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dataDir }).sessionSecret).toBe(config.sessionSecret);
  });

  it('explains every invalid variable', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://nope', LOG_LEVEL: 'loud', SESSION_SECRET: 'short', DATA_DIR: tmp() });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'LOG_LEVEL', 'SESSION_SECRET']) expect(message).toContain(name);
      expect(message).toContain('postgresql://');
    }
  });

  it('requires SESSION_SECRET in production with an external database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/x', DATA_DIR: tmp() })).toThrow(/SESSION_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/x', SESSION_SECRET: 'x'.repeat(40) }).production).toBe(true);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '', DATA_DIR: tmp() }).databaseUrl).toBeUndefined();
  });
});
