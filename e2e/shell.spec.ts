// The shell every page shares: Content-Security-Policy, page titles, the 404 page, the mobile menu, the dashboard's
// action list, the error summary of failed forms, focus, and the activity feed's times.
import type { Page } from '@playwright/test';
import { expect, failedResource, signIn, test } from './fixtures';

const SIGNATORY = 'association.signatory@demo.test';
const ADMIN = 'admin@demo.test';

/** Sign in whatever the interface language (the fixture's helper reads English labels). */
async function signInAs(page: Page, email: string, password = 'compact-demo-2026') {
  await page.goto('/signin');
  const form = page
    .getByRole('main')
    .locator('form')
    .filter({ has: page.locator('input[name=password]') });
  await form.locator('input[name=email]').fill(email);
  await form.locator('input[name=password]').fill(password);
  await form.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** Record Content-Security-Policy violations the page reports (besides the console errors the fixture watches). */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

test.describe('Content-Security-Policy', () => {
  test('every page has a nonce-based policy and runs without a violation, signed out and signed in', async ({ page, allowConsoleError }) => {
    allowConsoleError(failedResource(404, '/no-such-page'));
    const violations = await watchCsp(page);
    const nonces = new Set<string>();
    const visit = async (path: string) => {
      const response = await page.goto(path);
      const policy = response!.headers()['content-security-policy'];
      expect(policy, path).toContain("default-src 'self'");
      expect(policy, path).toContain("frame-ancestors 'none'");
      expect(policy, path).toContain("base-uri 'self'");
      expect(policy, path).toContain("form-action 'self'");
      expect(policy, path).not.toContain('unsafe-eval');
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
      expect(nonce, path).toBeTruthy();
      nonces.add(nonce!);
      // No inline script without the nonce (the browser hides a nonce's value from the DOM; an empty one means none).
      const unnonced = await page.locator('script:not([src])').evaluateAll((scripts) => scripts.filter((s) => !(s as HTMLScriptElement).nonce).length);
      expect(unnonced, path).toBe(0);
      await page.waitForLoadState('networkidle');
      expect(await violations(), path).toEqual([]);
    };
    for (const path of ['/', '/pledges', '/organizations', '/signin', '/signup', '/no-such-page']) await visit(path);
    await signInAs(page, SIGNATORY);
    for (const path of ['/dashboard', '/settings', '/organizations/almaty-freight-forwarders-association-demo']) await visit(path);
    await page.goto('/pledges');
    const pledge = await page
      .getByRole('main')
      .getByRole('link', { name: /demo\)$/ })
      .first()
      .getAttribute('href');
    await visit(pledge!);
    await visit(`${pledge}/register`);
    expect(nonces.size, 'a fresh nonce per response').toBeGreaterThanOrEqual(10);

    // The scripts did run: a link click navigates in the page (no reload), which needs the hydrated router.
    await page.goto('/dashboard');
    await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true));
    await page.getByRole('banner').getByRole('link', { name: 'Pledges', exact: true }).click();
    await expect(page).toHaveURL(/\/pledges$/);
    expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
    expect(await violations()).toEqual([]);
  });
});

test.describe('page titles and the 404 page', () => {
  test('each page has its own title', async ({ page, allowConsoleError }) => {
    allowConsoleError(failedResource(404, '/no-such-page'));
    await page.goto('/');
    await expect(page).toHaveTitle('Integrity Compact — customs and business acting together for integrity');
    await page.goto('/no-such-page');
    await expect(page).toHaveTitle('Page not found · Integrity Compact');
    await signInAs(page, SIGNATORY);
    await expect(page).toHaveTitle('Dashboard · Integrity Compact');
  });

  test('the 404 page knows the signed-in user and speaks Russian', async ({ page, allowConsoleError }) => {
    allowConsoleError(/status of 404/);
    await signInAs(page, SIGNATORY);
    await page.getByRole('banner').getByRole('button', { name: 'Русский' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle('Страница не найдена · Integrity Compact');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Страница не найдена');
    await expect(page.getByRole('banner')).toContainText('Saule Signatory');
    await expect(page.getByRole('banner').getByRole('button', { name: 'Выйти' })).toBeVisible();
    await page.getByRole('main').getByRole('link', { name: 'Перейти к обзору' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    // A missing thing behind a real route (a pledge that does not exist) answers the same way.
    const missing = await page.goto('/pledges/no-such-pledge');
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Страница не найдена');
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

test.describe('on a phone (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the header folds into a menu that works with the keyboard', async ({ page }) => {
    await page.goto('/');
    const banner = page.getByRole('banner');
    const menu = banner.getByText('Menu', { exact: true });
    await expect(menu).toBeVisible();
    await expect(banner.getByRole('link', { name: 'Pledges', exact: true })).toBeHidden();
    // Skip link, the site's name, then the menu.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const summary = banner.locator('summary');
    await expect(summary).toBeFocused();
    const outline = await summary.evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
    expect(outline).toMatch(/^solid [23]px$/);
    await page.keyboard.press('Enter');
    await expect(banner.getByRole('link', { name: 'Pledges', exact: true })).toBeVisible();
    await expect(banner.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(banner.getByRole('button', { name: 'Русский' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(banner.getByRole('link', { name: 'Pledges', exact: true })).toBeHidden();
    await expect(summary).toBeFocused();
    await page.keyboard.press('Enter');
    await banner.getByRole('link', { name: 'Pledges', exact: true }).click();
    await expect(page).toHaveURL(/\/pledges$/);
    // The menu closes behind the navigation.
    await expect(banner.getByRole('link', { name: 'Pledges', exact: true })).toBeHidden();
    // The API link is in the footer, not the navigation.
    await expect(banner.getByRole('link', { name: 'GraphQL API' })).toHaveCount(0);
    await expect(page.getByRole('contentinfo').getByRole('link', { name: 'GraphQL API' })).toHaveAttribute('href', '/graphql');
  });

  test('the menu opens without JavaScript too', async ({ newContext }) => {
    const context = await newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto('/');
    const banner = page.getByRole('banner');
    await expect(banner.getByRole('link', { name: 'Organisations' })).toBeHidden();
    await banner.getByText('Menu', { exact: true }).click();
    await expect(banner.getByRole('link', { name: 'Organisations' })).toBeVisible();
  });

  test('nothing runs off the screen sideways, in English and Russian', async ({ page, allowConsoleError }) => {
    allowConsoleError(failedResource(404, '/no-such-page'));
    await signInAs(page, SIGNATORY);
    for (const language of ['English', 'Русский']) {
      if (language === 'Русский') {
        await page.getByRole('banner').locator('summary').click();
        await page.getByRole('banner').getByRole('button', { name: 'Русский' }).click();
        await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
      }
      for (const path of ['/', '/dashboard', '/no-such-page']) {
        await page.goto(path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${language} ${path}`).toBeLessThanOrEqual(0);
      }
    }
    await page.getByRole('banner').locator('summary').click();
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

test.describe('the dashboard lists what needs the user’s action', () => {
  test('a signatory is asked to sign and re-sign, each item leading to the signing step', async ({ page }) => {
    await signInAs(page, SIGNATORY);
    // The signatory also answers for the association in joint commitments: those items are e2e/commitments.spec.ts's.
    const items = page.getByTestId('action-items').locator('li[data-kind^="pledge."]');
    await expect(page.getByRole('heading', { name: /^Needs your action/ })).toBeVisible();
    await expect(items.first()).toBeVisible();
    const kinds = await page
      .getByTestId('action-items')
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-kind')));
    expect(kinds.every((kind) => kind && /^(pledge\.(sign|resign|renew|lapsed)|commitment\..+|milestone\..+)$/.test(kind))).toBe(true);
    const link = items.first().getByRole('link');
    await expect(link).toHaveText(/Almaty Freight Forwarders Association \(demo\)/);
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/pledges\/[^/]+\/(sign\?organization=|signatures\/)/);
    await link.click();
    await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === href);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Almaty Freight Forwarders Association (demo)');
  });

  test('the platform administrator is asked to verify organisations, in English and Russian', async ({ page }) => {
    await signInAs(page, ADMIN);
    const items = page.getByTestId('action-items').locator('li');
    await expect(items.filter({ hasText: /^(To do|Due soon|Overdue|For information)/ }).first()).toBeVisible();
    const kinds = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-kind')));
    expect(kinds.some((kind) => kind === 'organization.verify' || kind === 'organization.similar')).toBe(true);
    await page.getByRole('banner').getByRole('button', { name: 'Русский' }).click();
    await expect(page.getByRole('heading', { name: /^Требует вашего действия/ })).toBeVisible();
    await expect(items.first()).toContainText(/Проверить/);
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('someone with nothing to do is told so', async ({ page }) => {
    await signInAs(page, 'registrant@demo.test');
    await expect(page.getByText('Nothing needs your action')).toBeVisible();
  });
});

test.describe('failed forms', () => {
  test('an error summary takes focus and links to the fields; expected refusals log no console error', async ({ page }) => {
    // No allowConsoleError: a wrong password or a mistyped confirmation is an expected outcome, not a broken page.
    await page.goto('/signin');
    const main = page.getByRole('main');
    await main.getByLabel('Email address').fill(SIGNATORY);
    await main.getByLabel('Password').fill('not-the-password');
    await main.getByRole('button', { name: 'Sign in' }).click();
    await expect(main.getByRole('alert')).toHaveText('The email or password is incorrect.');
    await expect(page.getByTestId('error-summary')).toBeFocused();

    await signIn(page, SIGNATORY);
    await page.waitForURL(/\/dashboard$/);
    await page.goto('/organizations/new');
    await main.locator('input[name=name]').fill('A');
    await main.locator('select[name=kind]').selectOption({ index: 1 });
    await main.locator('select[name=country]').selectOption('KZ');
    await main
      .locator('form')
      .filter({ has: page.locator('input[name=name]') })
      .locator('button[type=submit]')
      .click();
    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeFocused();
    const fieldLink = summary.getByRole('link', { name: /^Organisation name: / });
    await expect(fieldLink).toBeVisible();
    await fieldLink.click();
    await expect(main.locator('input[name=name]')).toBeFocused();
    await expect(main.locator('input[name=name]')).toHaveAttribute('aria-invalid', 'true');

    // A mistyped confirmation on the signing step of the first pledge the dashboard asks to sign.
    await page.goto('/dashboard');
    const sign = page.getByTestId('action-items').locator('li[data-kind="pledge.sign"], li[data-kind="pledge.resign"]').first().getByRole('link');
    await sign.click();
    await main.locator('input[name=confirmation]').fill('I agree');
    await main
      .locator('form')
      .filter({ has: page.locator('input[name=confirmation]') })
      .locator('button[type=submit]')
      .click();
    await expect(page.getByTestId('error-summary')).toBeFocused();
    await expect(page.getByTestId('error-summary').getByRole('link')).toContainText('Type the confirmation sentence exactly as shown.');
  });

  test('focus is visible on text inputs too', async ({ page }) => {
    await page.goto('/signin');
    const email = page.getByRole('main').getByLabel('Email address');
    await email.focus();
    const style = await email.evaluate((el) => {
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
    });
    expect(style.style).toBe('solid');
    expect(style.width).toBeGreaterThanOrEqual(2);
    expect(style.color).toBe('rgb(180, 83, 9)');
  });
});

test.describe('activity', () => {
  test.use({ timezoneId: 'Asia/Almaty' });

  test('says who did what to which thing, newest first, in the viewer’s time zone', async ({ page, newContext }) => {
    await signInAs(page, SIGNATORY);
    const feed = page.getByTestId('activity-feed');
    const first = feed.locator('li').first();
    await expect(first.getByRole('link')).toBeVisible();
    await expect(first).toContainText(/by |платформа/);
    const times = await feed.locator('time').evaluateAll((els) => els.map((el) => ({ iso: el.getAttribute('datetime')!, text: el.textContent! })));
    expect(times.length).toBeGreaterThan(1);
    const instants = times.map((t) => Date.parse(t.iso));
    expect([...instants].sort((a, b) => b - a)).toEqual(instants);
    // After hydration: local time (Almaty, UTC+5), no "UTC".
    await expect(feed.locator('time').first()).not.toContainText('UTC');
    const local = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Almaty' }).format(new Date(times[0].iso));
    await expect(feed.locator('time').first()).toHaveText(local);

    // Without JavaScript the server's UTC time is shown, and says so.
    const context = await newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto('/signin');
    await plain.locator('input[name=email]').fill(SIGNATORY);
    await plain.locator('input[name=password]').fill('compact-demo-2026');
    await plain.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await plain.waitForURL(/\/dashboard$/);
    await expect(plain.getByTestId('activity-feed').locator('time').first()).toContainText('UTC');
  });
});
