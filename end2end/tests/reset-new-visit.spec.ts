import { expect, test } from '@playwright/test';
import { createAccount, unknownUserId } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { registerMethods, ResetPage } from '../pages/reset-page';

// A shared computer: a new visit to /reset starts a new reset, unless the flow is in the middle
// of its gates. Another person's error page, new-password step or result is never shown again.

test('an error page is not shown at the next visit', async ({ page }) => {
  const reset = new ResetPage(page);
  const first = unknownUserId();
  await reset.goto();
  await reset.start(first);
  await reset.expectStopped('notRegistered', first);

  // The next person opens /reset: the first step, empty, and nothing of the last reset.
  await reset.goto();
  await expect(reset.userId).toHaveValue('');
  await expect(page.getByText(first)).toHaveCount(0);
  await expect(reset.heading(reset.t.notRegisteredTitle)).toHaveCount(0);
  await expectNoA11yViolations(page);

  // Reloading does not bring it back either.
  await page.reload();
  await reset.expectStart();
  await expect(page.getByText(first)).toHaveCount(0);
});

test('a reset in the middle of its gates comes back; past them, the next visit starts afresh', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const { email: home } = await registerMethods(page, account, { email: true, signOut: true });
  const reset = new ResetPage(page);
  await reset.goto();
  await reset.start(account.userId);
  await reset.expectGates(account.userId, ['email']);

  // Opening the portal again (another tab's address bar, a reload) finds the gates.
  await reset.open('/reset');
  await reset.expectGates(account.userId, ['email']);
  await expectNoA11yViolations(page);

  await reset.passCodeGate('email', home!.address, home!.masked, [account.displayName]);
  await reset.expectChoose(account.userId);
  // Whoever sits down next may not choose this account's new password.
  await reset.goto();
  await expect(page.getByText(account.userId)).toHaveCount(0);
  await expect(reset.newPassword).toHaveCount(0);
});
