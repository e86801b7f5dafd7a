import { afterEach, describe, expect, it } from 'vitest';
import {
  clearPendingTwoFactor,
  commitPendingTwoFactor,
  commitSession,
  destroySession,
  readPendingTwoFactor,
  readSessionToken,
} from '../../app/auth/session.server';
import { TWO_FACTOR_PENDING_MS } from '../../app/domain/two-factor.server';
import { loadConfig } from '../../app/config.server';
import { createLogger } from '../../app/logger.server';
import { setServices } from '../../app/services.server';

const secret = 'cookie-test-secret-cookie-test-secret-0123';
function withConfig(env: Record<string, string>) {
  setServices({
    db: {} as never,
    config: loadConfig({ SESSION_SECRET: secret, DATA_DIR: '/tmp/ic-cookie-unused', ...env }),
    logger: createLogger('silent'),
    embedded: true,
  });
}
afterEach(() => setServices(undefined));

describe('session cookie', () => {
  it('holds only the signed token: httpOnly, SameSite=Lax, Secure over HTTPS', async () => {
    withConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/x' });
    const header = await commitSession(new Request('https://compact.example/signin'), 'a'.repeat(43));
    expect(header).toMatch(/^ic_session=/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Secure/);
    expect(header).not.toContain('a'.repeat(43) + ';'); // signed, not the bare token
    const token = await readSessionToken(new Request('https://compact.example/', { headers: { cookie: header.split(';')[0] } }));
    expect(token).toBe('a'.repeat(43));
    expect(await readSessionToken(new Request('https://compact.example/', { headers: { cookie: 'ic_session=forged' } }))).toBeNull();
  });

  it('is Secure in production behind an https PUBLIC_URL, and not on a plain-HTTP local demo', async () => {
    withConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://compact.example' });
    expect(await commitSession(new Request('http://127.0.0.1:3000/signin'), 'b'.repeat(43))).toMatch(/Secure/);
    withConfig({ NODE_ENV: 'production' });
    expect(await commitSession(new Request('http://localhost:3000/signin'), 'b'.repeat(43))).not.toMatch(/Secure/);
    expect(await destroySession(new Request('http://localhost:3000/signout'))).toMatch(/Max-Age=0/);
  });

  it('carries a pending two-factor sign-in in a signed, short-lived cookie', async () => {
    withConfig({});
    const request = new Request('http://localhost:3000/signin');
    const now = Date.now();
    const header = await commitPendingTwoFactor(request, { userId: 'user-1', redirectTo: '/settings' }, now);
    expect(header).toMatch(/^ic_2fa=/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(new RegExp(`Max-Age=${TWO_FACTOR_PENDING_MS / 1000}`));
    const withCookie = new Request('http://localhost:3000/signin/two-factor', { headers: { cookie: header.split(';')[0] } });
    expect(await readPendingTwoFactor(withCookie, now + 1000)).toEqual({ userId: 'user-1', redirectTo: '/settings' });
    // Past its expiry (whatever the browser kept), and forged, it names nobody.
    expect(await readPendingTwoFactor(withCookie, now + TWO_FACTOR_PENDING_MS + 1)).toBeNull();
    const forged = `ic_2fa=${Buffer.from(JSON.stringify({ u: 'admin', r: '/', e: now + 60_000 })).toString('base64')}`;
    expect(await readPendingTwoFactor(new Request('http://localhost:3000/', { headers: { cookie: forged } }), now)).toBeNull();
    expect(await clearPendingTwoFactor(request)).toMatch(/Max-Age=0/);
  });
});
