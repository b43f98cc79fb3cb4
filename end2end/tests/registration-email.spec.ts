import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { uniqueHomeEmail } from '../fixtures/contacts';
import { latestCode, waitForMessage } from '../fixtures/inbox';
import { RegistrationPage } from '../pages/registration-page';
import { SignInPage } from '../pages/sign-in-page';

// The authentication e-mail: an address the user can open without the password they reset,
// so never their work (primary) address. Codes are read from the real SMTP sink.

test('the work e-mail address is refused as the authentication e-mail', async ({ page }) => {
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account);
  const t = reg.t;

  const same = await reg.sendEmailCode(account.email);
  expect(same.location).toMatch(/[?&]error=/);
  await reg.expectFieldError(reg.emailAddress, t.sameAsPrimary);
  await expect(reg.emailCode).toHaveCount(0);

  // Capitals make no other address.
  const shouted = await reg.sendEmailCode(account.email.toUpperCase());
  expect(shouted.location).toMatch(/[?&]error=/);
  await reg.expectFieldError(reg.emailAddress, t.sameAsPrimary);
  await expect(reg.emailCode).toHaveCount(0);
  await expect(reg.emailCard.getByText(t.notSet, { exact: true })).toBeVisible();
});

test('a home address is verified with the e-mailed code, then Finish confirms', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account);
  const t = reg.t;
  await reg.expectFresh();

  const home = uniqueHomeEmail();
  const sent = await reg.sendEmailCode(home.address);
  await expect(reg.status(t.codeSent)).toBeVisible();
  await reg.expectCodeSent('auth_email', t.codeSentEmail(home.masked));

  // The mail went to the home address only, in English.
  const mail = await waitForMessage(home.address, 'email', { after: sent.at });
  expect(mail.to.toLowerCase()).toBe(home.address.toLowerCase());
  expect(mail.language).toMatch(/^en/);
  // The greeting holds the display name, whose random hex could pass for a code: leave it out.
  const code = await latestCode(home.address, 'email', { after: sent.at, ignore: [account.displayName] });

  await reg.enterCode('auth_email', code);
  await expect(reg.status(t.emailVerified)).toBeVisible();
  await reg.expectVerified('auth_email', home.masked);
  await reg.expectProgress(1, 1, t.finishReady);

  await reg.finish();
  await expect(reg.status(t.finished)).toBeVisible();
});

test('Cancel signs out without confirming anything', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account);
  const t = reg.t;

  const home = uniqueHomeEmail();
  await reg.sendEmailCode(home.address);
  await reg.expectCodeSent('auth_email', t.codeSentEmail(home.masked));

  await reg.cancel();
  const signIn = new SignInPage(page);
  await expect(signIn.heading1).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: t.cancelled })).toBeVisible();
  await expect(reg.heading1).toHaveCount(0);

  // Signed out for real: /setup asks to sign in again.
  await signIn.goto();
  await expect(signIn.userId).toBeVisible();
  await expect(reg.heading1).toHaveCount(0);

  // Signing in again: nothing was registered, and no code waits any more.
  const again = await RegistrationPage.signIn(page, account);
  await expect(again.emailAddress).toBeVisible();
  await expect(again.emailCode).toHaveCount(0);
  await expect(again.emailCard.getByText(t.notSet, { exact: true })).toBeVisible();
  await expect(again.finishButton).toBeDisabled();
});
