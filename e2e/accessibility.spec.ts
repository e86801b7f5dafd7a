import { expect, expectAccessiblePage, failedResource, test } from './fixtures';

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
