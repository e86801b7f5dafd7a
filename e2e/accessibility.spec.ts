import AxeBuilder from '@axe-core/playwright';
import { expect, expectAccessiblePage, failedResource, signIn, test } from './fixtures';

test('the skip link is the first thing to focus and moves focus to the main content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  await expect(focused).toHaveText('Skip to main content');
  await expect(focused).toHaveAttribute('href', '#main');
  await expect(focused).toBeInViewport(); // visible once focused, not only to screen readers
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test('public pages: one h1 each, labelled form controls', async ({ page, allowConsoleError }) => {
  allowConsoleError(failedResource(404, '/no-such-page'));
  for (const path of ['/', '/signin', '/signup', '/organizations', '/organizations?kind=PARTNER', '/no-such-page']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(path === '/no-such-page' ? 404 : 200);
    await expectAccessiblePage(page);
  }
  await page.goto('/signin');
  for (const label of ['Email address', 'Password']) await expect(page.getByLabel(label, { exact: true })).toBeEditable();
  await page.goto('/signup');
  for (const label of ['Full name', 'Email address', 'Password']) await expect(page.getByLabel(label, { exact: true })).toBeEditable();
  await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription('At least 10 characters.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create your account');
  await page.goto('/organizations');
  for (const label of ['Kind of organisation', 'Country']) await expect(page.getByLabel(label, { exact: true })).toBeEnabled();
});

// Automated WCAG 2.2 A/AA checks (axe-core) on the main pages, signed out and signed in, in both languages.
test.describe('axe-core WCAG 2.2 AA scan', () => {
  const scan = async (page: import('@playwright/test').Page, path: string) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    const summary = results.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
    expect(summary, `${path}`).toEqual([]);
  };

  test('public pages', async ({ page }) => {
    // Seven axe scans: more than the default 30 s on a busy machine.
    test.setTimeout(120_000);
    for (const path of ['/', '/signin', '/signup', '/organizations', '/pledges']) await scan(page, path);
    await page.goto('/pledges');
    const first = page
      .getByRole('main')
      .getByRole('link', { name: /\(demo\)$/ })
      .first();
    const href = await first.getAttribute('href');
    await scan(page, href!);
    await scan(page, `${href}/register`);
  });

  test('signed-in pages, in Russian too', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, 'association.admin@demo.test');
    for (const path of [
      '/dashboard',
      '/settings',
      '/organizations/almaty-freight-forwarders-association-demo',
      '/organizations/almaty-freight-forwarders-association-demo/members',
    ]) {
      await scan(page, path);
    }
    await page.goto('/pledges');
    const href = await page
      .getByRole('main')
      .getByRole('link', { name: /\(demo\)$/ })
      .first()
      .getAttribute('href');
    await scan(page, href!);
    await page.getByRole('banner').getByRole('button', { name: 'Русский' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await scan(page, '/dashboard');
    await scan(page, href!);
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('issues: the inbox and an issue page (and the issue list and anonymous report pages), in English and Russian', async ({ page }) => {
    test.setTimeout(120_000);
    for (const path of ['/issues', '/report', '/report/follow-up']) await scan(page, path);
    await signIn(page, 'customs.liaison@demo.test');
    await page.waitForURL(/\/dashboard$/);
    await scan(page, '/inbox');
    // An issue of the inbox with responses and a timeline: the demo data's reopened storage-fee issue.
    const href = await page
      .getByTestId('inbox-row')
      .getByRole('link', { name: /Storage fees charged/ })
      .first()
      .getAttribute('href');
    expect(href).toMatch(/^\/issues\/ISS-/);
    await scan(page, href!);
    await page.getByRole('banner').getByRole('button', { name: 'Русский' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    for (const path of ['/inbox', href!, '/issues', '/report']) await scan(page, path);
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('commitments and action plans: the lists, a commitment, a milestone, a plan and the proposal form, in English and Russian', async ({ page }) => {
    test.setTimeout(180_000);
    for (const path of ['/commitments', '/plans']) await scan(page, path);
    await signIn(page, 'customs.admin@demo.test');
    await page.waitForURL(/\/dashboard$/);
    // A demo commitment with a completed, a soon-due and an open milestone (AT_RISK), one of its milestones, and the
    // Steppe administration's published plan.
    await page.goto('/commitments');
    const commitment = await page
      .getByRole('main')
      .getByRole('link', { name: 'Binding classification rulings within 30 days at the inland clearance centre (demo)' })
      .first()
      .getAttribute('href');
    expect(commitment).toMatch(/^\/commitments\/COM-/);
    await page.goto(commitment!);
    const milestone = await page.getByRole('main').getByRole('link', { name: 'Public register of rulings' }).first().getAttribute('href');
    expect(milestone).toMatch(/\/milestones\//);
    await page.goto('/plans');
    const plan = await page.getByRole('main').getByRole('link', { name: 'Steppe Customs national integrity action plan (demo)' }).first().getAttribute('href');
    expect(plan).toMatch(/^\/plans\//);
    const paths = ['/commitments', commitment!, milestone!, '/plans', plan!, '/commitments/new'];
    for (const path of paths) await scan(page, path);
    await page.getByRole('banner').getByRole('button', { name: 'Русский' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    for (const path of paths) await scan(page, path);
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

// The shell's pages (start page, dashboard with its action list, 404) and the mobile menu, on a phone and a desktop,
// in English and Russian.
test.describe('axe-core WCAG 2.2 AA scan of the shell, at 390 px and on a desktop', () => {
  const axe = async (page: import('@playwright/test').Page, what: string) => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    const summary = results.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
    expect(summary, what).toEqual([]);
  };
  const switchLanguage = async (page: import('@playwright/test').Page, name: 'Русский' | 'English', phone: boolean) => {
    const banner = page.getByRole('banner');
    if (phone && !(await banner.locator('details').evaluate((details) => (details as HTMLDetailsElement).open))) await banner.locator('summary').click();
    await banner.getByRole('button', { name }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', name === 'English' ? 'en' : 'ru');
  };

  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 900 },
  ]) {
    const phone = viewport.width < 1024;
    test(`start page, dashboards and 404 at ${viewport.width} px`, async ({ page, allowConsoleError }) => {
      test.setTimeout(120_000);
      allowConsoleError(failedResource(404, '/no-such-page'));
      await page.setViewportSize(viewport);
      for (const language of ['English', 'Русский'] as const) {
        if (language === 'Русский') await switchLanguage(page, language, phone);
        for (const path of ['/', '/no-such-page']) {
          await page.goto(path);
          await axe(page, `${language} ${path} signed out`);
        }
        if (phone) {
          await page.getByRole('banner').locator('summary').click();
          await axe(page, `${language} / with the menu open`);
        }
      }
      await switchLanguage(page, 'English', phone);
      for (const email of ['association.signatory@demo.test', 'admin@demo.test']) {
        await signIn(page, email);
        await page.waitForURL(/\/dashboard$/);
        for (const language of ['English', 'Русский'] as const) {
          if (language === 'Русский') await switchLanguage(page, language, phone);
          for (const path of ['/dashboard', '/no-such-page']) {
            await page.goto(path);
            await axe(page, `${language} ${path} as ${email}`);
          }
        }
        await switchLanguage(page, 'English', phone);
        await page.goto('/');
        if (phone) await page.getByRole('banner').locator('summary').click();
        await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
        await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toHaveCount(0);
      }
    });
  }
});
