import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { AdminPage, adminTexts } from '../pages/admin-page';
import { en } from '../pages/catalogue';

// The README promises /admin/accounts/<id>: an administrator may type the user ID there, and
// the list's numeric links keep working.

test('an administrator opens an account at /admin/accounts/<user ID> and edits it there', async ({ page }) => {
  const me = createAccount({ admin: true });
  const user = createAccount();
  const admin = new AdminPage(page);
  await admin.signIn(me.userId, me.password);
  await admin.expectConsole();

  await admin.openAccountAt(user.userId);
  await expect(admin.field(adminTexts.en.displayName)).toHaveValue(user.displayName);
  await expect(page.getByText(en.text('not_found_body'))).toHaveCount(0);
  await expectNoA11yViolations(page);
  await admin.field(adminTexts.en.displayName).fill('Found By User ID');
  await page.getByRole('button', { name: adminTexts.en.save, exact: true }).click();
  await expect(admin.status(adminTexts.en.saved)).toBeVisible();

  // Typed in capitals, the same account (user IDs are compared like at sign-in).
  await admin.openAccountAt(user.userId.toUpperCase(), user.userId);
  await expect(admin.field(adminTexts.en.displayName)).toHaveValue('Found By User ID');

  // The numeric address of the list's link.
  await admin.openAccounts();
  await admin.openAccount(user.userId);
  await expect(page).toHaveURL(/\/admin\/accounts\/\d+$/);
  await expect(admin.field(adminTexts.en.displayName)).toHaveValue('Found By User ID');
});
