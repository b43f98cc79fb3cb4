import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { SecurityInfoPage } from '../pages/security-info-page';
import { SignInPage } from '../pages/sign-in-page';

test('signing in with the right password shows Security info for that user', async ({ page }) => {
  const account = createAccount();
  const signIn = new SignInPage(page);

  await signIn.goto();
  await signIn.expectLanguage('en');
  await expectNoA11yViolations(page);

  await signIn.signIn(account.userId, account.password);

  const securityInfo = new SecurityInfoPage(page);
  await securityInfo.expectShownFor(account.displayName);
  await expect(signIn.heading1).toBeHidden();
  // The credentials went in a POST body, never into the address bar.
  expect(page.url()).not.toContain('battery');
  expect(page.url()).not.toContain(encodeURIComponent(account.userId));
  await expectNoA11yViolations(page);
});
