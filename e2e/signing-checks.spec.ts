// The signing step's safeguards, through the form: it signs only the version the signatory read (a version published
// meanwhile is refused and shown), the Russian page's sentence names the organisation in Russian and signs, and a
// too-short field says its limit in both languages.
import { type Page } from '@playwright/test';
import { expect, expectAccessiblePage, failedResource, signIn, test } from './fixtures';

const FORWARDERS = 'Almaty Freight Forwarders Association (demo)';
const FORWARDERS_RU = 'Ассоциация экспедиторов Алматы (демо)';

/** As the demo partner: draft and publish a pledge any organisation may sign; returns its path. */
async function publishPledge(page: Page, title: string) {
  await signIn(page, 'partner@demo.test');
  await expect(page).toHaveURL('/dashboard');
  await page.goto('/pledges/new');
  const main = page.getByRole('main');
  await main.getByLabel('Title').fill(title);
  await main.getByLabel('Text of the pledge').fill('We publish every fee at every border post, in both languages.');
  await main.getByRole('checkbox', { name: 'Transparency' }).check();
  await main.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const pledgeUrl = new URL(page.url()).pathname;
  await page.goto(`${pledgeUrl}/publish`);
  await main.getByRole('button', { name: 'Publish as version 1' }).click();
  await expect(main.getByRole('status')).toHaveText('Published. Organisations can now sign it.');
  return pledgeUrl;
}

/** Open the signing step for the Forwarders from the pledge's page. */
async function openSigningStep(page: Page, pledgeUrl: string, organization: string, button: string) {
  await page.goto(pledgeUrl);
  await page
    .getByRole('region', { name: new RegExp(organization.replace(/[()]/g, '\\$&')) })
    .getByRole('link', { name: button })
    .click();
  await expect(page).toHaveURL(new RegExp(`${pledgeUrl}/sign\\?organization=`));
}

test('a version published while the signatory reads is not signed: the page says so and shows the new text', async ({
  page,
  newContext,
  allowConsoleError,
}) => {
  const title = `Version Race Pledge e2e ${Date.now()}`;
  const partner = await (await newContext()).newPage();
  const pledgeUrl = await publishPledge(partner, title);

  await signIn(page, 'association.signatory@demo.test');
  await expect(page).toHaveURL('/dashboard');
  await openSigningStep(page, pledgeUrl, FORWARDERS, 'Sign the pledge');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'The text you are signing: version 1' })).toBeVisible();
  await expect(main.locator('input[type=hidden][name=versionNumber]')).toHaveValue('1');
  await main.getByLabel(/^Type to confirm:/).fill(`I am authorised to sign for ${FORWARDERS}`);

  // Meanwhile the partner publishes version 2.
  await partner.goto(`${pledgeUrl}/versions/new`);
  await partner.getByRole('main').getByLabel('Text of the pledge').fill('We publish every fee and every waiting time at every border post.');
  await partner.getByRole('main').getByRole('button', { name: 'Preview the changes' }).click();
  await partner.getByRole('main').getByRole('button', { name: 'Publish version 2' }).click();
  await expect(partner).toHaveURL(`${pledgeUrl}?done=versionPublished`);

  // Sending the form for version 1 signs nothing; the page now shows version 2.
  allowConsoleError(failedResource(409, `${pledgeUrl}/sign.data`));
  await main.getByRole('button', { name: 'Sign the pledge' }).click();
  await expect(main.getByRole('alert')).toHaveText('A new version was published while you were reading: read it and sign again.');
  await expect(main.getByRole('heading', { name: 'The text you are signing: version 2' })).toBeVisible();
  await expect(main.getByTestId('pledge-body')).toContainText('every waiting time');
  await expect(main.locator('input[type=hidden][name=versionNumber]')).toHaveValue('2');
  await expectAccessiblePage(page);
  await page.goto(pledgeUrl);
  await expect(page.getByRole('region', { name: `Sign on behalf of ${FORWARDERS}` }).getByRole('link', { name: 'Sign the pledge' })).toBeVisible();

  // Having read version 2, it signs.
  await openSigningStep(page, pledgeUrl, FORWARDERS, 'Sign the pledge');
  await main.getByLabel(/^Type to confirm:/).fill(`I am authorised to sign for ${FORWARDERS}`);
  await main.getByRole('button', { name: 'Sign the pledge' }).click();
  await expect(page).toHaveURL(/\/signatures\/[^/?]+\?done=signed$/);
  await expect(main.getByTestId('receipt-version')).toHaveText(/^Version 2, published /);
});

test('in Russian the sentence names the organisation in Russian, and signs; a short field says its limit', async ({ page, newContext }) => {
  const title = `Russian Name Pledge e2e ${Date.now()}`;
  const partner = await (await newContext()).newPage();
  const pledgeUrl = await publishPledge(partner, title);

  await signIn(page, 'association.signatory@demo.test');
  await expect(page).toHaveURL('/dashboard');
  await page.getByRole('banner').getByRole('button', { name: 'Русский' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await openSigningStep(page, pledgeUrl, FORWARDERS_RU, 'Подписать обязательство');
  const main = page.getByRole('main');
  const phrase = `Я уполномочен подписать от имени ${FORWARDERS_RU}`;
  const confirmation = main.locator('input[name=confirmation]');
  await expect(main.locator(`label[for="${await confirmation.getAttribute('id')}"]`)).toContainText(`«${phrase}»`);
  await confirmation.fill(phrase);
  await main.getByRole('button', { name: 'Подписать обязательство' }).click();
  await expect(page).toHaveURL(/\/signatures\/[^/?]+\?done=signed$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/[а-яё]/i);

  // A name too short: the message says how long it must be, beside the field and in the summary.
  await page.goto('/organizations/new');
  await main.locator('input[name=name]').fill('A');
  await main.locator('select[name=kind]').selectOption({ index: 1 });
  await main.locator('select[name=country]').selectOption('KZ');
  await main
    .locator('form')
    .filter({ has: page.locator('input[name=name]') })
    .locator('button[type=submit]')
    .click();
  await expect(main.locator('input[name=name]')).toHaveAccessibleDescription(/Не короче 2 символов\./);
  await expect(page.getByTestId('error-summary').getByRole('link')).toContainText('Не короче 2 символов.');
  await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await main.locator('input[name=name]').fill('B');
  await main.locator('select[name=kind]').selectOption({ index: 1 });
  await main.locator('select[name=country]').selectOption('KZ');
  await main
    .locator('form')
    .filter({ has: page.locator('input[name=name]') })
    .locator('button[type=submit]')
    .click();
  await expect(main.locator('input[name=name]')).toHaveAccessibleDescription(/At least 2 characters\./);
});
