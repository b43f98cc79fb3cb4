import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { PasswordPage } from '../pages/password-page';
import { changeOwnPassword as t } from '../pages/texts';

// Without scripts /password is plain form posts: the server redirects back to
// /password?error=… or /password?done=…, and the page shows the outcome where it belongs.
test.use({ javaScriptEnabled: false });

test('the password is changed with plain form posts, each refusal at its field', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const pw = new PasswordPage(page, false);
  await pw.signIn(account.userId, account.password);

  // The rules are listed, to follow; nothing judges them without scripts.
  await pw.expectRule(t.ruleLength(15, 128), 'open');
  await pw.expectRule(t.ruleConfirmed, 'open');

  await pw.change(account.password, 'qwertyuiopasdfgh');
  await expect(page).toHaveURL(/\/password\?error=/);
  await pw.expectFieldError(pw.newPassword, t.common);

  await pw.change(account.password, 'violet kettle grumbles at dawn', 'violet kettle grumbles at dusk');
  await pw.expectFieldError(pw.confirmNewPassword, t.mismatch);

  await pw.change(account.password, 'violet kettle grumbles at dawn');
  await expect(page).toHaveURL(/\/password\?done=password_changed/);
  await expect(pw.changedStatus).toBeVisible();
});
