import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../app/config.server';
import { withoutEmptySelects } from '../../app/db/client.server';

const made: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-config-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

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

  it('trusts no proxy unless TRUST_PROXY says so', () => {
    const dataDir = tmp();
    expect(loadConfig({ DATA_DIR: dataDir }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: ' 10.0.0.0/8, 192.168.1.1 ' }).trustProxy).toBe('10.0.0.0/8, 192.168.1.1');
  });

  it('reads CORS_ORIGINS as a list of origins, and explains a bad one', () => {
    const dataDir = tmp();
    expect(loadConfig({ DATA_DIR: dataDir }).corsOrigins).toEqual([]);
    expect(loadConfig({ DATA_DIR: dataDir, CORS_ORIGINS: 'https://a.example, http://localhost:5173/ ,' }).corsOrigins).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
    expect(() => loadConfig({ DATA_DIR: dataDir, CORS_ORIGINS: 'https://a.example,not a url' })).toThrow(/CORS_ORIGINS.*origins such as/);
    expect(() => loadConfig({ DATA_DIR: dataDir, CORS_ORIGINS: 'ftp://files.example' })).toThrow(/CORS_ORIGINS/);
  });

  it('limits database statements to 5 seconds unless DB_STATEMENT_TIMEOUT_MS says otherwise', () => {
    const dataDir = tmp();
    expect(loadConfig({ DATA_DIR: dataDir }).statementTimeoutMs).toBe(5_000);
    expect(loadConfig({ DATA_DIR: dataDir, DB_STATEMENT_TIMEOUT_MS: '0' }).statementTimeoutMs).toBe(0);
    expect(loadConfig({ DATA_DIR: dataDir, DB_STATEMENT_TIMEOUT_MS: '15000' }).statementTimeoutMs).toBe(15_000);
    expect(() => loadConfig({ DATA_DIR: dataDir, DB_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
  });
});

describe('withoutEmptySelects (a Pothos query that selects no column)', () => {
  it('drops an empty select at any depth, and leaves everything else alone', () => {
    expect(withoutEmptySelects({ select: {}, where: { id: 'x' } })).toEqual({ where: { id: 'x' } });
    expect(withoutEmptySelects({ include: { memberships: { select: {} }, owner: { select: {}, where: { a: 1 } } } })).toEqual({
      include: { memberships: true, owner: { where: { a: 1 } } },
    });
    const untouched = { select: { id: true, memberships: { select: { role: true } } }, where: { select: {} } };
    expect(withoutEmptySelects(untouched)).toBe(untouched);
    expect(withoutEmptySelects(undefined)).toBeUndefined();
  });
});
