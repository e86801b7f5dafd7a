import { DEMO_PASSWORD, expect, expectAccessiblePage, failedResource, fillSignUp, signIn, signOutButton, test, uniqueEmail } from './fixtures';

test('sign up, sign out and sign in again', async ({ page }) => {
  const name = `Aruzhan Tester ${Date.now()}`;
  const email = uniqueEmail('signup');
  const password = 'a-long-enough-password';

  await page.goto('/');
  await expectAccessiblePage(page);
  await page.getByRole('banner').getByRole('link', { name: 'Create account' }).click();
  await expect(page).toHaveURL('/signup');
  await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
  await expectAccessiblePage(page);

  await fillSignUp(page, { name, email, password });
  await expect(page).toHaveURL('/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${name}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'You are not in an organisation yet' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Register an organisation' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: name })).toBeVisible();
  await expectAccessiblePage(page);

  await signOutButton(page).click();
  await expect(page).toHaveURL('/');
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(signOutButton(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Integrity at the border is a shared commitment' })).toBeVisible();
  // The session is gone on the server too: the dashboard asks to sign in.
  await page.goto('/dashboard');
  await expect(page).toHaveURL('/signin?redirectTo=%2Fdashboard');

  await header.getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectAccessiblePage(page);
  await signIn(page, email, password);
  await expect(page).toHaveURL('/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${name}` })).toBeVisible();
});

test('sign-in errors do not reveal accounts; sign-up shows field errors and creates nothing', async ({ page, allowConsoleError }) => {
  // The rejected submissions answer 401 and 400, as they should; Chromium logs those responses as errors.
  allowConsoleError(failedResource(401, '/signin.data'));
  allowConsoleError(failedResource(400, '/signup.data'));
  const incorrect = 'The email or password is incorrect.';
  const main = page.getByRole('main');

  // A demo account with a wrong password...
  await page.goto('/signin');
  await signIn(page, 'association.member@demo.test', 'not-the-password');
  await expect(main.getByRole('alert')).toHaveText(incorrect);
  await expect(page).toHaveURL('/signin');
  await expect(main.getByLabel('Email address')).toHaveValue('association.member@demo.test');

  // ...and an address nobody uses get the very same answer.
  await page.goto('/signin');
  await signIn(page, uniqueEmail('nobody'), 'not-the-password');
  await expect(main.getByRole('alert')).toHaveText(incorrect);
  await expect(page).toHaveURL('/signin');
  await expectAccessiblePage(page);

  // Sign-up with an invalid email and a short password: messages next to both fields.
  const name = `Invalid Input ${Date.now()}`;
  await page.goto('/signup');
  await fillSignUp(page, { name, email: 'not-an-email', password: 'short' });
  await expect(main.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
  const email = main.getByLabel('Email address');
  const password = main.getByLabel('Password', { exact: true });
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription('Enter a valid email address.');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription(/Use at least 10 characters\./);
  await expect(main.getByText('Enter a valid email address.', { exact: true })).toBeVisible();
  await expect(main.getByText('Use at least 10 characters.', { exact: true })).toBeVisible();
  await expect(main.getByLabel('Full name')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(main.getByLabel('Full name')).toHaveValue(name);
  await expect(email).toHaveValue('not-an-email');
  await expect(page).toHaveURL('/signup');
  await expectAccessiblePage(page);

  // A valid email but still a short password: only the password is flagged, and no account is created...
  const address = uniqueEmail('nothing-created');
  await fillSignUp(page, { name, email: address, password: 'short' });
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(email).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL('/signup');
  await signIn(page, address, 'short');
  await expect(main.getByRole('alert')).toHaveText(incorrect);

  // ...so the same address is still free afterwards.
  await page.goto('/signup');
  await fillSignUp(page, { name, email: address, password: 'long-enough-now' });
  await expect(page).toHaveURL('/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${name}` })).toBeVisible();
});

test('the language can be switched, persists across pages and is saved for signed-in users', async ({ page, context }) => {
  const header = page.getByRole('banner');
  const html = page.locator('html');

  // Anonymous: the switcher's choice is kept in a cookie.
  await page.goto('/');
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(header.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await header.getByRole('button', { name: 'Русский' }).click();
  await expect(html).toHaveAttribute('lang', 'ru');
  await expect(page).toHaveURL('/');
  await expect(header.getByRole('link', { name: 'Организации' })).toBeVisible();
  await expect(header.getByRole('button', { name: 'Русский' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Добросовестность на границе — общее обязательство');
  await expectAccessiblePage(page);

  await header.getByRole('link', { name: 'Организации' }).click();
  await expect(page).toHaveURL('/organizations');
  await expect(page.getByRole('heading', { level: 1, name: 'Организации' })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'ru');
  await page.reload();
  await expect(html).toHaveAttribute('lang', 'ru');
  await expect(page.getByLabel('Тип организации')).toBeVisible();

  await header.getByRole('button', { name: 'English' }).click();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page).toHaveURL('/organizations');
  await expect(page.getByRole('heading', { level: 1, name: 'Organisations' })).toBeVisible();

  // Signed in: the choice is saved with the account and wins over the browser's cookie.
  await page.goto('/signin');
  await signIn(page, 'partner@demo.test');
  await expect(page).toHaveURL('/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Elena Partner-Analyst' })).toBeVisible();
  await header.getByRole('button', { name: 'Русский' }).click();
  await expect(html).toHaveAttribute('lang', 'ru');
  await expect(page).toHaveURL('/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: 'Добро пожаловать, Elena Partner-Analyst' })).toBeVisible();
  await expectAccessiblePage(page);

  await signOutButton(page).click();
  await expect(page).toHaveURL('/');
  await expect(header.getByRole('link', { name: 'Войти' })).toBeVisible();

  // Forget the browser's cookies: only the saved preference can bring Russian back after signing in.
  await context.clearCookies();
  await page.goto('/signin');
  await expect(html).toHaveAttribute('lang', 'en');
  await signIn(page, 'partner@demo.test');
  await expect(page).toHaveURL('/dashboard');
  await expect(html).toHaveAttribute('lang', 'ru');
  await expect(header.getByRole('link', { name: 'Организации' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Добро пожаловать, Elena Partner-Analyst' })).toBeVisible();

  // Back to English (this also restores the demo user's preference).
  await header.getByRole('button', { name: 'English' }).click();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(header.getByRole('link', { name: 'Organisations' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Elena Partner-Analyst' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('forms work: sign in as a demo user and reach the dashboard', async ({ page, allowConsoleError }) => {
    allowConsoleError(failedResource(401, '/signin'));
    await page.goto('/');
    await expect(page.locator('script[type=module]').first()).toBeAttached(); // the page would hydrate, if it could
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveURL('/signin');
    await signIn(page, 'customs.liaison@demo.test', DEMO_PASSWORD);
    await expect(page).toHaveURL('/dashboard');
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Nurlan Liaison-Officer' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Steppe Customs Administration (demo)' })).toBeVisible();
    await expectAccessiblePage(page);

    // A failed submission is answered by the server too.
    await signOutButton(page).click();
    await expect(page).toHaveURL('/');
    await page.goto('/signin');
    await signIn(page, 'customs.liaison@demo.test', 'wrong-password');
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('The email or password is incorrect.');
    await expect(page.getByRole('main').getByLabel('Email address')).toHaveValue('customs.liaison@demo.test');
    await expect(page.getByRole('main').getByLabel('Password', { exact: true })).toHaveValue(''); // never sent back by the server
  });
});

test('a sign-in link cannot send people to another site', async ({ page }) => {
  // The example: %2F%09%2F is "/<tab>/", which a browser reads as "//evil.example".
  await page.goto('/signin?redirectTo=%2F%09%2Fevil.example');
  await expect(page.getByRole('main').locator('input[name=redirectTo]')).toHaveValue('/dashboard');
  await signIn(page, 'association.member@demo.test');
  await expect(page).toHaveURL('/dashboard');
});

test('sign-up refuses passwords that are easy to guess and says why, in English and Russian', async ({ page, allowConsoleError }) => {
  allowConsoleError(failedResource(400, '/signup.data'));
  const main = page.getByRole('main');
  const password = main.locator('input[name=password]');
  const email = uniqueEmail('weak');
  await page.goto('/signup');
  await expect(page).toHaveTitle('Create your account · Integrity Compact');
  await fillSignUp(page, { name: 'Weak Password', email, password: '1111111111' });
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription(/This password is too easy to guess: repeated characters/);

  await page.getByRole('banner').getByRole('button', { name: 'Русский' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await main.locator('input[name=name]').fill('Слабый Пароль');
  await main.locator('input[name=email]').fill(email);
  await password.fill('          ');
  await main.getByRole('button', { name: 'Создать учётную запись' }).click();
  await expect(password).toHaveAccessibleDescription(/Этот пароль слишком легко подобрать: повторы символов/);
  await expect(page).toHaveURL('/signup');
});
