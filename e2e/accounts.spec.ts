// Account security in the browser: password reset by emailed link (read from the outbox folder of the server's data
// directory) and two-factor sign-in with codes computed here as an authenticator app would.
import fs from 'node:fs';
import path from 'node:path';
import * as OTPAuth from 'otpauth';
import type { Page } from '@playwright/test';
import { expect, expectAccessiblePage, failedResource, fillSignUp, signIn, signOutButton, test, uniqueEmail } from './fixtures';

const outbox = () => path.join(process.env.IC_E2E_DATA_DIR!, 'outbox');

/** The reset link of the newest message to `email` in the outbox (waits for it: mail goes out in the background). */
async function resetLinkFor(email: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      () => {
        const files = fs.existsSync(outbox())
          ? fs
              .readdirSync(outbox())
              .filter((f) => f.endsWith('.eml'))
              .sort()
              .reverse()
          : [];
        for (const file of files) {
          const raw = fs.readFileSync(path.join(outbox(), file), 'utf8');
          if (!raw.includes(`\r\nTo: ${email}\r\n`)) continue;
          const text = [...raw.matchAll(/Content-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)/g)]
            .map((m) => Buffer.from(m[1].replace(/\s/g, ''), 'base64').toString('utf8'))
            .join('\n');
          link = text.match(/https?:\/\/[^\s"<]+\/reset-password\/[A-Za-z0-9_-]+/)?.[0];
          if (link) return true;
        }
        return false;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return link!;
}

async function signUpNew(page: Page, prefix: string) {
  const email = uniqueEmail(prefix);
  const password = 'steppe caravan lantern';
  await page.goto('/signup');
  await fillSignUp(page, { name: `Dana ${prefix}`, email, password });
  await expect(page).toHaveURL('/dashboard');
  return { email, password };
}

test('password reset by emailed link: same answer for unknown addresses, weak passwords refused, single use', async ({ page, allowConsoleError }) => {
  allowConsoleError(failedResource(400, '/reset-password/'));
  allowConsoleError(/Failed to load resource: the server responded with a status of 404 .*\/reset-password\//);
  const { email } = await signUpNew(page, 'reset');
  await signOutButton(page).click();
  await expect(page).toHaveURL('/');

  await page.goto('/signin');
  await page.getByRole('main').getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL('/forgot-password');
  await expect(page).toHaveTitle('Reset your password · Integrity Compact');
  await expectAccessiblePage(page);
  const main = page.getByRole('main');
  // An address nobody uses gets exactly the same answer.
  const nobody = uniqueEmail('nobody');
  await main.getByLabel('Email address').fill(nobody);
  await main.getByRole('button', { name: 'Send the link' }).click();
  await expect(main.getByText(`If an account exists for ${nobody}, we have sent it a link`)).toBeVisible();
  await page.goto('/forgot-password');
  await main.getByLabel('Email address').fill(email);
  await main.getByRole('button', { name: 'Send the link' }).click();
  await expect(main.getByText(`If an account exists for ${email}, we have sent it a link`)).toBeVisible();

  const link = await resetLinkFor(email);
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await expect(page).toHaveTitle('Choose a new password · Integrity Compact');
  await expectAccessiblePage(page);
  await main.getByLabel('New password').fill('1111111111');
  await main.getByRole('button', { name: 'Set the new password' }).click();
  await expect(main.getByLabel('New password')).toHaveAccessibleDescription(/This password is too easy to guess: repeated characters/);
  await main.getByLabel('New password').fill('juniper border quay 77');
  await main.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page).toHaveURL('/signin?passwordChanged=1');
  await expect(main.getByText('Your password has been changed')).toBeVisible();
  await signIn(page, email, 'juniper border quay 77');
  await expect(page).toHaveURL('/dashboard');

  // The link worked once.
  const again = await page.goto(new URL(link).pathname);
  expect(again?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'This reset link cannot be used' })).toBeVisible();
  await expect(main.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
});

const codeAt = (secret: string, timestamp: number) => OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp });

test('two-factor sign-in: set up with a QR code, sign in with a code, wrong and reused codes refused, recovery codes work once', async ({
  page,
  newContext,
  allowConsoleError,
}) => {
  allowConsoleError(failedResource(400, '/settings/two-factor.data'));
  allowConsoleError(failedResource(400, '/signin/two-factor.data'));
  allowConsoleError(/Failed to load resource: the server responded with a status of 400 .*\/signin\/two-factor/);
  const { email, password } = await signUpNew(page, 'totp');
  const main = page.getByRole('main');

  await page.goto('/settings');
  await expect(page).toHaveTitle('Settings · Integrity Compact');
  await main.getByRole('link', { name: 'Set up two-factor sign-in' }).click();
  await expect(page).toHaveURL('/settings/two-factor');
  await expect(page).toHaveTitle('Set up two-factor sign-in · Integrity Compact');
  await expect(main.getByRole('img', { name: 'QR code with the key for your authenticator app' })).toBeVisible();
  await expectAccessiblePage(page);
  const secret = (await main.getByTestId('two-factor-secret').textContent())!.replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await main.getByLabel('Authentication code').fill('000000');
  await main.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(main.getByRole('alert')).toBeVisible();
  await expect(main.getByLabel('Authentication code')).toHaveAccessibleDescription(/That code is not right/);
  // The same key is still shown: the app that scanned it need not scan again.
  await expect(main.getByTestId('two-factor-secret')).toHaveText(secret.match(/.{4}/g)!.join(' '));
  const setupAt = Date.now();
  await main.getByLabel('Authentication code').fill(codeAt(secret, setupAt));
  await main.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Save your recovery codes' })).toBeVisible();
  const recoveryCodes = await main.getByTestId('recovery-codes').getByRole('listitem').allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await main.getByRole('link', { name: 'I have saved them' }).click();
  await expect(main.getByText(/^On since/)).toBeVisible();
  await expect(main.getByText('10 recovery codes left.')).toBeVisible();

  // Sign in again: the password, then the code.
  await signOutButton(page).click();
  await signIn(page, email, password);
  await expect(page).toHaveURL('/signin/two-factor');
  await expect(page).toHaveTitle('Enter your code · Integrity Compact');
  await expectAccessiblePage(page);
  await main.getByLabel('Authentication code').fill('000000');
  await main.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(main.getByLabel('Authentication code')).toHaveAccessibleDescription(/That code is not right/);
  // The code used to set it up is spent; the app's next code (30 seconds on) is accepted.
  await main.getByLabel('Authentication code').fill(codeAt(secret, setupAt));
  const replay = page.waitForResponse((r) => r.url().includes('/signin/two-factor') && r.request().method() === 'POST');
  await main.getByRole('button', { name: 'Verify and sign in' }).click();
  await replay;
  await expect(main.getByLabel('Authentication code')).toHaveAccessibleDescription(/That code is not right/);
  const next = codeAt(secret, setupAt + 30_000);
  await main.getByLabel('Authentication code').fill(next);
  await main.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page).toHaveURL('/dashboard');

  // A recovery code signs in once, and here without JavaScript.
  const noScript = await newContext({ javaScriptEnabled: false });
  const other = await noScript.newPage();
  await signIn(other, email, password);
  await expect(other).toHaveURL('/signin/two-factor');
  await other.getByRole('main').getByLabel('Authentication code').fill(recoveryCodes[0]);
  await other.getByRole('main').getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(other).toHaveURL('/dashboard');
  await signOutButton(other).click();
  await signIn(other, email, password);
  await other.getByRole('main').getByLabel('Authentication code').fill(recoveryCodes[0]);
  await other.getByRole('main').getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(other.getByRole('main').getByLabel('Authentication code')).toHaveAccessibleDescription(/That code is not right/);
  await expect(other).toHaveURL('/signin/two-factor');

  await page.goto('/settings');
  await expect(main.getByText('9 recovery codes left.')).toBeVisible();
});
