import { expect, test } from '@playwright/test';
import { createAccount, unknownUserId } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { SignInPage } from '../pages/sign-in-page';
import { signIn as signInTexts } from '../pages/texts';
import { en } from '../pages/catalogue';

// Both failures must read the same, so that the form does not tell which user IDs exist.

test('a wrong password is refused with the generic alert', async ({ page }) => {
  const account = createAccount();
  const signIn = new SignInPage(page);
  await signIn.goto();

  await signIn.signIn(account.userId, 'not the right password at all');

  await signIn.expectBadCredentials();
  // Exactly this message and nothing more (empty live regions aside).
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(signInTexts.en.badCredentials);
  await expect(page.getByText(en.text('security_info_title'), { exact: true })).toHaveCount(0);
  await expectNoA11yViolations(page);
});

test('an unknown user ID is refused with the same alert', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();

  await signIn.signIn(unknownUserId(), 'correct horse battery staple 42');

  await signIn.expectBadCredentials();
  // Exactly this message and nothing more (empty live regions aside).
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(signInTexts.en.badCredentials);
  await expect(page.getByText(en.text('security_info_title'), { exact: true })).toHaveCount(0);
  await expectNoA11yViolations(page);
});
