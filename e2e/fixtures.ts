// Shared fixtures and helpers for the end-to-end suite.
//  - Every page of every browser context a test opens is watched: a console error or an uncaught exception fails
//    the test (errors about the live activity feed's WebSocket / Socket.IO connection are tolerated).
//  - `allowConsoleError(pattern)` tolerates matching messages in the current test only, such as Chromium's
//    "Failed to load resource: ... status of 401" when a form is meant to be rejected.
//  - `newContext()` opens a second, independent browser (another person), watched the same way.
//  - `expectAccessiblePage(page)` is the accessibility smoke check run on each page a test visits.
import { type BrowserContext, type BrowserContextOptions, type ConsoleMessage, type Page, expect, test as base } from '@playwright/test';

export { expect };

export const DEMO_PASSWORD = 'compact-demo-2026';

/** Console noise that is not a bug of the page: the activity feed's live connection coming and going. */
const TOLERATED = [/websocket/i, /socket\.io/i];

type Fixtures = {
  consoleErrors: string[];
  allowConsoleError: (pattern: RegExp) => void;
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
};

function watch(context: BrowserContext, errors: string[]) {
  const onPage = (page: Page) => {
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (TOLERATED.some((pattern) => pattern.test(text))) return;
      const where = message.location().url;
      errors.push(`console.error on ${page.url()}: ${text}${where ? ` (${where})` : ''}`);
    });
    page.on('pageerror', (error) => errors.push(`uncaught exception on ${page.url()}: ${error.stack ?? error.message}`));
  };
  context.pages().forEach(onPage);
  context.on('page', onPage);
}

const allowedConsoleErrors = new WeakMap<string[], RegExp[]>();

/** Chromium's own log line for a response with an error status (the status the app means to send). */
export const failedResource = (status: number, path: string) =>
  new RegExp(`Failed to load resource: the server responded with a status of ${status} .*\\(http://localhost:\\d+${path.replace(/[.?]/g, '\\$&')}\\)$`);

export const test = base.extend<Fixtures>({
  consoleErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      watch(context, errors);
      await use(errors);
      const allowed = allowedConsoleErrors.get(errors) ?? [];
      const unexpected = errors.filter((error) => !allowed.some((pattern) => pattern.test(error)));
      expect(unexpected, 'the browser console must stay free of errors').toEqual([]);
    },
    { auto: true },
  ],
  allowConsoleError: async ({ consoleErrors }, use) => {
    await use((pattern) => allowedConsoleErrors.set(consoleErrors, [...(allowedConsoleErrors.get(consoleErrors) ?? []), pattern]));
  },
  newContext: async ({ browser, baseURL, javaScriptEnabled, locale, consoleErrors }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ baseURL, javaScriptEnabled, locale, ...options });
      watch(context, consoleErrors);
      contexts.push(context);
      return context;
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

/** A unique, valid address for a person created by a test. */
export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.test`;
}

/**
 * Accessibility smoke check of the current page: one h1, a language on <html>, a main landmark, and every
 * visible form control has a label (a <label>, aria-label or aria-labelledby).
 */
export async function expectAccessiblePage(page: Page) {
  await expect(page.locator('h1'), `exactly one h1 on ${page.url()}`).toHaveCount(1);
  await expect(page.locator('html')).toHaveAttribute('lang', /^(en|ru)$/);
  await expect(page.getByRole('main')).toHaveCount(1);
  const unlabelled = await page.locator('input:not([type=hidden]), select, textarea').evaluateAll((controls) =>
    controls
      .filter((control) => {
        const labelled =
          ((control as HTMLInputElement).labels?.length ?? 0) > 0 || control.hasAttribute('aria-label') || control.hasAttribute('aria-labelledby');
        return !labelled;
      })
      .map((control) => control.outerHTML),
  );
  expect(unlabelled, `form controls without a label on ${page.url()}`).toEqual([]);
}

/** Sign in through the form on /signin; ends on the page the form redirects to. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/signin')) await page.goto('/signin');
  const main = page.getByRole('main');
  await main.getByLabel('Email address').fill(email);
  await main.getByLabel('Password').fill(password);
  await main.getByRole('button', { name: 'Sign in' }).click();
}

/** Fill and submit the sign-up form of the current page (/signup). */
export async function fillSignUp(page: Page, { name, email, password }: { name: string; email: string; password: string }) {
  const main = page.getByRole('main');
  await main.getByLabel('Full name').fill(name);
  await main.getByLabel('Email address').fill(email);
  await main.getByLabel('Password').fill(password);
  await main.getByRole('button', { name: 'Create account' }).click();
}

/** The sign-out button of the header. */
export const signOutButton = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^(Sign out|Выйти)$/ });
