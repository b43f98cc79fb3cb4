import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { registerMethods, NotMePage, notMeLink, ResetPage, strongPassword, waitForNotice } from '../pages/reset-page';
import { SecurityInfoPage } from '../pages/security-info-page';
import { SignInPage } from '../pages/sign-in-page';
import { en } from '../pages/catalogue';

// An account locked out of sign-in may unlock itself after the gates, keeping its password; and
// the "this wasn't me" link of a notice locks the account for good.

test('an account locked out of sign-in is unlocked without a new password', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const { email: home } = await registerMethods(page, account, { email: true, signOut: true });

  // Five wrong passwords lock the account out of sign-in: even the right one is refused.
  const signIn = new SignInPage(page);
  await signIn.goto();
  for (let i = 0; i < 5; i++) {
    await signIn.signIn(account.userId, `not the right password ${i}`);
    await signIn.expectBadCredentials();
  }
  const reset = new ResetPage(page);
  const t = reset.t;
  await signIn.signIn(account.userId, account.password);
  await expect(page.getByRole('alert').filter({ hasText: t.locked(1) })).toBeVisible();

  await reset.goto();
  await reset.start(account.userId);
  await reset.expectGates(account.userId, ['email']);
  await reset.passCodeGate('email', home!.address, home!.masked, [account.displayName]);

  // The gates are passed: unlock, or choose a new password.
  await reset.expectChoose(account.userId);
  await expect(page.getByRole('region', { name: t.unlockButton, exact: true })).toBeVisible();
  const unlocked = await reset.unlock();
  expect(unlocked.location).not.toMatch(/[?&]error=/);
  await reset.expectUnlocked();
  await expect(reset.newPassword).toHaveCount(0);

  // The old password works again.
  await reset.signInLink.click();
  await expect(signIn.heading1).toBeVisible();
  await signIn.signIn(account.userId, account.password);
  await new SecurityInfoPage(page).expectShownFor(account.displayName);

  // And the owner was told, with a "this wasn't me" link.
  const notice = await waitForNotice(account.email, t.noticeUnlockedSubject, unlocked.at);
  expect(notMeLink(notice)).toMatch(/\/reset\/not-me\?token=/);
});

test('"this wasn\'t me" from the notice of a reset locks the account', async ({ browser, page }) => {
  test.slow();
  const account = createAccount();
  const { email: home } = await registerMethods(page, account, { email: true, signOut: true });

  const reset = new ResetPage(page);
  const t = reset.t;
  await reset.goto();
  await reset.start(account.userId);
  await reset.passCodeGate('email', home!.address, home!.masked, [account.displayName]);
  await reset.expectChoose(account.userId);
  const password = strongPassword();
  const done = await reset.setPassword(password);
  await reset.expectDone();

  // The owner did not do it: the link from the notice (here, at the authentication address).
  const notice = await waitForNotice(home!.address, t.noticeResetSubject, done.at);
  const link = notMeLink(notice);
  const notMe = new NotMePage(page);
  await notMe.openLink(link);
  // Opening the link changes nothing (mail scanners open links); the button does.
  await expect(notMe.lockButton).toBeVisible();
  await notMe.lock();

  // Signing in is refused, even with the new password.
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(account.userId, password);
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toBeVisible();
  await expect(signIn.heading1).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: en.text('security_info_title'), exact: true })).toHaveCount(0);

  // Nobody can reset it on their own any more (here from another browser): the page is the one
  // of an unknown user ID.
  const elsewhere = await browser.newContext();
  const other = new ResetPage(await elsewhere.newPage());
  await other.goto();
  await other.start(account.userId);
  await other.expectStopped('notRegistered', account.userId);
  await elsewhere.close();

  // The link works once.
  await notMe.openLink(link);
  await expect(page.getByRole('alert').filter({ hasText: t.notMeInvalid })).toBeVisible();
  await expect(notMe.lockButton).toHaveCount(0);
});
