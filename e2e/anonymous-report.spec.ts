// Anonymous reporting: someone who is not signed in reports a problem, gets a receipt code once, and keeps it; the
// Steppe administration's liaison officer sees an "anonymous reporter" and answers; the reporter, in a fresh browser
// (no cookies, nothing remembered), follows up with the code: reads the answer and adds information. A wrong code gets
// one plain answer. The code never appears in a URL.
import { expect, expectAccessiblePage, failedResource, signIn, test } from './fixtures';

const STEPPE = 'Steppe Customs Administration (demo)';
const SEAPORT = 'Caspian Shore Seaport Customs Post (demo)';

const yesterday = () => new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);

test('an anonymous reporter files, keeps the receipt code, and follows up in a fresh browser', async ({ page, newContext, allowConsoleError }) => {
  test.setTimeout(120_000);
  allowConsoleError(failedResource(404, '/report/follow-up'));
  const title = `Release signed only after a "gift" at the seaport ${Date.now()}`;
  const addition = `The same officer asked again on the next shift, around 15:00 (${Date.now()}).`;
  const answer = `Our internal security service has opened a case on this report (${Date.now()}).`;

  // Reporting, signed out.
  await page.goto('/report');
  await expect(page.getByRole('heading', { level: 1, name: 'Report a problem anonymously' })).toBeVisible();
  await expectAccessiblePage(page);
  const form = page.getByRole('main');
  await form.getByLabel('Customs administration', { exact: true }).selectOption({ label: STEPPE });
  await form.getByLabel('Customs office or border post', { exact: true }).selectOption({ label: `${SEAPORT} — Seaport` });
  await form.getByLabel('Title', { exact: true }).fill(title);
  await form
    .getByLabel('What happened', { exact: true })
    .fill('The officer at the release desk said he would sign only after a "gift". I refused; the release took two more days.');
  await form.getByLabel('Date it happened', { exact: true }).fill(yesterday());
  await form.getByLabel('Category', { exact: true }).selectOption({ label: 'Unofficial payment requested' });
  await form.getByLabel('Severity', { exact: true }).selectOption({ label: 'Critical' });
  await form.getByLabel('Arusha key factor', { exact: true }).selectOption({ label: 'Code of conduct' });
  await form
    .locator('input[type=file][name=files]')
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Release desk 3, afternoon shift, two requests in one week.\n') });
  await form.getByRole('button', { name: 'Send the anonymous report' }).click();

  // The receipt: shown once, in the page, never in the address.
  const receipt = page.getByTestId('report-receipt');
  await expect(receipt.getByRole('heading', { level: 1, name: 'Your report was sent' })).toBeVisible();
  const code = ((await page.getByTestId('receipt-code').textContent()) ?? '').trim();
  expect(code).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
  const reference = /ISS-\d{4}-\d{4,}/.exec((await receipt.textContent()) ?? '')?.[0];
  expect(reference).toBeTruthy();
  expect(page.url()).not.toContain(code.replace(/-/g, ''));
  expect(page.url()).not.toContain(code);
  await expectAccessiblePage(page);

  // The liaison officer sees it as an anonymous reporter's, and answers.
  const officerContext = await newContext();
  const officer = await officerContext.newPage();
  await signIn(officer, 'customs.liaison@demo.test');
  await officer.waitForURL(/\/dashboard$/);
  await officer.goto(`/issues/${reference}`);
  await expect(officer.getByRole('heading', { level: 1 })).toContainText(title);
  await expect(officer.getByTestId('issue-raised-by')).toHaveText('Anonymous reporter');
  // The text file is there (an anonymous report's files may be renamed: a file name can identify its author).
  await expect(officer.getByRole('main').getByRole('link', { name: /\.txt\b/ })).toBeVisible();
  await officer.getByTestId('issue-actions').getByRole('link', { name: 'Acknowledge', exact: true }).click();
  await officer.getByRole('main').getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect(officer.getByTestId('issue-done')).toContainText(`${reference} is acknowledged`);
  await officer.getByTestId('issue-actions').getByRole('link', { name: 'Respond officially', exact: true }).click();
  await officer.getByLabel('Official response', { exact: true }).fill(answer);
  await officer.getByRole('main').getByRole('button', { name: 'Publish the response' }).click();
  await expect(officer.getByTestId('issue-done')).toContainText(`Your official response to ${reference} is recorded`);

  // A fresh browser: no cookies, no history. A wrong code first: one plain answer.
  const fresh = await newContext();
  const reporter = await fresh.newPage();
  await reporter.goto('/report/follow-up');
  await expect(reporter.getByRole('heading', { level: 1, name: 'Follow up on an anonymous report' })).toBeVisible();
  await expectAccessiblePage(reporter);
  const wrong = code.startsWith('0') ? `1${code.slice(1)}` : `0${code.slice(1)}`;
  await reporter.getByLabel('Receipt code', { exact: true }).fill(wrong);
  await reporter.getByRole('main').getByRole('button', { name: 'Open the report' }).click();
  await expect(reporter.getByTestId('error-summary')).toContainText('No report matches this code.');

  // The right code, typed with spaces instead of dashes.
  await reporter.getByLabel('Receipt code', { exact: true }).fill(code.replace(/-/g, ' '));
  await reporter.getByRole('main').getByRole('button', { name: 'Open the report' }).click();
  const view = reporter.getByTestId('report-follow-up');
  await expect(view.getByRole('heading', { level: 1, name: `Your report ${reference}` })).toBeVisible();
  await expect(view).toContainText(title);
  await expect(view).toContainText(answer);
  await expect(view.getByRole('link', { name: /\.txt\b/ })).toBeVisible();
  expect(reporter.url()).toMatch(/\/report\/follow-up$/);
  await expectAccessiblePage(reporter);

  await reporter.getByLabel('Additional information', { exact: true }).fill(addition);
  await reporter.getByRole('main').getByRole('button', { name: 'Add to the report' }).click();
  await expect(reporter.getByText('Your information was added to the report.')).toBeVisible();
  await expect(reporter.getByTestId('report-follow-up')).toContainText(addition);
  expect(reporter.url()).toMatch(/\/report\/follow-up$/);
  // Nothing about the reporter was kept in that browser: no session cookie was set by reporting or following up.
  expect((await fresh.cookies()).filter((c) => c.name === 'ic_session')).toEqual([]);

  // The officer reads the addition, attributed to the anonymous reporter.
  await officer.goto(`/issues/${reference}`);
  await expect(officer.getByTestId('issue-response').filter({ hasText: addition })).toBeVisible();
});
