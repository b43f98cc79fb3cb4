import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { ChangePasswordPage } from '../pages/change-password-page';
import { OutboxPage } from '../pages/outbox-page';
import { SecurityInfoPage } from '../pages/security-info-page';
import { SignInPage } from '../pages/sign-in-page';

// WCAG 2.2 AA (axe-core) on each state a user meets.

test('sign-in page', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await expectNoA11yViolations(page);
});

test('sign-in error state', async ({ page }) => {
  const account = createAccount();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(account.userId, 'not the right password at all');
  await signIn.expectBadCredentials();
  await expectNoA11yViolations(page);
});

test('signed-in Security info page', async ({ page }) => {
  const account = createAccount();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(account.userId, account.password);
  await new SecurityInfoPage(page).expectShownFor(account.displayName);
  await expectNoA11yViolations(page);
});

test('change-password page with an error', async ({ page }) => {
  const account = createAccount({ mustChange: true });
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(account.userId, account.password);
  const change = new ChangePasswordPage(page);
  await change.expectShown();
  await expectNoA11yViolations(page);
  await change.change('a brand new passphrase for e2e 7', 'something else entirely 99');
  await expect(change.mismatchAlert).toBeVisible();
  await expectNoA11yViolations(page);
});

test('development outbox', async ({ page }) => {
  const outbox = new OutboxPage(page);
  await outbox.goto();
  await expectNoA11yViolations(page);
});

test('sign-in page and its error state in French', async ({ page }) => {
  const en = new SignInPage(page, 'en');
  await en.goto();
  await en.switchLanguage('en', 'fr');
  const fr = new SignInPage(page, 'fr');
  await expect(fr.heading1).toBeVisible();
  await expectNoA11yViolations(page);

  await fr.signIn('nobody-at-all@contoso.example', 'correct horse battery staple 42');
  await fr.expectBadCredentials();
  await expectNoA11yViolations(page);
});
