import { expect, expectAccessiblePage, fillSignUp, signIn, test, uniqueEmail } from './fixtures';

const FORWARDERS = 'Almaty Freight Forwarders Association (demo)';

test('an administrator invites a new member, who signs up through the link, joins and gets another role', async ({
  page,
  newContext,
  baseURL,
  allowConsoleError,
}) => {
  // A used invitation link answers 404 (the page says why), which Chromium logs for the document.
  allowConsoleError(/Failed to load resource: the server responded with a status of 404 .*\/invitations\//);
  // The administrator creates an invitation link for a Signatory.
  await page.goto('/signin');
  await signIn(page, 'association.admin@demo.test');
  await expect(page).toHaveURL('/dashboard');
  const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: FORWARDERS }) });
  await card.getByRole('link', { name: 'Members and invitations' }).click();
  await expect(page).toHaveURL(/\/organizations\/[^/]+\/members$/);
  const membersUrl = page.url();
  await expect(page.getByRole('heading', { level: 1, name: `Members of ${FORWARDERS}` })).toBeVisible();
  await expectAccessiblePage(page);

  const note = `e2e invitee ${Date.now()}`;
  const invite = page.getByRole('region', { name: 'Invite a member' });
  await invite.getByLabel('Role', { exact: true }).selectOption({ label: 'Signatory' });
  await invite.getByLabel('Who is this link for?').fill(note);
  await invite.getByRole('button', { name: 'Create invitation link' }).click();
  await expect(invite.getByRole('status')).toHaveText('Invitation link created. Copy it now: it will not be shown again.');
  const linkField = invite.getByLabel('Invitation link');
  await expect(linkField).toHaveAttribute('readonly', '');
  const link = await linkField.inputValue();
  expect(link.startsWith(`${baseURL}/invitations/`), `an absolute link to this site: ${link}`).toBe(true);
  expect(new URL(link).pathname).toMatch(/^\/invitations\/[\w-]{20,}$/);
  await expect(page.getByRole('region', { name: 'Open invitations' })).toContainText(note);

  // Someone else, in another browser, opens the link and creates an account from there.
  const invitee = await (await newContext()).newPage();
  const name = `Invited Person ${Date.now()}`;
  const email = uniqueEmail('invitee');
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { level: 1, name: `Join ${FORWARDERS}` })).toBeVisible();
  await expect(invitee.getByRole('main')).toContainText(`Daniyar Association-Admin invited you to join ${FORWARDERS} as Signatory.`);
  await expectAccessiblePage(invitee);
  await invitee.getByRole('main').getByRole('link', { name: 'Create account' }).click();
  await expect(invitee).toHaveURL(`/signup?redirectTo=${encodeURIComponent(new URL(link).pathname)}`);
  await fillSignUp(invitee, { name, email, password: 'invited-and-glad' });

  // Signing up from the invitation must lead back to it. (Known app bug, see the report: the sign-up form drops
  // `redirectTo` and lands on /dashboard.) Checked softly, so that the rest of the flow is still exercised.
  await expect(invitee.getByRole('banner').getByRole('link', { name })).toBeVisible();
  await expect.soft(invitee, 'after sign-up the invitee is taken back to the invitation').toHaveURL(link);
  if (invitee.url() !== link) await invitee.goto(link);

  await expect(invitee.getByRole('heading', { level: 1, name: `Join ${FORWARDERS}` })).toBeVisible();
  await invitee.getByRole('button', { name: 'Accept and join' }).click();
  await expect(invitee).toHaveURL(/\/organizations\/[^/]+$/);
  await expect(invitee.getByRole('heading', { level: 1, name: FORWARDERS })).toBeVisible();
  const inviteeMembers = invitee.getByRole('region', { name: 'Members' });
  await expect(inviteeMembers.getByRole('listitem').filter({ hasText: name })).toContainText('Signatory');
  await expectAccessiblePage(invitee);

  // The link worked once.
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { level: 1, name: 'This invitation link cannot be used' })).toBeVisible();

  // Back with the administrator: the new member is in the table, and becomes a plain Member.
  await page.goto(membersUrl);
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row).toContainText(name);
  const role = row.getByLabel(`Role of ${name}`);
  await expect(role).toHaveValue('SIGNATORY');
  await expect(page.getByRole('region', { name: 'Open invitations' })).not.toContainText(note);
  await role.selectOption({ label: 'Member' });
  await row.getByRole('button', { name: 'Save role' }).click();
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'Role updated.' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: email }).getByLabel(`Role of ${name}`)).toHaveValue('MEMBER');

  // The member sees the new role too.
  await invitee.goto(new URL(membersUrl).pathname.replace(/\/members$/, ''));
  await expect(inviteeMembers.getByRole('listitem').filter({ hasText: name })).toContainText('Member');
  await expect(inviteeMembers.getByRole('listitem').filter({ hasText: name })).not.toContainText('Signatory');
});

test('the directory lists the demo organisations and filters by kind', async ({ page }) => {
  await page.goto('/organizations');
  await expect(page.getByRole('heading', { level: 1, name: 'Organisations' })).toBeVisible();
  await expectAccessiblePage(page);
  const names = page.getByRole('main').getByRole('list').getByRole('heading', { level: 2 });
  for (const name of [
    'Steppe Customs Administration (demo)',
    'Tian Shan Customs Service (demo)',
    'Silk Road Customs Committee (demo)',
    FORWARDERS,
    'Bishkek Exporters Union (demo)',
    'Tashkent Chamber of Importers (demo)',
    'Gobi Logistics Alliance (demo)',
    'Regional Integrity Monitoring Fund (demo)',
  ]) {
    await expect(names.filter({ hasText: name })).toHaveCount(1);
  }

  await page.getByLabel('Kind of organisation').selectOption({ label: 'Customs administration' });
  await page.getByRole('main').getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/[?&]kind=CUSTOMS_ADMINISTRATION(&|$)/);
  await expect(page.getByRole('main').getByRole('status')).toHaveText('3 organisations');
  await expect(names).toHaveCount(3);
  await expect(names).toHaveText(['Silk Road Customs Committee (demo)', 'Steppe Customs Administration (demo)', 'Tian Shan Customs Service (demo)']);
  await expect(page.getByLabel('Kind of organisation')).toHaveValue('CUSTOMS_ADMINISTRATION');
  await expectAccessiblePage(page);

  // The filtered view is a plain URL: it can be shared and reloaded.
  await page.reload();
  await expect(names).toHaveCount(3);

  // An organisation page from the directory.
  await names.filter({ hasText: 'Steppe Customs Administration (demo)' }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Steppe Customs Administration (demo)' })).toBeVisible();
  await expectAccessiblePage(page);
});
