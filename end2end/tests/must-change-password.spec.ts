import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { messageText, waitForMessage } from '../fixtures/inbox';
import { ChangePasswordPage } from '../pages/change-password-page';
import { SecurityInfoPage } from '../pages/security-info-page';
import { SignInPage } from '../pages/sign-in-page';
import { outbox as outboxTexts } from '../pages/texts';

const NEW_PASSWORD = 'a brand new passphrase for e2e 7';

test('an account that must change its password is made to choose a valid new one', async ({ page, browser }) => {
  // Five password hashes (argon2) and five axe runs: more than the default 30 s on a busy 2-core box.
  test.slow();
  const account = createAccount({ mustChange: true });
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(account.userId, account.password);

  const change = new ChangePasswordPage(page);
  await change.expectShown();
  await expectNoA11yViolations(page);

  // Confirmation differs (both long enough): the mismatch is reported.
  await change.change(NEW_PASSWORD, `${NEW_PASSWORD}x`);
  await expect(change.mismatchAlert).toBeVisible();
  await expect(change.heading1).toBeVisible();
  await expectNoA11yViolations(page);

  // Matching but shorter than 15 characters: the length rule is reported.
  await change.change('short pass 14c', 'short pass 14c');
  await expect(change.tooShortAlert).toBeVisible();
  await expect(change.mismatchAlert).toBeHidden();
  await expect(change.heading1).toBeVisible();
  await expectNoA11yViolations(page);

  // A good password: on to Security info.
  const beforeChange = Date.now();
  await change.change(NEW_PASSWORD);
  const securityInfo = new SecurityInfoPage(page);
  await securityInfo.expectShownFor(account.displayName);
  await expectNoA11yViolations(page);

  // The "password was changed" e-mail really went out over SMTP to the account's primary address.
  const mail = await waitForMessage(account.email, 'email', {
    after: beforeChange,
    where: (m) => m.channel === 'email' && m.subject === outboxTexts.passwordChangedSubject,
  });
  expect(mail.to.toLowerCase()).toBe(account.email.toLowerCase());
  expect(messageText(mail)).toContain(account.displayName);

  // The change took effect: in a fresh browser context the new password signs straight in
  // (no second forced change) and the old one is refused.
  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    const freshSignIn = new SignInPage(other);
    await freshSignIn.goto();
    await freshSignIn.signIn(account.userId, account.password);
    await freshSignIn.expectBadCredentials();

    await freshSignIn.signIn(account.userId, NEW_PASSWORD);
    await new SecurityInfoPage(other).expectShownFor(account.displayName);
  } finally {
    await context.close();
  }
});
