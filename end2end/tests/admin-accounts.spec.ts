import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { waitForHydration } from '../fixtures/hydration';
import { AdminPage, adminTexts } from '../pages/admin-page';
import { SignInPage } from '../pages/sign-in-page';
import { changePassword, signIn } from '../pages/texts';
import { en } from '../pages/catalogue';

// The admin console's accounts, end to end: each test signs in as its own new administrator
// and works on its own new accounts (never the demo directory's).

test('a user who is not an administrator is refused, in English and in French', async ({ page }) => {
  const user = createAccount();
  const admin = new AdminPage(page);
  await admin.signIn(user.userId, user.password);
  await expect(page.getByRole('alert').filter({ hasText: adminTexts.en.adminOnly })).toBeVisible();
  await expect(admin.nav).toHaveCount(0);
  await admin.open('/admin?lang=fr');
  await expect(page.getByRole('alert').filter({ hasText: adminTexts.fr.adminOnly })).toBeVisible();
  await expectNoA11yViolations(page);
});

test('an administrator finds an account, edits it and gives it a temporary password', async ({ page, browser }) => {
  test.slow();
  const me = createAccount({ admin: true });
  const user = createAccount();
  const admin = new AdminPage(page);
  await admin.signIn(me.userId, me.password);
  await admin.expectConsole();
  await expectNoA11yViolations(page);
  await admin.openAccounts();
  await expectNoA11yViolations(page);
  await admin.openAccount(user.userId);
  await expectNoA11yViolations(page);

  // A wrong value at its field, then a good one.
  await admin.field(adminTexts.en.displayName).fill('');
  await page.getByRole('button', { name: adminTexts.en.save, exact: true }).click();
  await expect(admin.field(adminTexts.en.displayName)).toHaveAttribute('aria-invalid', 'true');
  await expectNoA11yViolations(page);
  await admin.field(adminTexts.en.displayName).fill('Renamed By Admin');
  await page.getByRole('button', { name: adminTexts.en.save, exact: true }).click();
  await expect(admin.status(adminTexts.en.saved)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Renamed By Admin');

  await page.getByRole('button', { name: adminTexts.en.setTemporary, exact: true }).click();
  const temporary = await admin.shownPassword();

  // The user signs in with it and must change it first.
  const other = await browser.newContext();
  const userPage = await other.newPage();
  await userPage.goto('/setup');
  await waitForHydration(userPage);
  await userPage.getByLabel(signIn.en.userId, { exact: true }).fill(user.userId);
  await userPage.getByLabel(signIn.en.password, { exact: true }).fill(temporary);
  await userPage.getByRole('button', { name: signIn.en.submit, exact: true }).click();
  await expect(userPage.getByRole('heading', { level: 1, name: changePassword.heading })).toBeVisible();
  await other.close();
});

test('an administrator unlocks an account locked out of sign-in', async ({ page, browser }) => {
  test.slow();
  const me = createAccount({ admin: true });
  const user = createAccount();
  const other = await browser.newContext();
  const userPage = await other.newPage();
  await userPage.goto('/setup');
  await waitForHydration(userPage);
  const attempt = new SignInPage(userPage);
  for (let i = 0; i < 6; i++) {
    await attempt.signIn(user.userId, 'not the password at all');
    await expect(userPage.getByRole('alert')).toBeVisible();
  }

  const admin = new AdminPage(page);
  await admin.signIn(me.userId, me.password);
  await admin.expectConsole();
  await admin.open(`/admin/accounts?q=${encodeURIComponent(user.userId)}`);
  await page.getByRole('link', { name: user.userId, exact: true }).click();
  await expect(page.getByText(adminTexts.en.signInLocked)).toBeVisible();
  await page.getByRole('button', { name: adminTexts.en.unlock, exact: true }).click();
  await expect(admin.status(adminTexts.en.unlocked)).toBeVisible();
  await expect(page.getByText(adminTexts.en.notLocked)).toBeVisible();

  await userPage.getByLabel(signIn.en.userId, { exact: true }).fill(user.userId);
  await userPage.getByLabel(signIn.en.password, { exact: true }).fill(user.password);
  await userPage.getByRole('button', { name: signIn.en.submit, exact: true }).click();
  await expect(userPage.getByRole('button', { name: en.text('sign_out_button') })).toBeVisible();
  await other.close();
});

test('an administrator creates an account and imports a CSV file, all or nothing', async ({ page }) => {
  test.slow();
  const me = createAccount({ admin: true });
  const admin = new AdminPage(page);
  await admin.signIn(me.userId, me.password);
  await admin.expectConsole();
  await admin.openAccounts();

  await page.getByRole('link', { name: adminTexts.en.newAccount, exact: true }).click();
  await waitForHydration(page);
  const suffix = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const newId = `e2e-new-${suffix}@contoso.example`;
  await admin.field(adminTexts.en.userId).fill(newId);
  await admin.field(adminTexts.en.displayName).fill('Created In The Console');
  await page.getByRole('button', { name: adminTexts.en.create, exact: true }).click();
  await expect(admin.status(adminTexts.en.created)).toBeVisible();
  await admin.shownPassword();
  await expectNoA11yViolations(page);

  await admin.open('/admin/accounts/import');
  const csv = admin.field(adminTexts.en.csv);
  const a = `e2e-imp-a-${suffix}@contoso.example`;
  const b = `e2e-imp-b-${suffix}@contoso.example`;
  await csv.fill(`user_id,display_name,role\n${a},Imported A,user\n${b},Imported B,superuser\n`);
  await page.getByRole('button', { name: adminTexts.en.importSubmit, exact: true }).click();
  await expect(csv).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'Line 3, column role' })).toBeVisible();
  await expectNoA11yViolations(page);
  // Nothing of the refused file was created.
  await admin.open(`/admin/accounts?q=${encodeURIComponent(a)}`);
  await expect(page.getByText('0 accounts')).toBeVisible();

  await admin.open('/admin/accounts/import');
  await admin.field(adminTexts.en.csv).fill(`user_id,display_name,role\n${a},Imported A,user\n${b},Imported B,admin\n`);
  await page.getByRole('button', { name: adminTexts.en.importSubmit, exact: true }).click();
  await expect(admin.status(adminTexts.en.imported(2))).toBeVisible();
  const passwords = await page.getByLabel(adminTexts.en.importedPasswords).inputValue();
  expect(passwords.split('\n')).toHaveLength(3);
  expect(passwords).toContain(`${b},`);
  await admin.open(`/admin/accounts?q=${encodeURIComponent(suffix)}`);
  await expect(page.getByText('3 accounts')).toBeVisible();
});

test('the console is usable with the keyboard alone', async ({ page }) => {
  const me = createAccount({ admin: true });
  const admin = new AdminPage(page);
  await admin.signIn(me.userId, me.password);
  await admin.expectConsole();
  const accounts = admin.nav.getByRole('link', { name: adminTexts.en.accounts, exact: true });
  for (let i = 0; i < 30 && !(await accounts.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(accounts).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(admin.heading(adminTexts.en.accounts)).toBeVisible();
});
