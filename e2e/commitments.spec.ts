// Joint commitments, in two browsers: the Steppe administration's liaison officer proposes a commitment to the Almaty
// forwarders with one milestone owned by customs; the association's signatory accepts it on the act's own page; the
// liaison officer marks the milestone done with evidence; the signatory confirms it; and both see the progress go from
// 0 of 1 to 1 of 1 and the commitment completed. Also: the demo data's commitments and action plans as a visitor sees
// them, and the proposal form refusing an incomplete commitment with an error summary.
import type { Page } from '@playwright/test';
import { expect, expectAccessiblePage, failedResource, signIn, test } from './fixtures';

const FORWARDERS = 'Almaty Freight Forwarders Association (demo)';
const STEPPE = 'Steppe Customs Administration (demo)';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A calendar date this many days from today, as the date inputs want it (YYYY-MM-DD). */
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);

/** The commitment page's progress, polled (the page is read again each time: another person acted meanwhile). */
async function expectProgress(page: Page, reference: string, text: RegExp) {
  await expect
    .poll(
      async () => {
        await page.goto(`/commitments/${reference}`);
        return (await page.getByTestId('progress').first().textContent()) ?? '';
      },
      { timeout: 20_000, message: `progress of ${reference}` },
    )
    .toMatch(text);
}

test('a customs officer proposes a commitment, the association accepts it; a milestone is marked done, confirmed, and both see the progress', async ({
  page,
  newContext,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const title = `Publish the seal fee list at the air cargo post ${stamp}`;
  const milestoneTitle = `Seal fee list posted at the export window ${stamp}`;

  // The liaison officer proposes it from the commitments list.
  await signIn(page, 'customs.liaison@demo.test');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/commitments');
  await expectAccessiblePage(page);
  await page.getByRole('main').getByRole('link', { name: 'Propose a commitment' }).first().click();
  await expect(page).toHaveURL(/\/commitments\/new$/);
  await expectAccessiblePage(page);
  const form = page.getByRole('main');
  await form.getByLabel('Title', { exact: true }).fill(title);
  await form
    .getByLabel('Description', { exact: true })
    .fill('Drivers were asked for a "seal fee" that is not on the published list. The list is posted at the window.');
  await form.getByRole('radio', { name: /^Prevention/ }).check();
  await form.getByRole('checkbox', { name: 'Transparency', exact: true }).check();
  // The parties' boxes are named by the organisation, then its kind.
  await form.getByRole('checkbox', { name: new RegExp(`^${escape(FORWARDERS)}`) }).check();
  await form.getByLabel('Start date', { exact: true }).fill(inDays(0));
  const milestone = form.getByRole('group', { name: 'Milestone 1', exact: true });
  await milestone.getByLabel('Milestone title', { exact: true }).fill(milestoneTitle);
  await milestone.getByLabel('Deliverable', { exact: true }).fill('The seal fee list, with its legal basis, posted at the export window.');
  await milestone.getByLabel('Owner party', { exact: true }).selectOption({ label: `${STEPPE} — Customs administration` });
  await milestone.getByLabel('Due date', { exact: true }).fill(inDays(30));
  await form.getByRole('button', { name: 'Propose the commitment' }).click();

  await expect(page).toHaveURL(/\/commitments\/COM-\d{4}-\d{4,}(\?|$)/);
  const reference = new URL(page.url()).pathname.split('/')[2];
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  await expect(page.getByTestId('commitment-done')).toContainText(`Commitment ${reference} is proposed`);
  await expect(page.getByTestId('commitment-status').first()).toHaveAttribute('data-status', 'PROPOSED');
  await expectAccessiblePage(page);

  // The association's signatory, in a browser of their own: the dashboard asks them to answer; accept.
  const associationContext = await newContext();
  const association = await associationContext.newPage();
  await signIn(association, 'association.signatory@demo.test');
  await association.waitForURL(/\/dashboard$/);
  await association
    .getByRole('main')
    .getByRole('link', { name: `Accept or decline the joint commitment ${reference} “${title}” for ${FORWARDERS}` })
    .click();
  await expect(association).toHaveURL(new RegExp(`/commitments/${reference}/accept(\\?|$)`));
  await expectAccessiblePage(association);
  await association.getByRole('main').getByRole('button', { name: 'Accept for my organisation' }).click();
  await expect(association).toHaveURL(new RegExp(`/commitments/${reference}(\\?|$)`));
  await expect(association.getByTestId('commitment-done')).toContainText(`You accepted commitment ${reference}`);
  await expect(association.getByTestId('commitment-status').first()).toHaveAttribute('data-status', 'ON_TRACK');
  await expect(association.getByTestId('progress').first()).toContainText('0 of 1 milestones completed');

  // The liaison officer sees it active and marks the milestone done, with evidence.
  await expectProgress(page, reference, /0 of 1 milestones completed/);
  await expect(page.getByTestId('commitment-status').first()).toHaveAttribute('data-status', 'ON_TRACK');
  await page.getByTestId('milestone-timeline').getByRole('link', { name: milestoneTitle }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${reference}/milestones/[^/]+$`));
  const milestonePath = new URL(page.url()).pathname;
  await expectAccessiblePage(page);
  await page.getByTestId('milestone-actions').getByRole('link', { name: 'Mark done', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${milestonePath}/complete$`));
  await expectAccessiblePage(page);
  await page.getByLabel('What was delivered', { exact: true }).fill('Posted at the export window on the day; a photograph is in the post register.');
  await page.getByLabel('Links', { exact: true }).fill('https://example.org/steppe-customs/seal-fee-list');
  await page.getByRole('main').getByRole('button', { name: 'Mark done with this evidence' }).click();
  await expect(page).toHaveURL(new RegExp(`${milestonePath}(\\?|$)`));
  await expect(page.getByTestId('milestone-done')).toContainText(`You marked “${milestoneTitle}” done`);
  await expect(page.getByTestId('milestone-badges')).toContainText('Done, awaiting confirmation');

  // The signatory reads the evidence on the milestone page and confirms it on the confirmation page.
  await association.goto(milestonePath);
  await expect(association.getByTestId('milestone-evidence')).toContainText('Posted at the export window on the day');
  await association.getByTestId('milestone-actions').getByRole('link', { name: 'Confirm', exact: true }).click();
  await expect(association).toHaveURL(new RegExp(`${milestonePath}/confirm(\\?|$)`));
  await expectAccessiblePage(association);
  await association.getByRole('main').getByRole('button', { name: 'Confirm the milestone' }).click();
  await expect(association).toHaveURL(new RegExp(`${milestonePath}(\\?|$)`));
  await expect(association.getByTestId('milestone-done')).toContainText(`Your confirmation of “${milestoneTitle}” is recorded`);
  await expect(association.getByTestId('milestone-badges')).toContainText('Completed');

  // Both see the progress change: 1 of 1, and the commitment completed.
  await expectProgress(association, reference, /1 of 1 milestones completed/);
  await expect(association.getByTestId('commitment-status').first()).toHaveAttribute('data-status', 'COMPLETED');
  await expectProgress(page, reference, /1 of 1 milestones completed/);
  await expect(page.getByTestId('commitment-status').first()).toHaveAttribute('data-status', 'COMPLETED');
});

test('the demo commitments and action plans: a visitor sees the active ones in every status, filters by status in the URL, and opens a plan', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/commitments');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const rows = page.getByTestId('commitment-row');
  await expect(rows.first()).toBeVisible();
  // Active (and cancelled) ones are public; the one still awaiting the association's answer is not listed for a visitor.
  await expect(rows.filter({ hasText: 'Binding classification rulings within 30 days at the inland clearance centre (demo)' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Withdraw the unpublished transit confirmation form at the air cargo post (demo)' })).toHaveCount(0);

  await page.goto('/commitments?status=DELAYED');
  await expect(rows.filter({ hasText: 'Время ожидания на перевале Ак-Бел — каждую неделю (демо)' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Binding classification rulings' })).toHaveCount(0);
  await page.goto('/commitments?status=COMPLETED');
  await expect(rows.filter({ hasText: 'Publish every official fee at each lane of Altyn Kakpa (demo)' })).toHaveCount(1);

  // The completed one shows the monitor's attestation beside its first milestone.
  await rows.getByRole('link', { name: 'Publish every official fee at each lane of Altyn Kakpa (demo)' }).click();
  await expect(page).toHaveURL(/\/commitments\/COM-\d{4}-\d{4,}$/);
  await expect(page.getByRole('main')).toContainText('Regional Integrity Monitoring Fund (demo)');
  await page.getByRole('main').getByRole('link', { name: 'Fee list posted at every lane' }).first().click();
  await expect(page.getByTestId('milestone-attestation')).toContainText('Elena Partner-Analyst');

  // Every demo administration has a published plan; the draft is not listed for a visitor.
  await page.goto('/plans');
  const main = page.getByRole('main');
  for (const plan of [
    'Steppe Customs national integrity action plan (demo)',
    'Tian Shan Customs integrity action plan (demo)',
    'Silk Road Customs Committee integrity action plan (demo)',
  ]) {
    await expect(main.getByRole('link', { name: plan })).toBeVisible();
  }
  await expect(main.getByRole('link', { name: 'Steppe Customs integrity action plan for the next period (demo)' })).toHaveCount(0);
  await main.getByRole('link', { name: 'Steppe Customs national integrity action plan (demo)' }).click();
  await expect(page).toHaveURL(/\/plans\/[a-z0-9-]+$/);
  await expect(page.getByRole('main')).toContainText('Publish every official fee at each lane of Altyn Kakpa (demo)');
  await expectAccessiblePage(page);
});

test('the proposal form refuses an incomplete commitment with an error summary that takes focus', async ({ page, allowConsoleError }) => {
  allowConsoleError(failedResource(400, '/commitments/new'));
  await signIn(page, 'customs.admin@demo.test');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/commitments/new');
  await page.getByRole('main').getByRole('button', { name: 'Propose the commitment' }).click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page).toHaveURL(/\/commitments\/new$/);
});
