// Integrity pledges: signing through its own step and the receipt, withdrawing after a confirmation (and what the
// public register shows), who may sign, user-written text rendered inert, publishing and closing that ask first,
// the register table (sort, filters in the URL, empty state, CSV download), the Russian UI, and the register without
// JavaScript. The database is seeded once for the whole run: the first test signs, and withdraws its signature itself.
import fs from 'node:fs';
import { type Locator, type Page } from '@playwright/test';
import { expect, expectAccessiblePage, failedResource, signIn, test } from './fixtures';

const FORWARDERS = 'Almaty Freight Forwarders Association (demo)';
const FEES_PLEDGE = 'No Facilitation Payments Pledge (demo)';
const CODE_PLEDGE = 'Joint Code of Conduct at Border Crossing Points (demo)';
const CODE_PLEDGE_RU = 'Совместный кодекс поведения в пунктах пропуска через границу (демо)';

/** Open a pledge from the list on /pledges (so its slug is never guessed); returns the slug. */
async function openPledge(page: Page, title: string) {
  await page.goto('/pledges');
  await page.getByRole('main').getByRole('link', { name: title, exact: true }).click();
  await expect(page).toHaveURL(/\/pledges\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname.split('/')[2];
}

/** The number shown for a status at the top of a register page. */
async function registerCount(page: Page, status: 'ACTIVE' | 'LAPSED' | 'WITHDRAWN' | 'unverified') {
  const text = (await page.getByTestId(`count-${status}`).textContent()) ?? '';
  const count = Number(text.replace(/\D/g, ''));
  expect(text.trim(), `the ${status} count is a number`).toMatch(/^\d+$/);
  return count;
}

/** The register's row of an organisation, picked by a text only that row has (its statement). */
const registerEntry = (page: Page, organization: string, text: string): Locator =>
  page
    .getByTestId('register-entry')
    .filter({ has: page.getByRole('link', { name: organization, exact: true }) })
    .filter({ hasText: text });

test('a signatory signs through the signing step, lands on the receipt, then withdraws after a confirmation', async ({
  page,
  newContext,
  allowConsoleError,
}) => {
  const stamp = Date.now();
  // A statement a spreadsheet would run as a formula: shown as text on the page, escaped in the CSV.
  const statement = `=HYPERLINK("https://evil.example","Almaty forwarders report every facilitation payment") e2e ${stamp}`;
  const reason = `Our board suspended the signature pending a review of member compliance (e2e ${stamp}).`;

  await signIn(page, 'association.signatory@demo.test');
  await expect(page).toHaveURL('/dashboard');
  const slug = await openPledge(page, FEES_PLEDGE);
  const registerPath = `/pledges/${slug}/register`;
  // The rejected submissions answer 400, as they should; Chromium logs those responses as errors.
  allowConsoleError(failedResource(400, `/pledges/${slug}/sign.data`));
  allowConsoleError(failedResource(400, `/pledges/${slug}/signatures/`));
  await expectAccessiblePage(page);

  // The register before signing, as anybody sees it.
  const visitor = await (await newContext()).newPage();
  await visitor.goto(registerPath);
  await expect(visitor.getByRole('heading', { level: 1, name: 'Register of signatories' })).toBeVisible();
  const activeBefore = await registerCount(visitor, 'ACTIVE');
  const withdrawnBefore = await registerCount(visitor, 'WITHDRAWN');

  // The pledge page offers the step; the step has its own page.
  const panel = page.getByRole('region', { name: `Sign on behalf of ${FORWARDERS}` });
  await panel.getByRole('link', { name: 'Sign the pledge' }).click();
  await expect(page).toHaveURL(new RegExp(`/pledges/${slug}/sign\\?organization=`));
  await expect(page.getByRole('heading', { level: 1, name: `Sign on behalf of ${FORWARDERS}` })).toBeVisible();
  await expect(page).toHaveTitle(`Sign “${FEES_PLEDGE}” for ${FORWARDERS} · Integrity Compact`);
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'The text you are signing: version 1' })).toBeVisible();
  await expect(main.getByTestId('pledge-body')).not.toBeEmpty();
  const confirmation = main.getByLabel(/^Type to confirm:/);
  const statementField = main.getByLabel('Public statement (optional)');
  const phrase = `I am authorised to sign for ${FORWARDERS}`;
  await expect(main.locator(`label[for="${await confirmation.getAttribute('id')}"]`)).toHaveText(`Type to confirm: “${phrase}”`);
  await expectAccessiblePage(page);

  // A wrong confirmation: rejected, with the message next to the confirmation field; what was typed is kept.
  await statementField.fill(statement);
  await confirmation.fill('I agree');
  await main.getByRole('button', { name: 'Sign the pledge' }).click();
  await expect(confirmation).toHaveAttribute('aria-invalid', 'true');
  await expect(confirmation).toHaveAccessibleDescription('Type the confirmation sentence exactly as shown.');
  await expect(statementField).not.toHaveAttribute('aria-invalid', 'true');
  await expect(statementField).toHaveValue(statement);
  await expect(confirmation).toHaveValue('I agree');
  await expect(page).toHaveURL(new RegExp(`/pledges/${slug}/sign`));

  // The exact sentence: signed, and the receipt says who signed what, when, and where the audit chain records it.
  await confirmation.fill(phrase);
  await main.getByRole('button', { name: 'Sign the pledge' }).click();
  await expect(page).toHaveURL(new RegExp(`/pledges/${slug}/signatures/[^/?]+\\?done=signed$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Signature receipt' })).toBeVisible();
  await expect(main.getByRole('status')).toHaveText('Signed. Your organisation now appears in the public register.');
  await expect(main.getByTestId('receipt-organization')).toContainText(FORWARDERS);
  await expect(main.getByTestId('receipt-version')).toHaveText(/^Version 1, published /);
  await expect(main.getByTestId('receipt-status')).toHaveText('Active');
  await expect(main.getByTestId('receipt-statement')).toHaveText(statement);
  await expect(main.getByTestId('receipt-audit-seq')).toHaveText(/^#\d+$/);
  await expect(main.getByTestId('receipt-audit-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page).toHaveTitle(`Receipt: ${FORWARDERS}, “${FEES_PLEDGE}” · Integrity Compact`);
  await expectAccessiblePage(page);
  const receiptUrl = new URL(page.url()).pathname;

  // The receipt is public.
  await visitor.goto(receiptUrl);
  await expect(visitor.getByRole('main').getByTestId('receipt-statement')).toHaveText(statement);

  // The pledge page: signed, and the timeline says who did what, linking to the receipt.
  await page.goto(`/pledges/${slug}`);
  await expect(panel).toContainText('Status: Active.');
  await expect(panel.getByRole('link', { name: 'Sign the pledge' })).toHaveCount(0);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const signedEntry = timeline
    .getByTestId('timeline-entry')
    .filter({ hasText: `${FORWARDERS} signed version 1` })
    .filter({ hasText: `e2e ${stamp}` });
  await expect(signedEntry).toHaveCount(1);
  await expect(signedEntry.getByRole('link', { name: 'Receipt' })).toHaveAttribute('href', receiptUrl);

  // Anybody, without signing in, sees the signature in the public register.
  await visitor.goto(registerPath);
  const entry = registerEntry(visitor, FORWARDERS, `e2e ${stamp}`);
  await expect(entry).toHaveCount(1);
  await expect(entry.locator('[data-status]')).toHaveText('●Active');
  await expect(entry.getByRole('blockquote')).toHaveText(`Statement: ${statement}`);
  expect(await registerCount(visitor, 'ACTIVE')).toBe(activeBefore + 1);
  expect(await registerCount(visitor, 'WITHDRAWN')).toBe(withdrawnBefore);
  await expectAccessiblePage(visitor);

  // Withdrawal asks first, saying what follows; without a reason it is refused.
  await page.goto(receiptUrl);
  await main.getByRole('link', { name: 'Withdraw the signature' }).click();
  await expect(page).toHaveURL(`${receiptUrl}/withdraw`);
  await expect(main.getByRole('heading', { name: 'What will follow' })).toBeVisible();
  await expect(main).toContainText('shown as withdrawn in the public register, with the date and your reason, for good.');
  const reasonField = main.getByLabel('Reason (shown publicly in the register)');
  await main.getByRole('button', { name: 'Withdraw signature' }).click();
  await expect(reasonField).toHaveAttribute('aria-invalid', 'true');
  await expect(reasonField).toHaveAccessibleDescription('Give a reason of at least 10 characters.');
  await expectAccessiblePage(page);
  // With a reason: withdrawn, back on the receipt.
  await reasonField.fill(reason);
  await main.getByRole('button', { name: 'Withdraw signature' }).click();
  await expect(page).toHaveURL(`${receiptUrl}?done=withdrawn`);
  await expect(main.getByRole('status')).toHaveText('Signature withdrawn. The reason is shown in the register.');
  await expect(main.getByTestId('receipt-status')).toHaveText('Withdrawn');
  await page.goto(`/pledges/${slug}`);
  await expect(panel).toContainText(`${FORWARDERS} withdrew its signature on`);
  await expect(panel.getByRole('link', { name: 'Sign the pledge' })).toBeVisible(); // it may sign again
  await expect(timeline).toContainText(`${FORWARDERS} withdrew`);

  // The public register says so, with the reason.
  await visitor.goto(registerPath);
  await expect(entry).toHaveCount(1);
  await expect(entry.locator('[data-status]')).toHaveText('✕Withdrawn');
  await expect(entry).toContainText(`Reason: ${reason}`);
  expect(await registerCount(visitor, 'ACTIVE')).toBe(activeBefore);
  expect(await registerCount(visitor, 'WITHDRAWN')).toBe(withdrawnBefore + 1);

  // The CSV of the filtered register: UTF-8 with a byte-order mark, a header row, the formula escaped.
  const registerMain = visitor.getByRole('main');
  await registerMain.getByLabel('Organisation name').fill('Almaty Freight');
  await registerMain.getByRole('button', { name: 'Apply' }).click();
  await expect(visitor).toHaveURL(/[?&]q=Almaty\+Freight/);
  const [download] = await Promise.all([visitor.waitForEvent('download'), registerMain.getByRole('link', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^register-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString('utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe('Organisation,Kind,Country,Verified,Status,Version,Signed,Renewed,Lapses,Withdrawn,Reason,Statement,Receipt');
  const row = lines.find((line) => line.includes(`e2e ${stamp}`))!;
  expect(row).toContain(FORWARDERS);
  expect(row).toContain('Withdrawn');
  // The statement cell starts with an apostrophe, so a spreadsheet shows it as text instead of running it.
  expect(row).toContain(`"'=HYPERLINK(""https://evil.example"",""Almaty forwarders report every facilitation payment"") e2e ${stamp}"`);
  expect(lines.filter((line) => line && !line.startsWith('Organisation,')).every((line) => line.includes('Almaty Freight'))).toBe(true);
});

test('a member without the signatory role is told why they cannot sign', async ({ page }) => {
  await signIn(page, 'association.member@demo.test');
  await expect(page).toHaveURL('/dashboard');
  await openPledge(page, FEES_PLEDGE);
  const panel = page.getByRole('region', { name: `Sign on behalf of ${FORWARDERS}` });
  await expect(panel).toContainText(`Only a signatory or administrator of ${FORWARDERS} can sign for it. Your role: Member.`);
  await expect(panel.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('link', { name: 'Sign the pledge' })).toHaveCount(0);
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
  await expectAccessiblePage(page);
  const pledgeUrl = page.url();
  await main.getByRole('link', { name: 'Edit the draft' }).first().click();
  await expect(main.getByLabel('Text of the pledge')).toHaveValue(body); // the source is kept for editing, as text
  await expectAccessiblePage(page);

  // Publishing asks first, showing the text as it will be published.
  await page.goto(pledgeUrl);
  await main.getByRole('link', { name: 'Publish as version 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Publish as version 1' })).toBeVisible();
  await expect(main.getByRole('heading', { name: 'What will follow' })).toBeVisible();
  await expectInert(page);
  await main.getByRole('button', { name: 'Publish as version 1' }).click();
  await expect(page).toHaveURL(`${pledgeUrl}?done=published`);
  await expect(main.getByRole('status')).toHaveText('Published. Organisations can now sign it.');
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

test('publishing a new version previews what re-signing asks; closing a pledge asks first', async ({ page }) => {
  const title = `Confirmation Pledge e2e ${Date.now()}`;
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

  // A new version: the form, then a preview of the changes and of what re-signing will ask, then publish.
  await main.getByRole('link', { name: 'Publish a new version' }).click();
  await expect(page).toHaveTitle(`Publish a new version: ${title} · Integrity Compact`);
  await main.getByLabel('Text of the pledge').fill('We publish every fee and every waiting time at every border post, in both languages.');
  await main.getByLabel('What changed in this version').fill('Waiting times added.');
  await main.getByRole('button', { name: 'Preview the changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check before publishing version 2' })).toBeVisible();
  await expect(main.getByTestId('version-consequences')).toContainText('0 organisations that signed version 1 or earlier');
  const diff = main.getByTestId('pledge-diff');
  await expect(diff.locator('ins')).toContainText(['added: and every waiting time']);
  await expect(main.getByRole('list', { name: 'Legend' })).toBeVisible();
  await expectAccessiblePage(page);
  // Back to editing keeps what was typed.
  await main.getByRole('button', { name: 'Back to editing' }).click();
  await expect(main.getByLabel('What changed in this version')).toHaveValue('Waiting times added.');
  await main.getByRole('button', { name: 'Preview the changes' }).click();
  await main.getByRole('button', { name: 'Publish version 2' }).click();
  await expect(page).toHaveURL(`${pledgeUrl}?done=versionPublished`);
  await expect(main.getByRole('status')).toHaveText('The new version is published. Organisations that signed are invited to re-sign.');
  // Both versions can be opened; the second shows what changed.
  await main.getByRole('region', { name: 'Versions' }).getByRole('link', { name: 'Version 1' }).click();
  await expect(main).toContainText('This is an earlier version. The current one is version 2.');
  await page.goto(`${pledgeUrl}/versions/2`);
  await main.getByText('What changed since version 1').click();
  await expect(main.getByTestId('pledge-diff').locator('ins')).toContainText(['added: and every waiting time']);

  // Closing: a page that says what follows; cancel leaves it open, confirm closes it.
  await page.goto(pledgeUrl);
  await main.getByRole('link', { name: 'Close to new signatures' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Close to new signatures' })).toBeVisible();
  await expect(main.getByTestId('close-consequences')).toContainText('No organisation can sign it any more. This cannot be undone.');
  await expectAccessiblePage(page);
  await main.getByRole('link', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(pledgeUrl);
  await expect(main).not.toContainText('This pledge is closed to new signatures.');
  await main.getByRole('link', { name: 'Close to new signatures' }).click();
  await main.getByRole('button', { name: 'Close the pledge' }).click();
  await expect(page).toHaveURL(`${pledgeUrl}?done=closed`);
  await expect(main.getByRole('status')).toHaveText('The pledge is closed to new signatures.');
  await expect(main.getByRole('link', { name: 'Close to new signatures' })).toHaveCount(0);
  await page.goto(pledgeUrl);
  await expect(main.getByRole('status')).toHaveText('This pledge is closed to new signatures.');
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Closed to new signatures');
});

test('the register is a table that sorts and filters through its URL, and says when nothing matches', async ({ page }) => {
  await page.goto('/pledges');
  const main = page.getByRole('main');
  await main
    .getByRole('article')
    .filter({ has: page.getByRole('link', { name: CODE_PLEDGE, exact: true }) })
    .getByRole('link', { name: 'Public register' })
    .click();
  await expect(page).toHaveURL(/\/pledges\/[^/]+\/register$/);
  await expect(page).toHaveTitle(`Register of signatories: ${CODE_PLEDGE} · Integrity Compact`);
  const path = new URL(page.url()).pathname;
  const table = main.getByTestId('register-table');
  const names = () => table.locator('tbody th a[href^="/organizations/"]').allTextContents();
  const total =
    (await registerCount(page, 'ACTIVE')) +
    (await registerCount(page, 'LAPSED')) +
    (await registerCount(page, 'WITHDRAWN')) +
    (await registerCount(page, 'unverified'));
  await expect(main.getByTestId('register-matching')).toHaveText(`${total} entries in the register.`);

  // Sorting by organisation: a link in the column header, in the URL, and the header says so.
  await table
    .getByRole('columnheader', { name: /^Organisation/ })
    .getByRole('link')
    .click();
  await expect(page).toHaveURL(`${path}?sort=organization&dir=asc`);
  await expect(table.getByRole('columnheader', { name: /^Organisation/ })).toHaveAttribute('aria-sort', 'ascending');
  const ascending = await names();
  expect(ascending.length).toBe(total);
  expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b, 'en')));
  await table
    .getByRole('columnheader', { name: /^Organisation/ })
    .getByRole('link')
    .click();
  await expect(page).toHaveURL(`${path}?sort=organization&dir=desc`);
  await expect.poll(names).toEqual([...ascending].reverse());
  await expectAccessiblePage(page);

  // Filtering by status keeps the sort; every row then has that status, apart from the kind.
  await main.getByLabel('Status', { exact: true }).selectOption('WITHDRAWN');
  await main.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(`${path}?status=WITHDRAWN&sort=organization&dir=desc`);
  // The rows are read once the filtered ones are shown (under load the new rows can lag the address).
  const statusTexts = () => table.locator('tbody [data-status]').allTextContents();
  const allWithdrawn = (texts: string[]) => texts.length > 0 && texts.every((s) => s === '✕Withdrawn');
  await expect.poll(async () => allWithdrawn(await statusTexts())).toBe(true);
  const statuses = await statusTexts();
  await expect(main.getByTestId('register-matching')).toHaveText(new RegExp(`^${statuses.length} entr(y|ies) match(es)? the filters\\.$`));
  // The same view opened from its address.
  await page.goto(`${path}?status=WITHDRAWN&sort=organization&dir=desc`);
  await expect.poll(statusTexts).toEqual(statuses);

  // Nothing matches: it says so, and offers to clear the filters.
  await page.goto(`${path}?q=no-such-organisation&sort=organization&dir=desc`);
  await expect(main.getByTestId('register-empty')).toHaveText('No entry matches these filters. Clear the filters');
  await expect(table).toHaveCount(0);
  await expectAccessiblePage(page);
  await main.getByTestId('register-empty').getByRole('link', { name: 'Clear the filters' }).click();
  await expect(page).toHaveURL(`${path}?sort=organization&dir=desc`);
  await expect.poll(names).toEqual([...ascending].reverse());

  // The list of pledges filters the same way.
  await page.goto('/pledges?status=CLOSED&factor=AUTOMATION');
  await expect(main.getByTestId('pledges-empty')).toContainText('No pledge matches these filters.');
  await main.getByTestId('pledges-empty').getByRole('link', { name: 'Clear the filters' }).click();
  await expect(page).toHaveURL('/pledges');
  await expect(main.getByRole('article').first()).toBeVisible();
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
    'Download CSV',
    'Sort by',
    'Apply',
    'Receipt',
    'Show earlier entries',
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
  await expect(header.getByRole('link', { name: 'Обязательства', exact: true })).toBeVisible();
  await expect(main.getByLabel('Ключевой фактор')).toBeVisible();
  await expect(main.getByRole('link', { name: 'Открытый реестр' }).first()).toBeVisible();
  await expect(main).toContainText('Открыто для подписания');
  await expect(main).toContainText(/\d+ действующ(ий|их) подписант/);
  await expectNoEnglish();
  await expectAccessiblePage(page);

  // A pledge.
  // Demo content is bilingual: the pledge's Russian title and text.
  await main.getByRole('link', { name: CODE_PLEDGE_RU, exact: true }).click();
  await expect(page).toHaveURL(/\/pledges\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: CODE_PLEDGE_RU })).toBeVisible();
  expect(await page.title()).toMatch(/^Совместный кодекс поведения в пунктах пропуска через границу \(демо\) · /);
  await expect(page.getByTestId('pledge-body')).toContainText(/[а-яё]{4,}/);
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
  await expect(main).toContainText(`Открытый реестр обязательства «${CODE_PLEDGE_RU}»`);
  await expect(main.getByTestId('register-table').locator('[data-status]').filter({ hasText: 'Действует' }).first()).toBeVisible();
  await expect(main.getByTestId('register-table').locator('[data-status]').filter({ hasText: 'Отозвано' }).first()).toBeVisible();
  await expect(main.getByRole('columnheader', { name: /^Организация/ })).toBeVisible();
  await expect(main.getByTestId('register-table')).toContainText('Таможенная администрация');
  await expect(main).toContainText('Число подписавших организаций во времени');
  await expect(main).toContainText('Причина: ');
  await expect(main.getByRole('link', { name: 'Скачать CSV' })).toBeVisible();
  await expectNoEnglish();
  await expectAccessiblePage(page);

  // Back to English.
  await header.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Register of signatories' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the register draws its charts without JavaScript, with data tables that agree with its figures', async ({ page, newContext }) => {
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
      // The chart is drawn without JavaScript (SVG from the server, an image with a name); its table opens from a summary.
      await expect(figure.getByRole('img', { name: /^(Organisations that have signed, over time|Active signatures: customs and business) / })).toBeVisible();
      await expect(figure.locator('details')).not.toHaveAttribute('open');
      await figure.getByText('Data of the chart', { exact: true }).click();
      await expect(figure.getByRole('table')).toBeVisible();
    }
    await expect(overTime.getByRole('columnheader')).toHaveText(['Date', 'Organisations signed']);
    await expect(byKind.getByRole('columnheader')).toHaveText(['Kind', 'Active signatures']);

    // The line counts up and ends today at the verified total: active + lapsed + withdrawn.
    const totals = (await overTime.locator('tbody tr td:nth-child(2)').allTextContents()).map(Number);
    expect(totals.length).toBeGreaterThan(1);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    const figures = (await registerCount(page, 'ACTIVE')) + (await registerCount(page, 'LAPSED')) + (await registerCount(page, 'WITHDRAWN'));
    expect(totals.at(-1)).toBe(figures);
    await expect(overTime.getByTestId('chart-over-time')).toContainText(`Today: ${figures}`);
    const today = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date());
    await expect(overTime.locator('tbody tr').last().locator('td').first()).toHaveText(today);
    // ...and the active signatures by kind add up to the Active count.
    await expect(byKind.getByRole('row')).toHaveCount(3);
    await expect(byKind.getByRole('cell').nth(0)).toHaveText('Customs administrations');
    await expect(byKind.getByRole('cell').nth(2)).toHaveText('Business associations');
    const byKindCounts = (await byKind.locator('tbody tr td:nth-child(2)').allTextContents()).map(Number);
    expect(byKindCounts.reduce((a, b) => a + b, 0)).toBe(await registerCount(page, 'ACTIVE'));

    // The table sorts and filters without JavaScript too: header links and a GET form.
    await main
      .getByRole('columnheader', { name: /^Country/ })
      .getByRole('link')
      .click();
    await expect(page).toHaveURL(`${registerUrl}?sort=country&dir=asc`);
    await main.getByLabel('Status', { exact: true }).selectOption('ACTIVE');
    await main.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(`${registerUrl}?status=ACTIVE&sort=country&dir=asc`);
    expect((await main.getByTestId('register-table').locator('tbody [data-status]').allTextContents()).every((s) => s === '●Active')).toBe(true);

    // With JavaScript the page is the same (it hydrates without a mismatch) and loads no chart code.
    const withJs = await (await newContext({ javaScriptEnabled: true })).newPage();
    const scripts: string[] = [];
    withJs.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await withJs.goto(registerUrl);
    const chart = withJs.getByRole('main').getByRole('figure').filter({ hasText: 'Active signatures: customs and business' });
    await expect(chart.getByRole('img')).toBeVisible();
    await expect(chart.locator('details')).not.toHaveAttribute('open');
    await expect(chart.getByRole('table')).toBeHidden();
    await chart.getByText('Data of the chart', { exact: true }).click();
    await expect(chart.getByRole('table')).toBeVisible();
    const line = withJs.getByRole('main').getByRole('figure').filter({ hasText: 'Organisations that have signed, over time' });
    await expect(line.getByTestId('chart-over-time')).toContainText(`Today: ${figures}`);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.some((url) => /chart|d3-/.test(url))).toBe(false);
  });
});
