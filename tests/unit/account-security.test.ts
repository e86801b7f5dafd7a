// Pure parts of account security: redirect targets, the policy's account rules, password strength, mail format.
import { describe, expect, it } from 'vitest';
import { safeRedirect } from '../../app/auth/guards.server';
import type { Actor } from '../../app/domain/actor.server';
import { toRfc822 } from '../../app/domain/mail.server';
import { PASSWORD_SUGGESTIONS, PASSWORD_WARNINGS, passwordWeakness } from '../../app/domain/password.server';
import { can } from '../../app/domain/policy.server';
import { en } from '../../app/i18n/en';

describe('safeRedirect', () => {
  it('keeps paths on this site', () => {
    expect(safeRedirect('/dashboard')).toBe('/dashboard');
    expect(safeRedirect('/pledges/a-pledge?tab=register#top')).toBe('/pledges/a-pledge?tab=register#top');
    expect(safeRedirect('/invitations/abc')).toBe('/invitations/abc');
  });

  it('falls back for anything a browser would read as another site, or that cannot be a header', () => {
    for (const target of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '//evil.example',
      '/\\evil.example',
      '/\\/evil.example',
      '/a/..//evil.example',
      '/./..//evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      'evil.example',
      '',
      '/x\u0000y',
      '/dashboard\r\nSet-Cookie: a=b',
      `/${'a'.repeat(2001)}`,
    ]) {
      expect(safeRedirect(target), JSON.stringify(target)).toBe('/dashboard');
    }
    expect(safeRedirect(null, '/')).toBe('/');
    expect(safeRedirect(undefined)).toBe('/dashboard');
  });
});

describe('policy: account rules', () => {
  const person = (userId: string, isPlatformAdmin = false): Actor => ({ kind: 'user', userId, isPlatformAdmin, memberships: [] });
  it('lets each person manage their own second factor, and platform admins only keep theirs', () => {
    expect(can(person('u1'), 'user.manageTwoFactor', { userId: 'u1' })).toBe(true);
    expect(can(person('u1'), 'user.manageTwoFactor', { userId: 'u2' })).toBe(false);
    expect(can(person('a1', true), 'user.manageTwoFactor', { userId: 'u2' })).toBe(false);
    expect(can({ kind: 'anonymous' }, 'user.manageTwoFactor', { userId: 'u1' })).toBe(false);
    expect(can(person('u1'), 'user.disableTwoFactor', { userId: 'u1' })).toBe(true);
    expect(can(person('u1'), 'user.disableTwoFactor', { userId: 'u2' })).toBe(false);
    expect(can(person('a1', true), 'user.disableTwoFactor', { userId: 'a1' })).toBe(false);
    expect(can({ kind: 'system', reason: 'test' }, 'user.disableTwoFactor', { userId: 'u1' })).toBe(false);
  });

  it('lets anyone ask for and use a password reset (the emailed token is the proof)', () => {
    expect(can({ kind: 'anonymous' }, 'user.resetPassword')).toBe(true);
    expect(can(person('u1'), 'user.resetPassword')).toBe(true);
  });
});

describe('password strength', () => {
  it('names why a password is weak, with a message in the dictionaries', async () => {
    expect(await passwordWeakness('1111111111')).toBe('errors.passwordWeak.simpleRepeat');
    expect(await passwordWeakness('          ')).toBe('errors.passwordWeak.simpleRepeat');
    expect(await passwordWeakness('abcdefghijkl')).toBe('errors.passwordWeak.sequences');
    expect(await passwordWeakness('nurlanovna1990', ['Aigerim Nurlanovna'])).toMatch(/^errors\.passwordWeak/);
    expect(await passwordWeakness('compact-demo-2026')).toBeNull();
    expect(await passwordWeakness('correct horse battery')).toBeNull();
    for (const key of PASSWORD_WARNINGS) expect(en).toHaveProperty([`errors.passwordWeak.${key}`]);
    for (const key of PASSWORD_SUGGESTIONS) expect(en).toHaveProperty([`errors.passwordWeak.try.${key}`]);
    expect(en['errors.passwordWeak.simpleRepeat']).toMatch(/^This password is too easy to guess: /);
  });
});

describe('RFC 822 messages', () => {
  it('encodes non-ASCII subjects, keeps headers on one line, and carries text and HTML', () => {
    const raw = toRfc822(
      { to: 'a@example.test\r\nBcc: b@example.test', subject: 'Сброс пароля', text: 'Ссылка: https://x.test/reset-password/abc', html: '<p>Ссылка</p>' },
      { from: 'IC <no-reply@x.test>', messageId: '1.abc@x.test', date: new Date('2026-11-23T10:00:00Z') },
    );
    const [head] = raw.split('\r\n\r\n');
    expect(head).toContain('To: a@example.test Bcc: b@example.test');
    expect(head).not.toMatch(/^Bcc:/m);
    expect(head).toContain(`Subject: =?UTF-8?B?${Buffer.from('Сброс пароля').toString('base64')}?=`);
    expect(head).toContain('Date: Mon, 23 Nov 2026 10:00:00 +0000');
    expect(raw).toContain('Content-Type: multipart/alternative; boundary=');
    expect(raw).toContain(Buffer.from('Ссылка: https://x.test/reset-password/abc').toString('base64'));
  });
});
