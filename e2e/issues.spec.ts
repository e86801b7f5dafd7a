// Raising an issue and answering it: a business association's member raises an issue with a photo (a PNG made here),
// the Steppe administration's liaison officer finds it in the inbox, acknowledges it and responds officially, each on
// the act's own page; the member then reads the response on the issue page and finds the notification behind the bell.
// Also: the demo data's issues in the list and search, and the raise form refusing an incomplete issue.
import zlib from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, expectAccessiblePage, failedResource, signIn, test } from './fixtures';

const STEPPE = 'Steppe Customs Administration (demo)';
const AIR_CARGO = 'Almaty Air Cargo Customs Post (demo)';

/** CRC-32 of PNG chunks (ISO 3309), table-driven. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** A small RGB PNG: a gradient, so it is a real image the server re-encodes (and strips of metadata). */
export function makePng(width = 32, height = 24) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0, then pixels
    for (let x = 0; x < width; x++) row.set([(x * 255) / width, (y * 255) / height, 128], 1 + x * 3);
    rows.push(row);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** Yesterday as the date input wants it (YYYY-MM-DD). */
const yesterday = () => new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);

/** The header's bell (the visible one: the header has one for phones and one for desktops). */
const bell = (page: Page) => page.getByRole('banner').getByTestId('notification-bell').filter({ visible: true });

test('a member raises an issue with an image; the liaison officer acknowledges and responds; the member sees the response and a notification', async ({
  page,
  newContext,
}) => {
  test.setTimeout(120_000);
  const title = `Seal fee demanded at the air cargo post ${Date.now()}`;
  const response = `We checked the post's register: no seal fee exists. The officer has been reminded of the published fee list (${Date.now()}).`;

  // The member starts with nothing unread, so that what arrives is what this test caused.
  await signIn(page, 'association.member@demo.test');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/notifications');
  const markAll = page.getByRole('main').getByRole('button', { name: 'Mark all as read' });
  if (await markAll.isVisible()) await markAll.click();
  await expect(bell(page)).toHaveAccessibleName('Notifications');

  // Raise it, from the issues list.
  await page.goto('/issues');
  await expectAccessiblePage(page);
  await page.getByRole('main').getByRole('link', { name: 'Raise an issue' }).first().click();
  await expect(page).toHaveURL(/\/issues\/new$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Raise an issue' })).toBeVisible();
  await expectAccessiblePage(page);
  const form = page.getByRole('main');
  await form.getByLabel('Customs administration', { exact: true }).selectOption({ label: STEPPE });
  await form.getByLabel('Customs office or border post', { exact: true }).selectOption({ label: `${AIR_CARGO} — Airport` });
  await form.getByLabel('Title', { exact: true }).fill(title);
  await form
    .getByLabel('What happened', { exact: true })
    .fill('At the export window, an officer asked our driver for 5,000 tenge for "the seal". No receipt was offered. The photo shows the seal.');
  await form.getByLabel('Date it happened', { exact: true }).fill(yesterday());
  await form.getByLabel('Category', { exact: true }).selectOption({ label: 'Unofficial payment requested' });
  await form.getByLabel('Severity', { exact: true }).selectOption({ label: 'High' });
  await form.getByLabel('Arusha key factor', { exact: true }).selectOption({ label: 'Transparency' });
  await form.getByRole('radio', { name: /^Restricted/ }).check();
  await form.locator('input[type=file][name=files]').setInputFiles({ name: 'seal.png', mimeType: 'image/png', buffer: makePng() });
  await form.getByRole('button', { name: 'Raise the issue' }).click();

  await expect(page).toHaveURL(/\/issues\/ISS-\d{4}-\d{4,}(\?|$)/);
  const reference = new URL(page.url()).pathname.split('/')[2];
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  await expect(page.getByRole('main').getByRole('link', { name: /seal\.png/ })).toBeVisible();
  await expect(page.getByTestId('issue-raised-by')).toContainText('Timur Member');
  await expectAccessiblePage(page);

  // The liaison officer, in a browser of their own: the inbox lists it; acknowledge, then respond.
  const officerContext = await newContext();
  const officer = await officerContext.newPage();
  await signIn(officer, 'customs.liaison@demo.test');
  await officer.waitForURL(/\/dashboard$/);
  await officer.goto('/inbox');
  await expect(officer.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  const row = officer.getByTestId('inbox-row').filter({ hasText: reference });
  await expect(row).toBeVisible();
  await row.getByRole('link', { name: new RegExp(reference) }).click();
  await expect(officer).toHaveURL(new RegExp(`/issues/${reference}$`));
  // The image is served to a party of the issue, as an attachment.
  const download = officer.waitForEvent('download');
  await officer
    .getByRole('main')
    .getByRole('link', { name: /seal\.png/ })
    .click();
  expect((await download).suggestedFilename()).toMatch(/seal.*\.png$/);

  await officer.getByTestId('issue-actions').getByRole('link', { name: 'Acknowledge', exact: true }).click();
  await expect(officer).toHaveURL(new RegExp(`/issues/${reference}/acknowledge$`));
  await expectAccessiblePage(officer);
  await officer.getByLabel('Note to the reporter (optional)', { exact: true }).fill('Received; we are asking the post for its register.');
  await officer.getByRole('main').getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect(officer.getByTestId('issue-done')).toContainText(`${reference} is acknowledged`);

  await officer.getByTestId('issue-actions').getByRole('link', { name: 'Respond officially', exact: true }).click();
  await expect(officer).toHaveURL(new RegExp(`/issues/${reference}/respond$`));
  await expectAccessiblePage(officer);
  await officer.getByLabel('Official response', { exact: true }).fill(response);
  await officer.getByRole('main').getByRole('button', { name: 'Publish the response' }).click();
  await expect(officer.getByTestId('issue-done')).toContainText(`Your official response to ${reference} is recorded`);
  await expect(officer.getByTestId('issue-response').filter({ hasText: response })).toBeVisible();

  // The member: the response on the issue page, and the bell counts what arrived.
  await page.goto(`/issues/${reference}`);
  await expect(page.getByTestId('issue-response').filter({ hasText: response })).toBeVisible();
  await expect(bell(page)).toHaveAccessibleName(/^Notifications: \d+ unread$/);
  await bell(page).click();
  await expect(page).toHaveURL(/\/notifications$/);
  const notification = page.getByTestId('notification').filter({ hasText: `The customs administration responded to ${reference}` });
  await expect(notification).toBeVisible();
  await expect(notification).toHaveAttribute('data-unread', 'true');
  await expectAccessiblePage(page);
  await notification.getByRole('link', { name: `Open ${reference}` }).click();
  await expect(page).toHaveURL(new RegExp(`/issues/${reference}$`));
});

test('the demo issues: a visitor sees only public ones, searches in English and Russian, and filters by status in the URL', async ({ page }) => {
  await page.goto('/issues');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const rows = page.getByTestId('issue-row');
  await expect(rows.first()).toBeVisible();
  // Public, named issues only: the restricted and anonymous demo issues are not listed for a visitor.
  await expect(rows.filter({ hasText: 'Trucks held 30 hours at Dala rail station without a reason (demo)' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Solar panels classified differently between two shipments (demo)' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Places at the front of the queue sold at the gate (demo)' })).toHaveCount(0);

  // Full-text search, English stemming ("trucks held" finds "Trucks held …") and Russian ("рефрижератор" finds
  // "Рефрижераторы …"); the search is in the URL.
  await page.goto(`/issues?q=${encodeURIComponent('truck held')}`);
  await expect(rows.filter({ hasText: 'Trucks held 30 hours' })).toHaveCount(1);
  await page.goto(`/issues?q=${encodeURIComponent('рефрижератор')}`);
  await expect(rows.filter({ hasText: 'Рефрижераторы простаивают на перевале Ак-Бел (демо)' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Trucks held' })).toHaveCount(0);

  await page.goto('/issues?status=RESOLVED');
  await expect(rows.filter({ hasText: 'Cash demanded to skip the queue at Altyn Kakpa (demo)' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Trucks held 30 hours' })).toHaveCount(0);
});

test('a restricted issue answers a visitor like an unknown one, and the raise form refuses an incomplete issue with an error summary', async ({
  page,
  allowConsoleError,
}) => {
  allowConsoleError(failedResource(404, '/issues/ISS-2000-9999'));
  allowConsoleError(failedResource(400, '/issues/new'));
  // The restricted demo issue, found by its reference through the liaison officer's list.
  await signIn(page, 'customs.liaison@demo.test');
  await page.waitForURL(/\/dashboard$/);
  await page.goto(`/issues?q=${encodeURIComponent('solar panels')}`);
  const link = page.getByTestId('issue-row').getByRole('link', { name: 'Solar panels classified differently between two shipments (demo)' }).first();
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/issues\/ISS-/);
  allowConsoleError(failedResource(404, href!));
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).filter({ visible: true }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  const restricted = await page.goto(href!);
  expect(restricted?.status()).toBe(404);
  const unknown = await page.goto('/issues/ISS-2000-9999');
  expect(unknown?.status()).toBe(404);

  // Raising with nothing filled in: the summary lists what is missing and takes focus.
  await signIn(page, 'association.member@demo.test');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/issues/new');
  await page.getByRole('main').getByRole('button', { name: 'Raise the issue' }).click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page).toHaveURL(/\/issues\/new$/);
});
