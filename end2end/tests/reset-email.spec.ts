import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { messageText } from '../fixtures/inbox';
import { notMeLink, registerMethods, ResetPage, strongPassword, waitForNotice } from '../pages/reset-page';
import { containing } from '../pages/registration-page';
import { SecurityInfoPage } from '../pages/security-info-page';
import { SignInPage } from '../pages/sign-in-page';

// A whole reset through the e-mail gate, from "Can't access your account?" on the home page to
// signing in with the new password, with the notice that follows on every registered address.

test('a password is reset through the e-mail gate, and the old one stops working', async ({ page }) => {
  test.slow();
  const account = createAccount();
  // Registered while signed in; this session must end with the reset.
  const { email: home } = await registerMethods(page, account, { email: true });

  const reset = new ResetPage(page);
  const t = reset.t;
  await reset.gotoFromHome();
  await reset.start(account.userId);

  // One method registered: one gate, the e-mail.
  await reset.expectGates(account.userId, ['email']);
  await expect(page.getByRole('heading', { level: 2, name: t.gatesChoose, exact: true })).toBeVisible();
  await reset.passCodeGate('email', home!.address, home!.masked, [account.displayName]);

  await reset.expectChoose(account.userId);
  // The rules explain themselves while the user types (one method: 15 characters at least).
  const length = t.ruleLength(15, 128);
  for (const rule of [length, t.ruleNoContext, t.ruleNotCommon, t.ruleConfirmed]) {
    await reset.expectRule(rule, 'open');
  }
  await reset.newPassword.pressSequentially('Amber wal');
  await reset.expectRule(length, 'not-met');
  await reset.expectRule(t.ruleNoContext, 'met');
  await reset.newPassword.pressSequentially('rus juggles pylons');
  await reset.expectRule(length, 'met');
  // The display name is context: "Tester" may not be in the password.
  await reset.newPassword.pressSequentially(' tester');
  await reset.expectRule(t.ruleNoContext, 'not-met');
  await reset.newPassword.fill('Amber walrus juggles pylons');
  await reset.expectRule(t.ruleNoContext, 'met');
  // The dictionary check is the server's: the list says so and never ticks it.
  await reset.expectRule(t.ruleNotCommon, 'open');
  await reset.confirmPassword.pressSequentially('Amber walrus');
  await reset.expectRule(t.ruleConfirmed, 'not-met');
  await reset.confirmPassword.pressSequentially(' juggles pylons');
  await reset.expectRule(t.ruleConfirmed, 'met');
  await expect(reset.newPassword).toHaveAccessibleDescription(containing(t.ruleConfirmed));

  // Too short: refused at its field, and nothing changes.
  const short = await reset.setPassword('Short pw 42', 'Short pw 42');
  expect(short.location).toMatch(/[?&]error=/);
  await reset.expectFieldError(reset.newPassword, t.tooShort(15));
  await expect(reset.chooseHeading).toBeVisible();

  // Two different passwords: refused at the confirmation.
  const password = strongPassword();
  const mismatch = await reset.setPassword(password, `${password}!`);
  expect(mismatch.location).toMatch(/[?&]error=/);
  await reset.expectFieldError(reset.confirmPassword, t.mismatch);
  await expect(reset.chooseHeading).toBeVisible();

  const done = await reset.setPassword(password);
  expect(done.location).not.toMatch(/[?&]error=/);
  await reset.expectDone();
  await expect(reset.newPassword).toHaveCount(0);

  // No automatic sign-in, and the session of the registration ended: "Sign in" asks for it.
  await reset.signInLink.click();
  const signIn = new SignInPage(page);
  await expect(signIn.heading1).toBeVisible();
  await expect(signIn.userId).toBeVisible();

  // The old password no longer works; the new one does.
  await signIn.goto();
  await signIn.signIn(account.userId, account.password);
  await signIn.expectBadCredentials();
  await signIn.signIn(account.userId, password);
  await new SecurityInfoPage(page).expectShownFor(account.displayName);

  // The notice went to the primary address and to the authentication address, each with a
  // "this wasn't me" link.
  for (const address of [account.email, home!.address]) {
    const notice = await waitForNotice(address, t.noticeResetSubject, done.at);
    expect(notice.language).toMatch(/^en/);
    expect(notMeLink(notice)).toMatch(/\/reset\/not-me\?token=/);
    expect(messageText(notice)).not.toContain(password);
  }
});
