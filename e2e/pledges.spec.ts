// Integrity pledges: signing and withdrawing (and what the public register shows), who may sign, user-written text
// rendered inert, the Russian UI, and the register without JavaScript.
// The database is seeded once for the whole run: only the first test signs, and it undoes its signature itself.
import { type Locator, type Page } from '@playwright/test';
import { expect, expectAccessiblePage, failedResource, signIn, test } from './fixtures';

const FORWARDERS = 'Almaty Freight Forwarders Association (demo)';
const FEES_PLEDGE = 'No Facilitation Payments Pledge (demo)';
const CODE_PLEDGE = 'Joint Code of Conduct at Border Crossing Points (demo)';

/** Open a pledge from the list on /pledges (so its slug is never guessed); returns the slug. */
async function openPledge(page: Page, title: string) {
  await page.goto('/pledges');
  await page.getByRole('main').getByRole('link', { name: title, exact: true }).click();
  await expect(page).toHaveURL(/\/pledges\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname.split('/')[2];
}

/** The number shown for a status at the top of a register page. */
async function registerCount(page: Page, status: 'ACTIVE' | 'LAPSED' | 'WITHDRAWN') {
  const text = (await page.getByTestId(`count-${status}`).textContent()) ?? '';
  const count = Number(text.replace(/\D/g, ''));
  expect(text.trim(), `the ${status} count is a number`).toMatch(/^\d+$/);
  return count;
}

/** The register's entry of an organisation, picked by a text only that entry has (its statement). */
const registerEntry = (page: Page, organization: string, text: string): Locator =>
  page.getByTestId('register-entry').filter({ has: page.getByRole('link', { name: organization, exact: true }) }).filter({ hasText: text });

test('a signatory signs a pledge, the public register shows it, then withdraws with a public reason', async ({ page, newContext, allowConsoleError }) => {
  const stamp = Date.now();
  const statement = `Almaty forwarders will report every request for a facilitation payment (e2e ${stamp}).`;
  const reason = `Our board suspended the signature pending a review of member compliance (e2e ${stamp}).`;

  await signIn(page, 'association.signatory@demo.test');
  await expect(page).toHaveURL('/dashboard');
  const slug = await openPledge(page, FEES_PLEDGE);
  const registerPath = `/pledges/${slug}/register`;
  // The rejected submissions answer 400, as they should; Chromium logs those responses as errors.
  allowConsoleError(failedResource(400, `/pledges/${slug}.data`));
  await expectAccessiblePage(page);

  // The register before signing, as anybody sees it.
  const visitor = await (await newContext()).newPage();
  await visitor.goto(registerPath);
  await expect(visitor.getByRole('heading', { level: 1, name: 'Register of signatories' })).toBeVisible();
  const activeBefore = await registerCount(visitor, 'ACTIVE');
  const withdrawnBefore = await registerCount(visitor, 'WITHDRAWN');

  const panel = page.getByRole('region', { name: `Sign on behalf of ${FORWARDERS}` });
  const confirmation = panel.getByLabel(/^Type to confirm:/);
  const statementField = panel.getByLabel('Public statement (optional)');
  // The label shows the exact sentence to type.
  const phrase = `I am authorised to sign for ${FORWARDERS}`;
  await expect(panel.locator(`label[for="${await confirmation.getAttribute('id')}"]`)).toHaveText(`Type to confirm: “${phrase}”`);

  // A wrong confirmation: rejected, with the message next to the confirmation field; what was typed is kept.
  await statementField.fill(statement);
  await confirmation.fill('I agree');
  await panel.getByRole('button', { name: 'Sign the pledge' }).click();
  await expect(panel.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
  await expect(confirmation).toHaveAttribute('aria-invalid', 'true');
  await expect(confirmation).toHaveAccessibleDescription('Type the confirmation sentence exactly as shown.');
  await expect(panel.getByText('Type the confirmation sentence exactly as shown.')).toBeVisible();
  await expect(statementField).not.toHaveAttribute('aria-invalid', 'true');
  await expect(statementField).toHaveValue(statement);
  await expect(confirmation).toHaveValue('I agree');
  await expect(page.getByRole('main').getByRole('status')).toHaveCount(0);
  await expectAccessiblePage(page);

  // The exact sentence of the label: signed.
  await confirmation.fill(phrase);
  await panel.getByRole('button', { name: 'Sign the pledge' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Signed. Your organisation now appears in the public register.');
  await expect(panel).toContainText('Status: Active.');
  await expect(panel.getByRole('button', { name: 'Sign the pledge' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText(`${FORWARDERS} signed version 1`);
  await expectAccessiblePage(page);

  // Anybody, without signing in, sees the signature in the public register.
  await visitor.reload();
  const entry = registerEntry(visitor, FORWARDERS, statement);
  await expect(entry).toHaveCount(1);
  await expect(entry.getByText('Active', { exact: true })).toBeVisible();
  await expect(entry.getByRole('blockquote')).toHaveText(`Statement: ${statement}`);
  expect(await registerCount(visitor, 'ACTIVE')).toBe(activeBefore + 1);
  expect(await registerCount(visitor, 'WITHDRAWN')).toBe(withdrawnBefore);
  await expectAccessiblePage(visitor);

  // Withdrawal without a reason: rejected, with the message next to the reason.
  const withdrawal = panel.locator('details').filter({ has: page.getByText('Withdraw the signature', { exact: true }) });
  await withdrawal.getByText('Withdraw the signature', { exact: true }).click();
  const reasonField = withdrawal.getByLabel('Reason (shown publicly in the register)');
  await expect(reasonField).toBeVisible();
  await withdrawal.getByRole('button', { name: 'Withdraw signature' }).click();
  await expect(withdrawal.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
  await expect(reasonField).toBeVisible(); // the form stays open
  await expect(reasonField).toHaveAttribute('aria-invalid', 'true');
  await expect(reasonField).toHaveAccessibleDescription('Give a reason of at least 10 characters.');
  await expect(withdrawal.getByText('Give a reason of at least 10 characters.')).toBeVisible();
  await expect(panel).toContainText('Status: Active.');
  await expectAccessiblePage(page);

  // With a reason: withdrawn.
  await reasonField.fill(reason);
  await withdrawal.getByRole('button', { name: 'Withdraw signature' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Signature withdrawn. The reason is shown in the register.');
  await expect(panel).toContainText(`${FORWARDERS} withdrew its signature on`);
  await expect(panel.getByRole('button', { name: 'Sign the pledge' })).toBeVisible(); // it may sign again
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText(`${FORWARDERS} withdrew`);

  // The public register says so, with the reason.
  await visitor.reload();
  await expect(entry).toHaveCount(1);
  await expect(entry.getByText('Withdrawn', { exact: true })).toBeVisible();
  await expect(entry.getByText('Active', { exact: true })).toHaveCount(0);
  await expect(entry).toContainText(`Reason: ${reason}`);
  await expect(entry).toContainText(/ · Withdrawn \d{1,2} \w{3} \d{4}/);
  expect(await registerCount(visitor, 'ACTIVE')).toBe(activeBefore);
  expect(await registerCount(visitor, 'WITHDRAWN')).toBe(withdrawnBefore + 1);
});

test('a member without the signatory role is told why they cannot sign', async ({ page }) => {
  await signIn(page, 'association.member@demo.test');
  await expect(page).toHaveURL('/dashboard');
  await openPledge(page, FEES_PLEDGE);
  const panel = page.getByRole('region', { name: `Sign on behalf of ${FORWARDERS}` });
  await expect(panel).toContainText(`Only a signatory or administrator of ${FORWARDERS} can sign for it. Your role: Member.`);
  await expect(panel.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('button', { name: 'Sign the pledge' })).toHaveCount(0);
  await expect(page.getByRole('main').getByLabel(/^Type to confirm:/)).toHaveCount(0);
  await expect(page.getByRole('main').locator('form input[name=intent][value=sign]')).toHaveCount(0);
  await expectAccessiblePage(page);
});

test('script and HTML in a pledge text render inert, in the draft and once published', async ({ page, newContext }) => {
  const title = `Inert Markup Pledge e2e ${Date.now()}`;
  const body = [
    '## Our commitment',
    '',
    'We publish every fee. <script>window.__pwned=1</script> Nothing runs here.',
    '',
    '<img src=x onerror="window.__pwned=2">',
    '',
    '<iframe srcdoc="<script>parent.__pwned=3</script>" src="/"></iframe>',
    '',
    '<a href="javascript:window.__pwned=4">A harmless link text</a> and [a real link](https://example.org/fees).',
    '',
    '- The list item stays.',
  ].join('\n');

  /** The pledge text as rendered on the page (not the draft form's textarea). */
  const expectInert = async (p: Page) => {
    const rendered = p.getByTestId('pledge-body');
    await expect(rendered.getByRole('heading', { level: 2, name: 'Our commitment' })).toBeVisible();
    await expect(rendered).toContainText('We publish every fee.');
    await expect(rendered).toContainText('Nothing runs here.');
    await expect(rendered).toContainText('The list item stays.');
    await expect(rendered.getByRole('link', { name: 'a real link' })).toHaveAttribute('href', 'https://example.org/fees');
    await expect(rendered).not.toContainText('window.__pwned');
    await expect(rendered.locator('script, img, iframe, object, embed, svg, [onerror], [srcdoc], a[href^="javascript:" i]')).toHaveCount(0);
    await p.waitForLoadState('load');
    expect(await p.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  };

  await signIn(page, 'partner@demo.test');
  await expect(page).toHaveURL('/dashboard');
  await page.goto('/pledges');
  await page.getByRole('main').getByRole('link', { name: 'Draft a pledge' }).click();
  await expect(page).toHaveURL('/pledges/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Draft a pledge' })).toBeVisible();
  await expectAccessiblePage(page);
  const main = page.getByRole('main');
  await expect(main.getByLabel('Drafted on behalf of')).toHaveValue(/.+/); // the partner organisation
  await main.getByLabel('Title').fill(title);
  await main.getByLabel('Text of the pledge').fill(body);
  await main.getByRole('checkbox', { name: 'Transparency' }).check();
  await main.getByRole('checkbox', { name: 'Code of conduct' }).check();
  await main.getByRole('button', { name: 'Save draft' }).click();

  // The draft: the text is there, but nothing of the markup.
  await expect(page).toHaveURL(/\/pledges\/(?!new$)[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expectInert(page);
  await expect(main.getByLabel('Text of the pledge')).toHaveValue(body); // the source is kept for editing, as text
  await expectAccessiblePage(page);
  const pledgeUrl = page.url();

  await main.getByRole('button', { name: 'Publish as version 1' }).click();
  await expect(main.getByRole('status')).toHaveText('Published. Organisations can now sign it.');
  await expect(main.getByRole('button', { name: 'Publish as version 1' })).toHaveCount(0);
  await expect(main.getByRole('link', { name: 'Public register' })).toBeVisible();
  await page.reload();
  await expectInert(page);

  // Listed with the published pledges, and readable by anybody, still inert.
  await page.goto('/pledges');
  const card = main.getByRole('article').filter({ has: page.getByRole('link', { name: title, exact: true }) });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Open for signature');
  await expect(card).toContainText('0 active signatories');
  await expect(main.getByRole('region', { name: 'Drafts you can edit' }).getByRole('link', { name: title })).toHaveCount(0);

  const visitor = await (await newContext()).newPage();
  await visitor.goto(pledgeUrl);
  await expect(visitor.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expectInert(visitor);
  await expectAccessiblePage(visitor);
});

test('the pledge pages are entirely in Russian once Russian is chosen', async ({ page }) => {
  // Text of the interface in English that must not be left on these pages (pledge texts, names and statements are
  // written by people and stay as written: none of them contains these).
  const english = [
    'Integrity pledges',
    'Sign the pledge',
    'Public register',
    'Key factors',
    'Key factor',
    'All key factors',
    'Filter',
    'Open for signature',
    'active signator',
    'Active',
    'Lapsed',
    'Withdrawn',
    'Timeline',
    'Who may sign',
    'Renewal',
    'Versions',
    'Version',
    'Drafted by',
    /Published [A-Z0-9]/,
    'Register of signatories',
    'Back to the pledge',
    'Data of the chart',
    'Organisations signed',
    'Active signatures',
    'Customs administrations',
    'Business associations',
    'Statement',
    'Reason',
    'Signed',
    'Sign in',
    'Transparency',
    'Code of conduct',
  ];
  const expectNoEnglish = async () => {
    const texts = await page.evaluate(() => {
      const attributes = [...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')].flatMap((el) =>
        ['aria-label', 'title', 'placeholder', 'alt'].map((name) => el.getAttribute(name) ?? ''),
      );
      const options = [...document.querySelectorAll('option')].map((o) => o.textContent ?? '');
      return [document.title, document.body.innerText, ...attributes, ...options].join('\n');
    });
    const left = english.filter((needle) =>
      typeof needle === 'string' ? new RegExp(`(^|[^\\p{L}])${needle}([^\\p{L}]|$)`, 'u').test(texts) : needle.test(texts),
    );
    expect(left, `English left on ${page.url()}`).toEqual([]);
  };
  const header = page.getByRole('banner');
  const main = page.getByRole('main');

  await page.goto('/pledges');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await header.getByRole('button', { name: 'Русский' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page).toHaveURL('/pledges');

  // The list.
  await expect(page.getByRole('heading', { level: 1, name: 'Обязательства о добросовестности' })).toBeVisible();
  await expect(header.getByRole('link', { name: 'Обязательства' })).toBeVisible();
  await expect(main.getByLabel('Ключевой фактор')).toBeVisible();
  await expect(main.getByRole('link', { name: 'Открытый реестр' }).first()).toBeVisible();
  await expect(main).toContainText('Открыто для подписания');
  await expect(main).toContainText(/\d+ действующ(ий|их) подписант/);
  await expectNoEnglish();
  await expectAccessiblePage(page);

  // A pledge.
  await main.getByRole('link', { name: CODE_PLEDGE, exact: true }).click();
  await expect(page).toHaveURL(/\/pledges\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: CODE_PLEDGE })).toBeVisible();
  await expect(main).toContainText(/Опубликовано .+ · Версия 2/);
  await expect(main.getByRole('heading', { name: 'Подписать обязательство' })).toBeVisible();
  await expect(main.getByRole('heading', { name: 'Хронология' })).toBeVisible();
  await expect(main.getByRole('heading', { name: 'Версии' })).toBeVisible();
  await expect(main).toContainText('Ключевые факторы');
  await expect(main).toContainText('Кто может подписать');
  await expect(main).toContainText('Войдите как подписант своей организации, чтобы подписать это обязательство.');
  await expectNoEnglish();
  await expectAccessiblePage(page);

  // Its register.
  await main.getByRole('link', { name: 'Открытый реестр' }).click();
  await expect(page).toHaveURL(/\/pledges\/[^/]+\/register$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Реестр подписантов' })).toBeVisible();
  await expect(main).toContainText(`Открытый реестр обязательства «${CODE_PLEDGE}»`);
  await expect(main.getByText('Действует', { exact: true }).first()).toBeVisible();
  await expect(main.getByText('Отозвано', { exact: true }).first()).toBeVisible();
  await expect(main.getByRole('heading', { name: 'Таможенные администрации' })).toBeVisible();
  await expect(main.getByRole('heading', { name: 'Деловые ассоциации' })).toBeVisible();
  await expect(main).toContainText('Число подписавших организаций во времени');
  await expect(main).toContainText('Причина: ');
  await expectNoEnglish();
  await expectAccessiblePage(page);

  // Back to English.
  await header.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Register of signatories' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the register shows the data of its charts as open tables', async ({ page, newContext }) => {
    await page.goto('/pledges');
    await expect(page.locator('script[type=module]').first()).toBeAttached(); // the page would hydrate, if it could
    const main = page.getByRole('main');
    await main
      .getByRole('article')
      .filter({ has: page.getByRole('link', { name: CODE_PLEDGE, exact: true }) })
      .getByRole('link', { name: 'Public register' })
      .click();
    await expect(page).toHaveURL(/\/pledges\/[^/]+\/register$/);
    const registerUrl = page.url();
    await expect(page.getByRole('heading', { level: 1, name: 'Register of signatories' })).toBeVisible();
    await expectAccessiblePage(page);

    const overTime = main.getByRole('figure').filter({ hasText: 'Organisations that have signed, over time' });
    const byKind = main.getByRole('figure').filter({ hasText: 'Active signatures: customs and business' });
    for (const figure of [overTime, byKind]) {
      await expect(figure.locator('details')).toHaveAttribute('open', '');
      await expect(figure.getByRole('table')).toBeVisible();
      await expect(figure.locator('svg')).toHaveCount(0); // no chart is drawn without JavaScript
    }
    await expect(overTime.getByRole('columnheader')).toHaveText(['Date', 'Organisations signed']);
    await expect(byKind.getByRole('columnheader')).toHaveText(['Kind', 'Active signatures']);

    // The tables agree with the register: one row per organisation that ever signed, counting up...
    const totals = (await overTime.locator('tbody tr td:nth-child(2)').allTextContents()).map(Number);
    expect(totals.length).toBeGreaterThan(0);
    expect(totals).toEqual(totals.map((_, i) => i + 1));
    const organizations = new Set(await main.getByTestId('register-entry').locator('a[href^="/organizations/"]').allTextContents());
    expect(totals.length).toBe(organizations.size);
    // ...and the active signatures by kind add up to the Active count.
    await expect(byKind.getByRole('row')).toHaveCount(3);
    await expect(byKind.getByRole('cell').nth(0)).toHaveText('Customs administrations');
    await expect(byKind.getByRole('cell').nth(2)).toHaveText('Business associations');
    const byKindCounts = (await byKind.locator('tbody tr td:nth-child(2)').allTextContents()).map(Number);
    expect(byKindCounts.reduce((a, b) => a + b, 0)).toBe(await registerCount(page, 'ACTIVE'));

    // With JavaScript the charts are drawn and the tables fold away behind their summary.
    const withJs = await (await newContext({ javaScriptEnabled: true })).newPage();
    await withJs.goto(registerUrl);
    const chart = withJs.getByRole('main').getByRole('figure').filter({ hasText: 'Active signatures: customs and business' });
    await expect(chart.locator('svg.recharts-surface')).toBeVisible();
    await expect(chart.locator('details')).not.toHaveAttribute('open');
    await expect(chart.getByRole('table')).toBeHidden();
    await chart.getByText('Data of the chart').click();
    await expect(chart.getByRole('table')).toBeVisible();
  });
});
