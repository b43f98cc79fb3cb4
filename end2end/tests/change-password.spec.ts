import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { messageText, waitForMessage } from '../fixtures/inbox';
import { PasswordPage } from '../pages/password-page';
import { changeOwnPassword as t, outbox as outboxTexts } from '../pages/texts';

// A fresh account of its own (not a demo account): the test changes its password, so a second
// run, or another test, must not find it changed. No wrong password is typed here: every failed
// sign-in counts toward the limit of one client address (30 in 15 minutes), which the whole suite
// shares; tests/change_password.rs covers a wrong current password.
const NEW_PASSWORD = 'violet kettle grumbles at dawn';

test('a signed-in user changes their password at /password, the rules ticked off while typing', async ({ page, browser }) => {
  // Several argon2 hashes and axe runs: more than the default 30 s on a busy 2-core box.
  test.slow();
  const account = createAccount();
  const pw = new PasswordPage(page);
  await pw.signIn(account.userId, account.password);
  await expectNoA11yViolations(page);

  // The rules react while typing: nothing judged yet, then each one as it is met.
  const length = t.ruleLength(15, 128);
  await pw.expectRule(length, 'open');
  await pw.expectRule(t.ruleNotCommon, 'open');
  await pw.newPassword.fill('violet');
  await pw.expectRule(length, 'not-met');
  await pw.expectRule(t.ruleNoContext, 'met');
  await pw.newPassword.fill(`violet kettle ${account.displayName}`);
  await pw.expectRule(length, 'met');
  await pw.expectRule(t.ruleNoContext, 'not-met');
  await pw.newPassword.fill(NEW_PASSWORD);
  await pw.expectRule(t.ruleNoContext, 'met');
  await pw.expectRule(t.ruleConfirmed, 'open');
  await pw.confirmNewPassword.fill('violet kettle');
  await pw.expectRule(t.ruleConfirmed, 'not-met');
  await pw.confirmNewPassword.fill(NEW_PASSWORD);
  await pw.expectRule(t.ruleConfirmed, 'met');
  // Screen readers hear the change once, politely (the list itself is not a live region).
  await expect(page.getByRole('status').filter({ hasText: `${t.ruleConfirmed} ${t.ruleMet}` })).toHaveCount(1);
  await expect(pw.rule(t.ruleNotCommon)).not.toContainText(t.ruleMet);

  // The dictionary is the server's: a common password is refused at its field, on submit.
  await pw.change(account.password, 'password1234567890');
  await pw.expectFieldError(pw.newPassword, t.common);
  await expect(pw.heading1).toBeVisible();
  await expectNoA11yViolations(page);

  const beforeChange = Date.now();
  await pw.change(account.password, NEW_PASSWORD);
  await expect(pw.changedStatus).toBeVisible();
  await expect(pw.newPassword).toHaveValue('');
  await expect(pw.currentPassword).toHaveValue('');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(pw.backLink).toHaveAttribute('href', '/setup');
  await expectNoA11yViolations(page);

  const mail = await waitForMessage(account.email, 'email', {
    after: beforeChange,
    where: (m) => m.channel === 'email' && m.subject === outboxTexts.passwordChangedSubject,
  });
  expect(messageText(mail)).toContain(account.displayName);
  expect(messageText(mail)).not.toContain(NEW_PASSWORD);

  // Elsewhere the new password signs in.
  const context = await browser.newContext();
  try {
    await new PasswordPage(await context.newPage()).signIn(account.userId, NEW_PASSWORD);
  } finally {
    await context.close();
  }
});
